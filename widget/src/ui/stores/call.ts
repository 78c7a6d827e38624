// The visitor's call, step by step: asking for devices, checking them,
// waiting in the queue (or for a call back), accepted, connected, ended. The
// conversation itself is run by @beckon/rtc.
import { defaultQueue, type CallbackResponse, type EndReason, type Media, type QueuedCall } from '@beckon/protocol';
import type { Conversation, ConversationEvent } from '@beckon/rtc';
import { atom } from 'nanostores';
import { asApiError, requestCall } from '../api.ts';
import { emitError, hostEvents } from '../host-events.ts';
import { describeMediaError } from '../media-errors.ts';
import { services } from '../services.ts';
import { offerAlternatives, offerIfClosed, waitOver } from './alternatives.ts';
import { noteQuality, resetConnectionHint } from './connection-hint.ts';
import { followLocalDevices } from './devices.ts';
import { $media, releaseMedia } from './media.ts';
import { openPanel } from './panel.ts';
import { ensureSession } from './session.ts';
import { askSurvey, skipSurvey } from './survey.ts';

export type CallState =
  | { step: 'idle' }
  | { step: 'asking'; media: Media }
  | { step: 'media-error'; media: Media; reason: string }
  /** Devices granted; the visitor sees and hears them before joining the queue. */
  | { step: 'checking'; media: Media; queue?: string }
  /** `position` is null until the API has put the visitor in the queue; `estimatedWaitSeconds` while nobody who could answer is signed in. */
  | { step: 'queued'; media: Media; position: number | null; estimatedWaitSeconds: number | null }
  /** Waiting for an agent to call back, without devices; the conversation stays open so the call can reach the page. */
  | { step: 'callback'; media: Media }
  /** An agent is calling back; `answering` while the devices start, `problem` when they could not. */
  | { step: 'ringing'; media: Media; agent: string; answering: boolean; problem: string | null }
  | { step: 'accepted'; media: Media; agent: string }
  /** `reconnecting` while media has stopped and the call is being recovered. */
  | { step: 'connected'; media: Media; agent: string; reconnecting: boolean }
  | { step: 'ended'; reason: EndReason }
  | { step: 'failed'; message: string };

export const $call = atom<CallState>({ step: 'idle' });

let conversation: Conversation | null = null;
// The call being joined, kept for the survey once it ends; `connected` once media flowed.
let joinedCall: { conversationId: string; token: string; connected: boolean } | null = null;
// Bumped whenever a call starts or is abandoned while devices are asked for,
// so an answer that arrives late can tell it is no longer wanted.
let attempt = 0;
// rtc drops messages sent before its socket opens; the first message from the
// server proves it is open, so a request to leave waits for it.
let heard = false;
let leaving = false;

// From asking for devices until the call ends.
function isCalling(call: CallState): boolean {
  return ['asking', 'checking', 'queued', 'callback', 'ringing', 'accepted', 'connected'].includes(call.step);
}

/**
 * Starts a call: visitor session, then camera and microphone, then the check
 * of both (unless `skipCheck`), then the queue (`queue`, else the page's).
 * @example await startCall('video', { skipCheck: true, queue: 'billing' });
 */
export async function startCall(media: Media, { skipCheck = false, queue = services().queue }: { skipCheck?: boolean; queue?: string } = {}): Promise<void> {
  if (isCalling($call.get())) return emitError('conflict', 'A call is already in progress.');
  const current = ++attempt;
  skipSurvey();
  $call.set({ step: 'asking', media });
  const token = await ensureSession();
  if (current !== attempt) return;
  if (!token) return $call.set({ step: 'idle' });
  // A closed queue offers a message or a callback before any device is asked for.
  const closed = await offerIfClosed(token, media, queue ?? defaultQueue);
  if (current !== attempt) return;
  if (closed) return $call.set({ step: 'idle' });

  // Devices come before the queue, so a denied camera never leaves a half-made call behind.
  let stream: MediaStream;
  try {
    stream = await services().captureMedia(media);
  } catch (error) {
    if (current !== attempt) return;
    const reason = describeMediaError(error, media);
    $call.set({ step: 'media-error', media, reason });
    return emitError('media_unavailable', reason);
  }
  if (current !== attempt) return stopTracks(stream);
  adoptLocalMedia(stream);
  if (skipCheck) return enterQueue(media, stream, queue);
  $call.set({ step: 'checking', media, ...(queue && { queue }) });
}

/**
 * Puts the visitor in the queue with the devices they checked.
 * @example <button onClick={joinQueue}>Join call</button>
 */
export async function joinQueue(): Promise<void> {
  const call = $call.get();
  const stream = $media.get().local;
  if (call.step === 'checking' && stream) await enterQueue(call.media, stream, call.queue);
}

async function enterQueue(media: Media, stream: MediaStream, queue: string | undefined): Promise<void> {
  $call.set({ step: 'queued', media, position: null, estimatedWaitSeconds: null });
  leaving = false;
  // The check may have taken a while: the session is renewed if it is about to expire.
  const token = await ensureSession();
  if (!token) {
    // The panel says support is unavailable; the devices are no use now.
    releaseMedia();
    return $call.set({ step: 'idle' });
  }
  let call: QueuedCall;
  try {
    const answer = await requestCall(services().base, token, { media, page: services().page(), ...(queue && { queue }) });
    if ('closed' in answer) {
      // It closed while the visitor checked their devices.
      releaseMedia();
      $call.set({ step: 'idle' });
      return offerAlternatives({ reason: 'closed', queue: answer.queue, media, nextOpening: answer.nextOpening });
    }
    call = answer;
  } catch (error) {
    releaseMedia();
    const { code, message } = asApiError(error);
    $call.set({ step: 'failed', message });
    return emitError(code, message);
  }
  services().rememberCall({ conversationId: call.conversationId, token: call.token, media, expiresAt: Date.now() + conversationTokenMs });
  join(call, stream);
}

/**
 * Waits for the call back the visitor asked for, without devices: in the
 * conversation of their waiting call when it became the request, otherwise in
 * the request's own. The tab remembers it, so a reload (or another page of
 * the site) stays reachable.
 * @example waitForCallback({ conversationId, token }, 'video');
 */
export function waitForCallback(callback: CallbackResponse, media: Media): void {
  services().rememberCall({ ...callback, media, expiresAt: Date.now() + conversationTokenMs, callback: true });
  const waiting = $call.get().step === 'queued' && joinedCall?.conversationId === callback.conversationId;
  // Camera and microphone stay off until the visitor takes the call.
  releaseMedia();
  $call.set({ step: 'callback', media });
  if (waiting) return;
  leaving = false;
  join({ ...callback, position: null }, services().emptyStream());
}

/**
 * Takes the agent's call back: devices first, so the agent never reaches a
 * visitor whose devices fail; then the call goes on as any other.
 * @example <button onClick={answerCallback}>Accept</button>
 */
export async function answerCallback(): Promise<void> {
  const call = $call.get();
  const ringing = conversation;
  if (call.step !== 'ringing' || call.answering || !ringing || !joinedCall) return;
  $call.set({ ...call, answering: true, problem: null });
  let stream: MediaStream;
  try {
    stream = await services().captureMedia(call.media);
  } catch (error) {
    const problem = describeMediaError(error, call.media);
    const now = $call.get();
    if (now.step === 'ringing') $call.set({ ...now, answering: false, problem });
    return emitError('media_unavailable', problem);
  }
  if (conversation !== ringing || $call.get().step !== 'ringing') return stopTracks(stream);
  adoptLocalMedia(stream);
  for (const track of stream.getTracks()) void ringing.replaceTrack(track);
  ringing.answerCallback(true);
  // From here a reload rejoins the call with devices, as for any call.
  services().rememberCall({ conversationId: joinedCall.conversationId, token: joinedCall.token, media: call.media, expiresAt: Date.now() + conversationTokenMs });
  $call.set({ step: 'accepted', media: call.media, agent: call.agent });
}

/**
 * Declines the agent's call back; the request is closed.
 * @example <button onClick={declineCallback}>Decline</button>
 */
export function declineCallback(): void {
  if ($call.get().step === 'ringing') conversation?.answerCallback(false);
}

// The conversation token's lifetime (four hours); the remembered call is no use after it.
const conversationTokenMs = 4 * 60 * 60 * 1000;

/**
 * Comes back to the call this tab was in before a reload: same conversation,
 * same place in the queue, or the call itself on a new peer connection.
 * Returns whether there was one.
 * @example if (resumeCall()) openPanel();
 */
export function resumeCall(): boolean {
  const remembered = services().rememberedCall();
  if (!remembered || isCalling($call.get())) return false;
  const { media, conversationId, token } = remembered;
  if (remembered.callback) {
    $call.set({ step: 'callback', media });
    leaving = false;
    join({ conversationId, token, position: null }, services().emptyStream());
    return true;
  }
  const current = ++attempt;
  $call.set({ step: 'asking', media });
  void services()
    .captureMedia(media)
    .then(
      (stream) => {
        if (current !== attempt) return void stopTracks(stream);
        // No check: the visitor already chose to be in this call.
        adoptLocalMedia(stream);
        $call.set({ step: 'queued', media, position: null, estimatedWaitSeconds: null });
        leaving = false;
        join({ conversationId, token, position: null }, stream);
      },
      (error: unknown) => {
        if (current !== attempt) return;
        // Without devices there is no call to come back to; the server lets it go after its grace period.
        services().rememberCall(null);
        const reason = describeMediaError(error, media);
        $call.set({ step: 'media-error', media, reason });
        emitError('media_unavailable', reason);
      },
    );
  return true;
}

function adoptLocalMedia(stream: MediaStream): void {
  $media.set({ local: stream, remote: null, muted: false, cameraOff: false });
  // A device switched or replaced after an unplug goes to the call, once there is one.
  followLocalDevices(stream, (track) => void conversation?.replaceTrack(track));
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

function join(call: Omit<QueuedCall, 'position'> & { position: number | null }, localStream: MediaStream): void {
  const joined = services().joinConversation({
    apiBase: services().base,
    conversationId: call.conversationId,
    token: call.token,
    participant: 'visitor',
    localStream,
  });
  conversation = joined;
  joinedCall = { conversationId: call.conversationId, token: call.token, connected: false };
  heard = false;
  joined.on((event) => {
    if (conversation !== joined) return;
    const first = !heard;
    heard = true;
    follow(event);
    if (leaving && (first || event.type === 'accepted')) leave();
  });
  if (call.position !== null) queuedAt(call.position, null);
  if (leaving) leave();
}

function queuedAt(position: number, estimatedWaitSeconds: number | null): void {
  const call = $call.get();
  if (call.step !== 'queued' || (call.position === position && call.estimatedWaitSeconds === estimatedWaitSeconds)) return;
  $call.set({ ...call, position, estimatedWaitSeconds });
  hostEvents.emit({ name: 'call:queued', detail: { position, estimatedWaitSeconds } });
}

function follow(event: ConversationEvent): void {
  const call = $call.get();
  switch (event.type) {
    case 'queued':
      return queuedAt(event.position, event.estimatedWaitSeconds);
    case 'accepted':
      waitOver();
      if (call.step === 'queued') $call.set({ step: 'accepted', media: call.media, agent: event.agent.name });
      return;
    case 'long-wait':
      if (call.step === 'queued' && joinedCall) offerAlternatives({ reason: 'long-wait', media: call.media, conversationId: joinedCall.conversationId, waitedSeconds: event.waitedSeconds });
      return;
    case 'callback-waiting':
      // The call back rang out (or the page came back while waiting): wait for the next one.
      if (call.step === 'ringing') $call.set({ step: 'callback', media: call.media });
      return;
    case 'callback-ringing':
      if (call.step !== 'callback') return;
      $call.set({ step: 'ringing', media: call.media, agent: event.agent.name, answering: false, problem: null });
      openPanel();
      hostEvents.emit({ name: 'callback:ringing', detail: {} });
      return;
    case 'connection':
      if (event.state === 'connected' && call.step === 'accepted') {
        $call.set({ ...call, step: 'connected', reconnecting: false });
        if (joinedCall) joinedCall.connected = true;
        hostEvents.emit({ name: 'call:connected', detail: {} });
      }
      return;
    case 'reconnecting':
      if (call.step === 'connected') $call.set({ ...call, reconnecting: event.media });
      return;
    case 'remote-stream':
      return $media.setKey('remote', event.stream);
    case 'quality':
      return noteQuality(event.sample);
    case 'error':
      return emitError(event.code, event.message);
    case 'ended':
      waitOver();
      conversation = null;
      services().rememberCall(null);
      releaseMedia();
      resetConnectionHint();
      $call.set({ step: 'ended', reason: event.reason });
      hostEvents.emit({ name: 'call:ended', detail: { reason: event.reason } });
      // Only a call the visitor actually had is worth rating.
      if (joinedCall?.connected) askSurvey(joinedCall.conversationId, joinedCall.token);
      joinedCall = null;
  }
}

function leave(): void {
  if (!conversation || !heard) return;
  const { step } = $call.get();
  if (step === 'queued' || step === 'callback') conversation.cancel();
  else if (step === 'ringing') conversation.answerCallback(false);
  else conversation.hangUp();
}

/**
 * Leaves the call at any step: stops asking for devices, drops them after the
 * check, leaves the queue, or hangs up.
 * @example hangUp();
 */
export function hangUp(): void {
  const call = $call.get();
  if (call.step === 'asking') {
    attempt++;
    return $call.set({ step: 'idle' });
  }
  if (call.step === 'checking') {
    releaseMedia();
    return $call.set({ step: 'idle' });
  }
  if (!isCalling(call)) return;
  leaving = true;
  leave();
}

/**
 * Mutes or unmutes the visitor's microphone.
 * @example toggleMute();
 */
export function toggleMute(): void {
  const muted = !$media.get().muted;
  conversation?.setMuted(muted);
  $media.setKey('muted', muted);
}

/**
 * Turns the visitor's camera off or back on.
 * @example toggleCamera();
 */
export function toggleCamera(): void {
  const cameraOff = !$media.get().cameraOff;
  conversation?.setCameraOff(cameraOff);
  $media.setKey('cameraOff', cameraOff);
}
