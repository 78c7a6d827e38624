// Real-time text (RFC 8865) for visitors who are deaf or hard of hearing:
// while it is on, the visitor's draft reaches the agent as it is typed. The
// agent's live text is shown whether or not it is on here.
import { map } from 'nanostores';
import { conversationEvents, joinedConversation } from './conversation.ts';

export interface RealTimeTextState {
  /** Whether the visitor's typing goes to the agent keystroke by keystroke. */
  on: boolean;
  /** What the agent is writing now, all its lines; what they send arrives as a chat message. */
  agent: string;
}

export const $realTimeText = map<RealTimeTextState>({ on: false, agent: '' });

/**
 * Turns real-time text on (the agent sees `draft` at once) or off (the agent's view of the unfinished line is cleared).
 * @example <button aria-pressed={on} onClick={() => toggleRealTimeText(draft)}>Real-time text</button>
 */
export function toggleRealTimeText(draft: string): void {
  const on = !$realTimeText.get().on;
  $realTimeText.setKey('on', on);
  joinedConversation()?.typeRealTimeText(on ? draft : '');
}

conversationEvents.on((event) => {
  if (event.type === 'real-time-text') $realTimeText.setKey('agent', event.text);
  if (event.type === 'joined' || event.type === 'transferred' || event.type === 'replaced' || event.type === 'ended') $realTimeText.setKey('agent', '');
});
