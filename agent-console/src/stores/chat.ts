// Chat in the agent's conversations: the composer's draft, the typing state
// the visitor sees, sending, real-time text as the agent types, and read
// receipts for the conversation the agent has on screen.
import { limits } from '@beckon/protocol';
import { computed } from 'nanostores';
import { newestFromVisitor, type AgentConversation } from './conversation-state.ts';
import { $selectedConversation, conversationById, engineOf, updateConversation } from './conversations.ts';
import { showNotice } from './notice.ts';
import { $pageVisible } from './page-visibility.ts';
import { $view } from './view.ts';

/** After this long without a keystroke the visitor no longer sees "typing". */
export const typingIdleMs = 3000;

// One timer per conversation in which the visitor was told the agent is typing.
const typing = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * The composer changed: keeps the draft, tells the visitor the agent is
 * typing (once, until a pause, a send or an empty box) and, with real-time
 * text on, sends the draft as it is typed.
 * @example editDraft('c1', 'Let me check th');
 */
export function editDraft(id: string, text: string): void {
  const conversation = conversationById(id);
  if (!conversation || conversation.phase === 'ended') return;
  updateConversation(id, (current) => ({ ...current, draft: text }));
  const engine = engineOf(id);
  if (!engine) return;
  if (conversation.realTimeText) engine.typeRealTimeText(text);
  if (!text.trim()) return stopTyping(id);
  if (!typing.has(id)) engine.setTyping(true);
  clearTimeout(typing.get(id));
  typing.set(id, setTimeout(() => stopTyping(id), typingIdleMs));
}

/**
 * Tells the visitor the agent stopped typing, if they were told otherwise.
 * @example stopTyping('c1');
 */
export function stopTyping(id: string): void {
  const timer = typing.get(id);
  if (timer === undefined) return;
  clearTimeout(timer);
  typing.delete(id);
  engineOf(id)?.setTyping(false);
}

/**
 * Sends the draft; it shows as sending until the server echoes it back.
 * With real-time text on, the line is finished on the visitor's side too.
 * @example sendMessage('c1') // true when sent
 */
export function sendMessage(id: string, now: number = Date.now()): boolean {
  const conversation = conversationById(id);
  const engine = engineOf(id);
  if (!conversation || !engine || conversation.phase !== 'live' || !conversation.draft.trim()) return false;
  const text = conversation.draft;
  if (text.length > limits.maxChatChars) {
    showNotice(`A message can be at most ${limits.maxChatChars} characters long.`, 'alert');
    return false;
  }
  const messageId = engine.sendChat(text);
  if (conversation.realTimeText) engine.sendRealTimeLine();
  stopTyping(id);
  updateConversation(id, (current) => ({ ...current, draft: '', outgoing: [...current.outgoing, { id: messageId, text, at: now }] }));
  return true;
}

/**
 * Turns real-time text on or off for the agent's composer. Turning it off
 * wipes the unfinished line from the visitor's screen.
 * @example toggleRealTimeText('c1');
 */
export function toggleRealTimeText(id: string): void {
  const conversation = conversationById(id);
  if (!conversation || conversation.phase === 'ended') return;
  const on = !conversation.realTimeText;
  engineOf(id)?.typeRealTimeText(on ? conversation.draft : '');
  updateConversation(id, (current) => ({ ...current, realTimeText: on }));
}

/** The conversation the agent can see right now: selected, on the Conversations page, in a visible tab. */
export const $shownConversation = computed([$selectedConversation, $view, $pageVisible], (conversation, view, visible) =>
  view === 'conversations' && visible ? conversation : null,
);

function markShownRead(conversation: AgentConversation): void {
  const engine = engineOf(conversation.id);
  const newest = newestFromVisitor(conversation);
  if (!engine || conversation.phase !== 'live' || newest <= conversation.readThrough) return;
  engine.markRead(newest);
  updateConversation(conversation.id, (current) => ({ ...current, readThrough: Math.max(current.readThrough, newest) }));
}

/**
 * Marks the visitor's messages read as they are shown: on selecting a
 * conversation, when new ones arrive in it, when the tab comes back. A burst
 * of messages (a replayed transcript) is read once, after it is delivered.
 * @example const stop = followReading();
 */
export function followReading(): () => void {
  let due: ReturnType<typeof setTimeout> | undefined;
  const stop = $shownConversation.subscribe((conversation) => {
    if (!conversation || due !== undefined) return;
    due = setTimeout(() => {
      due = undefined;
      const shown = $shownConversation.get();
      if (shown) markShownRead(shown);
    });
  });
  return () => {
    clearTimeout(due);
    stop();
  };
}

/**
 * Forgets the typing timers (sign-out).
 * @example resetChat();
 */
export function resetChat(): void {
  for (const timer of typing.values()) clearTimeout(timer);
  typing.clear();
}
