// The conversation's chat: the transcript as the visitor sees it (their own
// messages from the moment they send them), how far the agent has received and
// read it, whether the agent is typing; and the visitor's own typing and
// reading, told to the agent.
import { keepDraft } from '../draft.ts';
import { defaultQueue, maxChatChars, type ChatMessage, type Participant } from '@beckon/protocol';
import type { Conversation } from '@beckon/rtc';
import { atom, computed, map } from 'nanostores';
import { hostEvents } from '../host-events.ts';
import { $conversation, conversationEvents, isConversationOpen, joinedConversation, noteHeard, openConversation } from './conversation.ts';
import { $panelSeen } from './panel.ts';
import { $realTimeText } from './real-time-text.ts';

export interface ChatEntry {
  /** Stays the same while an own message goes from sending to sent. */
  key: string;
  /** The id the conversation gave the message; null until it was handed to one. */
  id: string | null;
  /** Its number in the transcript; null until the server has it. */
  n: number | null;
  from: Participant;
  text: string;
  /** Epoch ms: when the server stored it, or when the visitor sent it. */
  at: number;
  /** An own message that did not reach the server. */
  failed: boolean;
}

export interface ChatState {
  /** The conversation the transcript belongs to; null before the first message reached one. */
  conversationId: string | null;
  /** Transcript order; own messages the server does not have yet come last. */
  messages: ChatEntry[];
  /** The agent has received (`delivered`) and seen (`read`) the visitor's messages up to these numbers. */
  delivered: number;
  read: number;
  agentTyping: boolean;
}

export type MessageStatus = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

const empty: ChatState = { conversationId: null, messages: [], delivered: 0, read: 0, agentTyping: false };

export const $chat = map<ChatState>(empty);

/** What the visitor wrote for a chat that could not start, or a message the server refused, for the message box to give back. */
export const $returnedDraft = atom('');

/** Why support refused the visitor's last message (sending too fast), said until they send again. */
export const $chatRefusal = atom('');

/** The visitor stops counting as typing after this long without a keystroke. */
export const typingIdleMs = 3000;

let localMessages = 0;
let typing = false;
let typingTimer: ReturnType<typeof setTimeout> | undefined;
// The last agent message this page told the agent was read.
const $readThrough = atom(0);

/** The agent's messages the visitor has not seen yet: the support button counts them while the panel is closed. */
export const $unread = computed([$chat, $readThrough], (chat, through) => chat.messages.filter((entry) => entry.from === 'agent' && entry.n !== null && entry.n > through).length);
let readDue = false;
let chatQueue: string | undefined;

/**
 * Where an own message stands: sending, sent (the server has it), delivered, read, or failed.
 * @example messageStatus(entry, $chat.get()) // 'delivered'
 */
export function messageStatus(entry: ChatEntry, chat: Pick<ChatState, 'delivered' | 'read'>): MessageStatus {
  if (entry.n === null) return entry.failed ? 'failed' : 'sending';
  if (entry.n <= chat.read) return 'read';
  return entry.n <= chat.delivered ? 'delivered' : 'sent';
}

/**
 * Sets the queue the next chat waits in (`Beckon('startChat', { queue })`); none means the page's.
 * It holds for that one chat; during a conversation there is no chat to start, and nothing is kept.
 * @example chooseChatQueue('billing');
 */
export function chooseChatQueue(queue: string | undefined): void {
  if (!isConversationOpen($conversation.get())) chatQueue = queue;
}

/**
 * Sends a chat message; the first one starts the conversation. Returns
 * whether it was taken (not blank, not too long, the conversation not in another tab).
 * @example if (sendMessage(draft)) setDraft('');
 */
export function sendMessage(text: string): boolean {
  const line = text.trim();
  const state = $conversation.get();
  if (!line || line.length > maxChatChars || state.step === 'replaced') return false;
  $chatRefusal.set('');
  stopTyping();
  if ($realTimeText.get().on) joinedConversation()?.sendRealTimeLine();
  const starting = !isConversationOpen(state);
  const entry: ChatEntry = { key: `local-${++localMessages}`, id: null, n: null, from: 'visitor', text: line, at: Date.now(), failed: false };
  $chat.set({ ...(starting ? empty : $chat.get()), messages: [...(starting ? [] : $chat.get().messages), entry] });
  const conversation = joinedConversation();
  // Once the chat is in its queue, later chats wait in the page's queue again.
  if (starting) void openConversation('chat', { queue: chatQueue }).then((opened) => (opened ? (chatQueue = undefined) : notStarted()));
  else if (conversation) handOver(conversation);
  return true;
}

/**
 * Takes the composer's draft into account: typing shown to the agent until the
 * visitor sends or pauses, or with real-time text on, the draft itself.
 * @example <textarea onInput={(event) => draftChanged(event.currentTarget.value)} />
 */
export function draftChanged(draft: string): void {
  const conversation = joinedConversation();
  if ($realTimeText.get().on) return conversation?.typeRealTimeText(draft);
  if (!draft.trim()) return stopTyping();
  clearTimeout(typingTimer);
  typingTimer = setTimeout(stopTyping, typingIdleMs);
  if (typing || !conversation || $conversation.get().step !== 'accepted') return;
  typing = true;
  conversation.setTyping(true);
}

function stopTyping(): void {
  clearTimeout(typingTimer);
  if (!typing) return;
  typing = false;
  joinedConversation()?.setTyping(false);
}

// Own messages not yet handed to the conversation go now, in the order written.
function handOver(conversation: Conversation): void {
  const messages = $chat.get().messages.map((entry) => (entry.id === null && !entry.failed ? { ...entry, id: conversation.sendChat(entry.text) } : entry));
  $chat.setKey('messages', messages);
}

/**
 * Takes back the visitor's messages no conversation took (its queue was
 * closed), as one text for the message they may leave instead.
 * @example takeUnsent() // 'Hello, my invoice is wrong'
 */
export function takeUnsent(): string {
  const text = unsentText();
  $chat.setKey('messages', $chat.get().messages.filter((entry) => entry.n !== null));
  return text;
}

/**
 * Takes back what the visitor wrote for a chat that could not start, to send again.
 * @example if ($returnedDraft.get()) setDraft(takeReturnedDraft());
 */
export function takeReturnedDraft(): string {
  const text = $returnedDraft.get();
  $returnedDraft.set('');
  return text;
}

function unsentText(): string {
  return $chat.get().messages.filter((entry) => entry.n === null).map((entry) => entry.text).join('\n');
}

function markUnsent(): void {
  $chat.setKey('messages', $chat.get().messages.map((entry) => (entry.n === null ? { ...entry, failed: true } : entry)));
}

// The chat did not start: the server refused it, or the queue is closed (what the visitor wrote goes to the message they may leave instead).
function notStarted(): void {
  markUnsent();
  const state = $conversation.get();
  if (state.step !== 'failed') return;
  // A queue the server does not know refuses every message: the next one goes to the default queue.
  if (state.code === 'unknown_queue') chatQueue = defaultQueue;
  // Marked not sent in the transcript, and back in the message box to send again.
  $returnedDraft.set(unsentText());
}

// A refused chat message leaves the transcript for the message box, to be sent
// again in a moment (kept in the transcript it would stay below all that comes
// after). A refusal of something else (a receipt) takes no message back.
function refused(code: string, message: string, chatId: string | undefined): void {
  const chat = $chat.get();
  const taken = chatId === undefined ? undefined : chat.messages.find((entry) => entry.from === 'visitor' && entry.n === null && entry.id === chatId);
  if (taken) {
    $chat.setKey('messages', chat.messages.filter((entry) => entry !== taken));
    $returnedDraft.set([$returnedDraft.get(), taken.text].filter(Boolean).join('\n'));
  }
  $chatRefusal.set(code === 'rate_limited' ? message : 'Your messages cannot reach support right now. Please try again in a moment.');
}

function joinedTo(conversationId: string): void {
  const chat = $chat.get();
  // A new conversation keeps only what was written for it: its first message.
  if (chat.conversationId !== conversationId) $chat.set({ ...empty, conversationId, messages: chat.messages.filter((entry) => entry.n === null && !entry.failed) });
  $readThrough.set(0);
  typing = false;
  handOver(joinedConversation()!);
}

// The server's copy of a message: an echo of an own one, news from the agent,
// or (after a reload or in another tab) the transcript again, taken once by number.
function receive(message: ChatMessage): void {
  const chat = $chat.get();
  if (chat.messages.some((entry) => entry.n === message.n)) return;
  // Matched by id, also when it was marked failed: the server may have had it after all.
  const own = message.from === 'visitor' ? chat.messages.find((entry) => entry.n === null && entry.id === message.id) : undefined;
  const entry: ChatEntry = { key: own?.key ?? message.id, id: message.id, n: message.n, from: message.from, text: message.text, at: message.at, failed: false };
  // The server sends the transcript in order; own messages it does not have yet stay last.
  const confirmed = chat.messages.filter((kept) => kept.n !== null);
  const waiting = chat.messages.filter((kept) => kept.n === null && kept !== own);
  $chat.set({ ...chat, messages: [...confirmed, entry, ...waiting], agentTyping: message.from === 'agent' ? false : chat.agentTyping });
  if (noteHeard(message.n)) hostEvents.emit({ name: 'chat:message', detail: { from: message.from, text: message.text } });
  markReadSoon();
}

// Once for a burst (a replayed transcript), and only while the visitor can see the panel.
function markReadSoon(): void {
  if (readDue) return;
  readDue = true;
  queueMicrotask(() => {
    readDue = false;
    const conversation = joinedConversation();
    const latest = $chat.get().messages.findLast((entry) => entry.from === 'agent' && entry.n !== null)?.n ?? 0;
    if (!conversation || !$panelSeen.get() || latest <= $readThrough.get()) return;
    $readThrough.set(latest);
    conversation.markRead(latest);
  });
}

$panelSeen.listen(markReadSoon);

conversationEvents.on((event) => {
  switch (event.type) {
    case 'joined':
      return joinedTo(event.conversationId);
    case 'chat':
      return receive(event.message);
    case 'receipt':
      if (event.participant === 'agent') $chat.setKey(event.kind, Math.max($chat.get()[event.kind], event.through));
      return;
    case 'typing':
      if (event.participant === 'agent') $chat.setKey('agentTyping', event.typing);
      return;
    case 'transferred':
      return $chat.setKey('agentTyping', false);
    case 'error':
      if (event.code === 'rate_limited' || event.code === 'backlog_full') refused(event.code, event.message, event.refusedChat);
      return;
    case 'forgotten':
      // What the customer was writing goes too: the next person must not find it in the box.
      keepDraft('');
      return $chat.set(empty);
    case 'replaced':
    case 'ended':
      clearTimeout(typingTimer);
      typing = false;
      markUnsent();
      $chatRefusal.set('');
      return $chat.setKey('agentTyping', false);
  }
});
