// The visitor's conversation with support, from the first chat message (or a
// call's place in the queue) until it ends: the queue, the agent who accepted
// it, a transfer to another agent, waiting to be called back and the call
// back ringing, what it carries now, and taking it over from another tab.
// The stores of its parts (chat, call, screen, requests, the alternatives to
// waiting) follow its events through `conversationEvents`; the conversation
// itself is run by @beckon/rtc.
import { conversationMediaKinds, type CallbackResponse, type ConversationMedia, type EndReason, type QueuedCall } from '@beckon/protocol';
import { createEmitter, type Conversation, type ConversationEvent } from '@beckon/rtc';
import { atom } from 'nanostores';
import type { WidgetErrorCode } from '../../context.ts';
import { asApiError, requestCall } from '../api.ts';
import { emitError, hostEvents } from '../host-events.ts';
import type { RememberedConversation } from '../remembered-conversation.ts';
import { services } from '../services.ts';
import { openPanel } from './panel.ts';
import { $session, ensureSession, namedCustomer, unavailable } from './session.ts';
import { askSurvey, skipSurvey } from './survey.ts';

export type ConversationState =
  | { step: 'idle' }
  /** Back after a reload or in another tab, until the server says where things stand. */
  | { step: 'resuming' }
  /**
   * `position` is null until the API has put the visitor in the queue; `estimatedWaitSeconds` while nobody who could answer is signed in;
   * `transferredTo`: the queue or agent an agent handed the conversation on to.
   */
  | { step: 'queued'; media: ConversationMedia; position: number | null; estimatedWaitSeconds: number | null; transferredTo?: string }
  /** Waiting, with the page open, for an agent to call back with `media`. */
  | { step: 'callback'; media: ConversationMedia }
  /** `agent` is calling back: the visitor accepts (with `answerCallback`) or declines. */
  | { step: 'ringing'; media: ConversationMedia; agent: string }
  | { step: 'accepted'; media: ConversationMedia; agent: string }
  /** Another tab of the site took the conversation over. */
  | { step: 'replaced' }
  /** `call`: whether it carried audio or video at some point, for the words the visitor reads; `agent`: null when none accepted it. */
  | { step: 'ended'; reason: EndReason; call: boolean; agent: string | null }
  /** `code`: the server's (or the network's) reason; `message`: what the visitor reads. */
  | { step: 'failed'; code: WidgetErrorCode; message: string; call: boolean };

export const $conversation = atom<ConversationState>({ step: 'idle' });

/** False while the conversation's socket to support is down and being reopened: messages wait, a call's media may still flow. */
export const $supportReachable = atom(true);

/**
 * What the stores of the conversation's parts follow: this page joined a
 * conversation, then each of its events; or the queue was closed, so none started;
 * or the customer it was started as signed out, so nothing of it may stay in view.
 */
export type ConversationUpdate =
  | { type: 'joined'; conversationId: string }
  | { type: 'closed'; media: ConversationMedia; queue: string; nextOpening: number | null }
  | { type: 'forgotten' }
  | ConversationEvent;

/** Every event of the joined conversation, once `$conversation` has taken it into account. */
export const conversationEvents = createEmitter<ConversationUpdate>();

// The conversation token's lifetime (four hours); the remembered conversation is no use after it.
const conversationTokenMs = 4 * 60 * 60 * 1000;

let joined: Conversation | null = null;
// What this page knows of the conversation it is in (or was, until another tab took it).
let current: (RememberedConversation & { agent: string | null; call: boolean; resumed: boolean }) | null = null;
// The verified customer the conversation in view (going on, or ended with its transcript) was started as; null: an anonymous visitor.
let customer: string | null = null;
// Whether this page knows what the conversation carried before the latest `media` event.
let mediaKnown = false;
// rtc drops messages sent before its socket opens; the first message from the
// server proves it is open, so a request to leave waits for it.
let heard = false;
let leaving = false;
// The place and wait the host page was last told of, so that it hears each change once.
let announcedQueue: string | null = null;

/**
 * Whether the visitor is in a conversation: in the queue, waiting for a call back, with an agent, or in another tab.
 * @example if (isConversationOpen($conversation.get())) return;
 */
export function isConversationOpen(state: ConversationState): boolean {
  return state.step !== 'idle' && state.step !== 'ended' && state.step !== 'failed';
}

/**
 * The rtc conversation this page takes part in, if any.
 * @example joinedConversation()?.sendChat('Hello');
 */
export function joinedConversation(): Conversation | null {
  return joined;
}

/**
 * Starts a conversation: a chat (`media` 'chat', nothing captured) or a call
 * with the devices the visitor checked. It waits in `queue`, else the page's;
 * a queue outside its business hours takes nothing (a `closed` update says so).
 * Resolves whether the visitor is now in the queue.
 * @example if (!(await openConversation('video', { localStream }))) releaseMedia();
 */
export async function openConversation(
  media: ConversationMedia,
  { queue = services().queue, localStream }: { queue?: string; localStream?: MediaStream } = {},
): Promise<boolean> {
  if (isConversationOpen($conversation.get())) {
    emitError('conflict', 'A conversation is already under way.');
    return false;
  }
  skipSurvey();
  leaving = false;
  $conversation.set({ step: 'queued', media, position: null, estimatedWaitSeconds: null });
  // The session is renewed first if it is about to expire.
  const token = await ensureSession();
  if (!token || leaving) {
    $conversation.set({ step: 'idle' });
    return false;
  }
  let call: QueuedCall;
  try {
    const answer = await requestCall(services().base, token, { media, page: services().page(), ...(queue && { queue }) });
    if ('closed' in answer) {
      $conversation.set({ step: 'idle' });
      conversationEvents.emit({ type: 'closed', media, queue: answer.queue, nextOpening: answer.nextOpening });
      return false;
    }
    call = answer;
  } catch (error) {
    const { code, message } = asApiError(error);
    // Blocked while the panel was open: it says so as it does to a blocked visitor opening it, rather than offer starts that fail again.
    if (code === 'visitor_blocked') {
      $conversation.set({ step: 'idle' });
      unavailable(code, message);
      return false;
    }
    // The host page hears which queue it asked for in vain; the visitor, what they can do.
    const told = code !== 'unknown_queue' ? message : `This page asked for a support team we do not have.${media === 'chat' ? ' Send your message again to reach our support team.' : ''}`;
    $conversation.set({ step: 'failed', code, message: told, call: media !== 'chat' });
    emitError(code, message);
    return false;
  }
  begin(call, media);
  join(call.position, localStream);
  return true;
}

/**
 * Waits, without devices, for an agent to call back with `media`: in the
 * conversation of the visitor's waiting chat or call when it became the
 * request, otherwise in the request's own. A reload, another page or another
 * tab waits on.
 * @example awaitCallback({ conversationId, token }, 'audio');
 */
export function awaitCallback(callback: CallbackResponse, media: ConversationMedia): void {
  $conversation.set({ step: 'callback', media });
  if (joined && current?.conversationId === callback.conversationId) {
    Object.assign(current, { token: callback.token, expiresAt: Date.now() + conversationTokenMs });
    return remember();
  }
  leaving = false;
  begin(callback, media);
  join(null);
}

// This page's record, kept for the site's other pages, of a conversation the visitor just started.
function begin({ conversationId, token }: { conversationId: string; token: string }, media: ConversationMedia): void {
  const session = $session.get();
  customer = session.status === 'ready' ? session.customerId : null;
  current = { conversationId, token, expiresAt: Date.now() + conversationTokenMs, heardThrough: 0, agent: null, call: media !== 'chat', resumed: false };
  remember();
  mediaKnown = true;
}

/**
 * Comes back to the conversation this site's pages were in (a reload, another
 * page or another tab): same place in the queue, the transcript again, and a
 * call on a new peer connection. The panel opens on it unless it turns out to
 * have ended meanwhile. Returns whether there was one.
 * @example resumeConversation();
 */
export function resumeConversation(): boolean {
  const remembered = services().rememberedConversation();
  if (!remembered || isConversationOpen($conversation.get())) return false;
  current = { ...remembered, agent: null, call: false, resumed: true };
  customer = remembered.customer ?? null;
  rejoin();
  return true;
}

/**
 * Takes the conversation back from the tab that took it over.
 * @example <button onClick={continueHere}>Continue here</button>
 */
export function continueHere(): void {
  if ($conversation.get().step !== 'replaced' || !current) return;
  // The other tab may have told the host page of more messages since.
  const stored = services().rememberedConversation();
  // It may also have muted or turned the camera off there.
  if (stored?.conversationId === current.conversationId) {
    current.heardThrough = Math.max(current.heardThrough, stored.heardThrough);
    Object.assign(current, keptSwitches(stored));
  }
  // The visitor asked for it: if it ended meanwhile, they are told.
  current.resumed = false;
  remember();
  rejoin();
}

/**
 * Leaves the conversation: out of the queue while waiting (or no more waiting
 * for a call back), declines a call back that rings, else hangs up for both sides.
 * @example leaveConversation();
 */
export function leaveConversation(): void {
  if (!isConversationOpen($conversation.get())) return;
  leaving = true;
  leave();
}

/**
 * Ends the conversation in view (for the agent too, as a hang-up) and forgets
 * it, its transcript and its survey, when it was started as a verified
 * customer the page no longer names: they signed out, and whoever uses this
 * computer next must neither see it nor carry it on as them. An anonymous
 * visitor who signs in keeps theirs, which is the customer's from then on.
 * @example identify(null); leaveIfSignedOut();
 */
export function leaveIfSignedOut(): void {
  const named = namedCustomer();
  if (!customer) {
    // An anonymous visitor who signs in. Written only then: a page another tab took it from would put back what that tab changed since (a mute).
    if (named && current) {
      customer = named;
      remember();
    }
    return;
  }
  if (customer === named) return;
  customer = null;
  if (current) {
    // A page another tab took it from joins it again, to end it.
    if (!joined) rejoin();
    joined!.hangUp();
    end('hangup', false);
    conversationEvents.emit({ type: 'ended', reason: 'hangup', outcome: null });
  }
  $conversation.set({ step: 'idle' });
  skipSurvey();
  conversationEvents.emit({ type: 'forgotten' });
}

/**
 * Whether transcript number `n` is news to this browser (no page of the site
 * told the host page about it yet); notes that it is told now.
 * @example if (noteHeard(message.n)) hostEvents.emit({ name: 'chat:message', detail });
 */
export function noteHeard(n: number): boolean {
  if (!current || n <= current.heardThrough) return false;
  current.heardThrough = n;
  remember();
  return true;
}

/**
 * Keeps the visitor's mute and camera-off with the conversation, for the page
 * that comes back to it (a reload, another page or tab). A page another tab took over keeps nothing.
 * @example keepSwitches({ muted: true, cameraOff: false });
 */
export function keepSwitches(switches: Required<Pick<RememberedConversation, 'muted' | 'cameraOff'>>): void {
  if (!current || !joined || (current.muted === switches.muted && current.cameraOff === switches.cameraOff)) return;
  Object.assign(current, switches);
  remember();
}

/**
 * The mute and camera-off kept with a conversation, by default the one this page is in.
 * @example const { muted, cameraOff } = keptSwitches();
 */
export function keptSwitches(conversation: RememberedConversation | null = current): Required<Pick<RememberedConversation, 'muted' | 'cameraOff'>> {
  return { muted: conversation?.muted === true, cameraOff: conversation?.cameraOff === true };
}

function remember(): void {
  const { conversationId, token, expiresAt, heardThrough, muted, cameraOff } = current!;
  services().rememberConversation({ conversationId, token, expiresAt, heardThrough, muted, cameraOff, customer });
}

function rejoin(): void {
  leaving = false;
  mediaKnown = false;
  $conversation.set({ step: 'resuming' });
  join(null);
}

function join(position: number | null, localStream?: MediaStream): void {
  const { conversationId, token } = current!;
  const conversation = services().joinConversation({
    apiBase: services().base,
    conversationId,
    token,
    participant: 'visitor',
    ...(localStream && { localStream }),
  });
  joined = conversation;
  heard = false;
  announcedQueue = null;
  $supportReachable.set(true);
  conversationEvents.emit({ type: 'joined', conversationId });
  conversation.on((event) => {
    if (joined !== conversation) return;
    // Not news from support: the socket's own state, which says nothing of where the conversation stands.
    if (event.type === 'link') return $supportReachable.set(event.up);
    const first = !heard;
    heard = true;
    follow(event, first);
    conversationEvents.emit(event);
    if (leaving && (first || event.type === 'accepted')) leave();
  });
  // The host page hears of the place with its estimated wait, which the queue sends as the socket opens.
  const state = $conversation.get();
  if (position !== null && state.step === 'queued') $conversation.set({ ...state, position });
  if (leaving) leave();
  // Also a page that loads without naming the customer it was started as, or one who signed out while it started.
  leaveIfSignedOut();
}

function follow(event: ConversationEvent, first: boolean): void {
  const state = $conversation.get();
  // Waiting for a call back goes on quietly from page to page; the panel opens when it rings.
  if (first && current!.resumed && event.type !== 'ended' && event.type !== 'callback-waiting') openPanel();
  const media = 'media' in state ? state.media : 'chat';
  switch (event.type) {
    case 'queued':
      return queuedAt(event.position, event.estimatedWaitSeconds);
    case 'accepted':
      if (state.step !== 'queued' && state.step !== 'resuming' && state.step !== 'ringing') return;
      current!.agent = event.agent.name;
      return $conversation.set({ step: 'accepted', media, agent: event.agent.name });
    case 'transferred':
      // The agent left with their peer connection; the transcript stays, and whoever answers next starts a new one.
      if (state.step === 'accepted') $conversation.set({ step: 'queued', media, position: null, estimatedWaitSeconds: null, transferredTo: event.to });
      return;
    case 'callback-waiting':
      // Also when a call back rang out: the next one may come.
      return $conversation.set({ step: 'callback', media });
    case 'callback-ringing':
      $conversation.set({ step: 'ringing', media, agent: event.agent.name });
      openPanel();
      return hostEvents.emit({ name: 'callback:ringing', detail: {} });
    case 'media':
      return followMedia(event.media);
    case 'replaced':
      joined = null;
      return $conversation.set({ step: 'replaced' });
    case 'error':
      return emitError(event.code, event.message);
    case 'ended':
      return end(event.reason, first && current!.resumed);
  }
}

function queuedAt(position: number, estimatedWaitSeconds: number | null): void {
  if ($conversation.get().step === 'resuming') $conversation.set({ step: 'queued', media: 'chat', position: null, estimatedWaitSeconds: null });
  const state = $conversation.get();
  if (state.step !== 'queued') return;
  // Back in a queue (after a transfer) is news even at the same place.
  const announced = state.position !== null && announcedQueue === `${position} ${estimatedWaitSeconds}`;
  if (state.position !== position || state.estimatedWaitSeconds !== estimatedWaitSeconds) $conversation.set({ ...state, position, estimatedWaitSeconds });
  if (announced) return;
  announcedQueue = `${position} ${estimatedWaitSeconds}`;
  hostEvents.emit({ name: 'call:queued', detail: { position, estimatedWaitSeconds } });
}

function followMedia(media: ConversationMedia): void {
  const state = $conversation.get();
  if (state.step === 'resuming') $conversation.set({ step: 'queued', media, position: null, estimatedWaitSeconds: null });
  else if (state.step === 'callback' || state.step === 'ringing') $conversation.set({ ...state, media });
  else if ((state.step === 'queued' || state.step === 'accepted') && state.media !== media) {
    // A page that resumes learns what the conversation carries; only a change it saw is news.
    const rank = (kind: ConversationMedia) => conversationMediaKinds.indexOf(kind);
    if (mediaKnown && media !== 'chat' && rank(media) > rank(state.media)) hostEvents.emit({ name: 'call:escalated', detail: { media } });
    $conversation.set({ ...state, media });
  }
  mediaKnown = true;
  if (media !== 'chat') current!.call = true;
}

function end(reason: EndReason, quietly: boolean): void {
  const ended = current!;
  joined = null;
  $supportReachable.set(true);
  current = null;
  services().rememberConversation(null);
  // A conversation that ended while none of the site's pages was open is simply gone.
  if (quietly) return $conversation.set({ step: 'idle' });
  $conversation.set({ step: 'ended', reason, call: ended.call, agent: ended.agent });
  hostEvents.emit({ name: 'call:ended', detail: { reason } });
  if (ended.agent !== null) askSurvey(ended.conversationId, ended.token, ended.call ? 'call' : 'chat');
}

function leave(): void {
  if (!joined || !heard) return;
  const { step } = $conversation.get();
  if (step === 'queued' || step === 'callback') joined.cancel();
  else if (step === 'ringing') joined.answerCallback(false);
  else joined.hangUp();
}
