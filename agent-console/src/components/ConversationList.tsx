import { useStore } from '@beckon/ui';
import { useEffect, useRef } from 'preact/hooks';
import { mediaLabels, requestLabels } from '../format.ts';
import { unreadCount, type AgentConversation } from '../stores/conversation-state.ts';
import { $conversations, $selectedId, selectConversation } from '../stores/conversations.ts';
import { MediaIcon } from './MediaIcon.tsx';

/**
 * The agent's conversations, one button each: who, chat or call, unread
 * messages, typing, a request waiting for consent. Arrow keys move between them.
 * @example <ConversationList />
 */
export function ConversationList() {
  const conversations = Object.values(useStore($conversations));
  const selectedId = useStore($selectedId);
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(selectedId);
  // The last conversation closed (its wrap-up saved, Close) took the focused control with it: the keyboard goes on from the list.
  useEffect(() => {
    if (shown.current !== null && selectedId === null && document.activeElement === document.body) heading.current?.focus();
    shown.current = selectedId;
  }, [selectedId]);
  return (
    <section class="conversation-list" aria-labelledby="conversation-list-title">
      <h2 id="conversation-list-title" ref={heading} tabIndex={-1}>
        Active conversations
      </h2>
      {conversations.length === 0 ? (
        <p class="waiting">None yet.</p>
      ) : (
        <ul onKeyDown={moveFocus}>
          {conversations.map((conversation) => (
            <li key={conversation.id}>
              <button type="button" aria-current={conversation.id === selectedId ? 'true' : undefined} onClick={() => selectConversation(conversation.id)}>
                <ConversationSummary conversation={conversation} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConversationSummary({ conversation }: { conversation: AgentConversation }) {
  const unread = unreadCount(conversation);
  const { request } = conversation;
  return (
    <>
      <span class="conversation-visitor">{conversation.caller.visitor}</span>
      <span class="conversation-media">
        <MediaIcon media={conversation.media} /> {mediaLabels[conversation.media]}
      </span>
      {unread > 0 && (
        <span class="unread">
          {unread}
          <span class="sr-only"> unread</span>
        </span>
      )}
      {conversation.phase === 'joining' && <span class="badge">Joining…</span>}
      {conversation.phase === 'ended' && <span class="badge">Ended</span>}
      {conversation.visitorTyping && <span class="badge typing">typing…</span>}
      {request && <span class="badge consent">{request.by === 'visitor' ? `Asks for ${requestLabels[request.kind]}` : 'Waiting for consent'}</span>}
    </>
  );
}

// Up and Down move between the conversations, as in a list of chats anywhere else.
function moveFocus(event: KeyboardEvent): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll('button')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = buttons[at + (event.key === 'ArrowDown' ? 1 : -1)];
  if (!next) return;
  event.preventDefault();
  next.focus();
}
