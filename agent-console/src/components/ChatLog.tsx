import { useSpokenText } from '@beckon/ui';
import { useEffect, useRef } from 'preact/hooks';
import { receiptOf, type AgentConversation } from '../stores/conversation-state.ts';
import { TranscriptMessages } from './TranscriptMessages.tsx';

/**
 * A conversation's messages, newest at the bottom and kept in view, then
 * whether the visitor is typing and their real-time text as they type it.
 * @example <ChatLog conversation={conversation} />
 */
export function ChatLog({ conversation }: { conversation: AgentConversation }) {
  const log = useRef<HTMLDivElement>(null);
  const count = conversation.messages.length + conversation.outgoing.length;
  // Reading the height lays the page out at once; an empty log has nothing to scroll.
  useEffect(() => {
    if (log.current && count > 0) log.current.scrollTop = log.current.scrollHeight;
  }, [count, conversation.id]);
  const visitor = conversation.caller.visitor;
  return (
    <>
      {/* Focusable, so the transcript scrolls from the keyboard. */}
      <div ref={log} class="chat-log" role="log" aria-label="Messages" tabIndex={0}>
        {count === 0 ? (
          <p class="waiting">No messages yet.</p>
        ) : (
          <TranscriptMessages
            messages={conversation.messages}
            outgoing={conversation.outgoing}
            names={{ agent: 'You', visitor }}
            receiptOf={(message) => receiptOf(conversation, message)}
          />
        )}
      </div>
      <p role="status" class="typing-status">
        {conversation.visitorTyping ? `${visitor} is typing…` : ''}
      </p>
      <VisitorRealTimeText key={conversation.id} text={conversation.visitorRealTimeText} />
    </>
  );
}

/**
 * The visitor's real-time text as they write it; screen readers hear what is
 * new of it at a calm pace, not all of it again at each keystroke.
 * @example <VisitorRealTimeText key={conversation.id} text={conversation.visitorRealTimeText} />
 */
function VisitorRealTimeText({ text }: { text: string }) {
  const spoken = useSpokenText(text);
  return (
    <>
      <section class="real-time-text" aria-label="Visitor is typing (real-time text)">
        {text}
      </section>
      <p class="sr-only" aria-live="polite">
        {spoken && <span key={spoken.id}>{spoken.text}</span>}
      </p>
    </>
  );
}
