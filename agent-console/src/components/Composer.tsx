import { useStore } from '@beckon/ui';
import { limits } from '@beckon/protocol';
import { useEffect, useRef } from 'preact/hooks';
import type { AgentConversation } from '../stores/conversation-state.ts';
import { editDraft, sendMessage, toggleRealTimeText } from '../stores/chat.ts';
import { sendFiles } from '../stores/files.ts';
import { fillReply } from '../saved-reply-text.ts';
import { $savedReplies } from '../stores/saved-replies.ts';
import { $session } from '../stores/session.ts';

/**
 * The agent's reply box: Enter sends, Shift+Enter starts a new line; with
 * "Real-time text" on, the visitor sees each keystroke as it is typed; files
 * go to the visitor peer to peer once they accept. A saved reply goes into
 * the box where the caret is, with the customer's and the agent's names in it,
 * to be read over and sent.
 * @example <Composer conversation={conversation} />
 */
export function Composer({ conversation }: { conversation: AgentConversation }) {
  const { id, draft, realTimeText } = conversation;
  const joined = conversation.phase === 'live';
  const box = useRef<HTMLTextAreaElement>(null);
  const replies = useStore($savedReplies).items;
  const insert = (text: string) => {
    const area = box.current!;
    const next = `${draft.slice(0, area.selectionStart)}${text}${draft.slice(area.selectionEnd)}`.slice(0, limits.maxChatChars);
    const caret = Math.min(area.selectionStart + text.length, next.length);
    area.value = next;
    area.focus();
    area.setSelectionRange(caret, caret);
    editDraft(id, next);
  };
  // Focus lost with the offer card it was on (Accept) lands here, ready to reply; focus elsewhere stays put.
  useEffect(() => {
    if (document.activeElement === document.body) box.current?.focus();
  }, []);
  return (
    <form
      class="composer"
      aria-label="Reply"
      onSubmit={(event) => {
        event.preventDefault();
        sendMessage(id);
      }}
    >
      <label for={`message-${id}`}>Message</label>
      <textarea
        ref={box}
        id={`message-${id}`}
        rows={3}
        maxLength={limits.maxChatChars}
        value={draft}
        aria-describedby={`message-hint-${id}`}
        onInput={(event) => editDraft(id, event.currentTarget.value)}
        onKeyDown={(event) => {
          // Enter while an input method composes a character belongs to the input method.
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          sendMessage(id);
        }}
      />
      <p id={`message-hint-${id}`} class="hint">
        Enter sends, Shift+Enter starts a new line.
      </p>
      <div class="composer-tools">
        <label class="toggle">
          <input type="checkbox" checked={realTimeText} disabled={!joined} onChange={() => toggleRealTimeText(id)} />
          Real-time text
        </label>
        {replies.length > 0 && (
          <select
            aria-label="Insert a saved reply"
            value=""
            onChange={(event) => {
              const reply = replies.find((saved) => saved.id === event.currentTarget.value);
              event.currentTarget.value = '';
              if (reply) insert(fillReply(reply.text, conversation.caller, $session.get()?.agent.name ?? ''));
            }}
          >
            <option value="">Saved replies…</option>
            {replies.map((reply) => (
              <option key={reply.id} value={reply.id}>
                {reply.title}
              </option>
            ))}
          </select>
        )}
        <label class="file-pick">
          {/* Drawn as the button; the input says it to assistive technology, once. */}
          <span aria-hidden="true">Send a file</span>
          <input
            type="file"
            aria-label="Send a file"
            multiple
            disabled={!joined}
            onChange={(event) => {
              sendFiles(id, event.currentTarget.files ?? []);
              event.currentTarget.value = '';
            }}
          />
        </label>
        <button type="submit" class="send" disabled={!joined || !draft.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}
