import { useSpokenText, useStore } from '@beckon/ui';
import { useEffect, useRef } from 'preact/hooks';
import { $chat, messageStatus, type MessageStatus } from '../stores/chat.ts';
import { $realTimeText } from '../stores/real-time-text.ts';
import { MessageText } from './MessageText.tsx';

const statusWords: Record<MessageStatus, string> = { sending: 'Sending…', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Not sent' };

/**
 * The chat so far, newest at the bottom: a log that assistive technology reads
 * out as messages arrive. The visitor's last message says how far it got.
 * @example <Transcript agent="Ann" />
 */
export function Transcript({ agent }: { agent: string }) {
  const chat = useStore($chat);
  const log = useRef<HTMLDivElement>(null);
  // The newest message comes into view in the log, and in the panel's middle as well:
  // on a phone in a call the log sits below the call, out of sight.
  useEffect(() => {
    log.current!.lastElementChild?.scrollIntoView(false);
  }, [chat.messages.length]);
  const lastOwn = chat.messages.findLast((entry) => entry.from === 'visitor');
  return (
    // Only new messages are read out, not each receipt; focusable, so the keyboard can scroll it.
    <div ref={log} class="log" role="log" aria-live="polite" aria-relevant="additions" aria-label="Messages" tabIndex={0}>
      {chat.messages.map((entry, index) => {
        const mine = entry.from === 'visitor';
        const status = messageStatus(entry, chat);
        // The name shows where the speaker changes; assistive technology hears it on every message.
        const sameSpeaker = chat.messages[index - 1]?.from === entry.from;
        return (
          <div key={entry.key} class={mine ? 'message mine' : 'message'}>
            <span class={sameSpeaker ? 'sr' : 'who'}>{mine ? 'You' : agent}</span>
            <p class="text">
              <MessageText text={entry.text} />
            </p>
            {mine && <span class={status === 'failed' ? 'meta notice' : 'meta'}>{entry === lastOwn || entry.n === null ? statusWords[status] : ''}</span>}
          </div>
        );
      })}
    </div>
  );
}

/**
 * What the agent is doing in the composer: "Ann is typing…", and with
 * real-time text the very text they are writing, which assistive technology
 * reads out whether or not the visitor uses real-time text: what is new of
 * it, at a calm pace, rather than all of it again at each keystroke.
 * @example <AgentTyping agent="Ann" />
 */
export function AgentTyping({ agent }: { agent: string }) {
  const { agentTyping } = useStore($chat);
  const live = useStore($realTimeText).agent;
  const spoken = useSpokenText(live);
  return (
    <>
      <p class="typing" aria-live="polite">
        {agentTyping && !live ? `${agent} is typing…` : ''}
      </p>
      <section class="live-text" aria-label="Agent is typing (real-time text)">
        {live}
      </section>
      <p class="sr" aria-live="polite">
        {spoken && <span key={spoken.id}>{spoken.text}</span>}
      </p>
    </>
  );
}
