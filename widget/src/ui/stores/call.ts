// The call part of the visitor's conversation: a call started from the panel
// (the queue's hours, devices, their check, then the queue), and the camera
// and microphone of a conversation that carries audio or video. Devices are
// captured only when the visitor starts a call, the conversation's `media`
// says so (after the visitor consented), or the visitor takes a call back.
import { defaultQueue, type ConversationMedia, type Media } from '@beckon/protocol';
import type { Conversation } from '@beckon/rtc';
import { atom } from 'nanostores';
import { emitError, hostEvents } from '../host-events.ts';
import { describeMediaError } from '../media-errors.ts';
import { services } from '../services.ts';
import { noteQuality, resetConnectionHint } from './connection-hint.ts';
import {
  $conversation,
  conversationEvents,
  isConversationOpen,
  joinedConversation,
  keepSwitches,
  keptSwitches,
  leaveConversation,
  openConversation,
} from './conversation.ts';
import { followLocalDevices } from './devices.ts';
import { $media, releaseMedia } from './media.ts';
import { offerIfClosed } from './alternatives.ts';
import { askFor } from './requests.ts';
import { ensureSession } from './session.ts';
import { skipSurvey } from './survey.ts';

export type CallState =
  | { step: 'idle' }
  /** Waiting for the browser to grant the camera and microphone. */
  | { step: 'asking'; media: Media }
  | { step: 'media-error'; media: Media; reason: string }
  /** A call started from the panel: devices granted, seen and heard by the visitor before joining the queue. */
  | { step: 'checking'; media: Media; queue?: string }
  /** The visitor's devices are in the conversation; `connected` once media flows, `reconnecting` while it is being recovered. */
  | { step: 'in-call'; media: Media; connected: boolean; reconnecting: boolean };

export const $call = atom<CallState>({ step: 'idle' });

// Bumped whenever devices are asked for or no longer wanted, so an answer
// that arrives late can tell it is no longer wanted.
let attempt = 0;
// The peer connection's state; a chat's (data only) may be up long before a call.
let peerConnected = false;
let connectedAnnounced = false;

/**
 * Starts a call. In a conversation with an agent, asks the agent to take it
 * to audio or video; without a conversation: visitor session, whether the
 * queue (`queue`, else the page's) is open (if not, a message or a callback
 * is offered), camera and microphone, their check (unless `skipCheck`), then the queue.
 * @example await startCall('video', { skipCheck: true, queue: 'billing' });
 */
export async function startCall(media: Media, { skipCheck = false, queue = services().queue }: { skipCheck?: boolean; queue?: string } = {}): Promise<void> {
  const conversation = $conversation.get();
  if (conversation.step === 'accepted') return askFor(media);
  if (isConversationOpen(conversation)) return emitError('conflict', 'A call can be asked for once an agent has joined the conversation.');
  const step = $call.get().step;
  if (step === 'asking' || step === 'checking') return emitError('conflict', 'A call is already in progress.');
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
  const stream = await devicesFor(media, current);
  if (!stream) return;
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
  $call.set({ step: 'in-call', media, connected: false, reconnecting: false });
  connectedAnnounced = false;
  if (await openConversation(media, { queue, localStream: stream })) return;
  // Support is unavailable or refused the call: the devices are no use now.
  releaseMedia();
  $call.set({ step: 'idle' });
}

/**
 * Asks for the devices again after they could not be used in the conversation's call, or to take the call back that rings.
 * @example <button onClick={retryDevices}>Try again</button>
 */
export function retryDevices(): void {
  const conversation = joinedConversation();
  const call = $call.get();
  if ($conversation.get().step === 'ringing') void answerCallback();
  else if (conversation && call.step === 'media-error') void capture(call.media, conversation);
}

/**
 * Takes the call back that rings: the devices first, so the agent never
 * reaches a visitor whose devices fail (the call rings on and says why), then
 * the answer; the call goes on as any other.
 * @example <button onClick={() => void answerCallback()}>Accept</button>
 */
export async function answerCallback(): Promise<void> {
  const conversation = joinedConversation();
  const ringing = $conversation.get();
  if (!conversation || ringing.step !== 'ringing' || $call.get().step === 'asking') return;
  if (ringing.media !== 'chat') {
    $call.set({ step: 'asking', media: ringing.media });
    const stream = await devicesFor(ringing.media, ++attempt);
    if (!stream) return;
    if (joinedConversation() !== conversation || $conversation.get().step !== 'ringing') return stopTracks(stream);
    conversation.addMedia(stream);
    inCall(ringing.media, conversation.localStream);
  }
  conversation.answerCallback(true);
}

/**
 * Leaves at any step: stops asking for devices, drops them after the check,
 * or leaves the conversation (the queue, a callback request or one that rings, or hangs up).
 * @example hangUp();
 */
export function hangUp(): void {
  if (isConversationOpen($conversation.get())) return leaveConversation();
  const call = $call.get();
  if (call.step === 'idle') return;
  attempt++;
  releaseMedia();
  $call.set({ step: 'idle' });
}

/**
 * Mutes or unmutes the visitor's microphone.
 * @example toggleMute();
 */
export function toggleMute(): void {
  const muted = !$media.get().muted;
  joinedConversation()?.setMuted(muted);
  $media.setKey('muted', muted);
}

/**
 * Turns the visitor's camera off or back on.
 * @example toggleCamera();
 */
export function toggleCamera(): void {
  const cameraOff = !$media.get().cameraOff;
  joinedConversation()?.setCameraOff(cameraOff);
  $media.setKey('cameraOff', cameraOff);
}

function adoptLocalMedia(stream: MediaStream): void {
  $media.set({ ...$media.get(), local: stream });
  // A device switched or replaced after an unplug goes to the call, once there is one.
  followLocalDevices(stream, (track) => joinedConversation()?.replaceTrack(track));
}

// The camera and microphone for attempt `current`; null when the visitor
// refused them (and is told why) or no longer wants them.
async function devicesFor(media: Media, current: number): Promise<MediaStream | null> {
  try {
    const stream = await services().captureMedia(media);
    if (current === attempt) return stream;
    stopTracks(stream);
  } catch (error) {
    if (current !== attempt) return null;
    const reason = describeMediaError(error, media);
    $call.set({ step: 'media-error', media, reason });
    emitError('media_unavailable', reason);
  }
  return null;
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

function inCall(media: Media, local: MediaStream): void {
  adoptLocalMedia(local);
  $call.set({ step: 'in-call', media, connected: peerConnected, reconnecting: false });
  announceConnected();
}

// What the conversation carries changed (or a page that joined learns it):
// the visitor's devices follow, captured only now if they are not there yet.
function followMedia(media: ConversationMedia): void {
  const conversation = joinedConversation()!;
  // A call back is answered with devices (answerCallback), not before.
  const { step } = $conversation.get();
  if (step === 'callback' || step === 'ringing') return;
  if (media === 'chat') return endCall(conversation);
  const local = conversation.localStream;
  const live = (kind: Media) => local.getTracks().some((track) => track.kind === kind && track.readyState === 'live');
  if (media === 'audio' && live('video')) {
    conversation.dropMedia('video');
    $media.setKey('cameraOff', false);
  }
  if (live('audio') && (media === 'audio' || live('video'))) return inCall(media, local);
  const call = $call.get();
  if (call.step !== 'asking' || call.media !== media) void capture(media, conversation);
}

async function capture(media: Media, conversation: Conversation): Promise<void> {
  $call.set({ step: 'asking', media });
  const stream = await devicesFor(media, ++attempt);
  if (!stream) return;
  if (joinedConversation() !== conversation) return stopTracks(stream);
  // Before the tracks reach the call: a visitor who muted stays muted when the call gains video,
  // and a call resumed after a reload sends nothing the visitor had switched off.
  const { muted, cameraOff } = $media.get();
  for (const track of stream.getTracks()) track.enabled = !(track.kind === 'audio' ? muted : cameraOff);
  conversation.addMedia(stream);
  inCall(media, conversation.localStream);
}

function endCall(conversation: Conversation): void {
  attempt++;
  for (const kind of ['audio', 'video'] as const) {
    if (conversation.localStream.getTracks().some((track) => track.kind === kind)) conversation.dropMedia(kind);
  }
  stopCall();
}

function stopCall(): void {
  releaseMedia();
  resetConnectionHint();
  connectedAnnounced = false;
  $call.set({ step: 'idle' });
}

function announceConnected(): void {
  const call = $call.get();
  if (call.step !== 'in-call' || !call.connected || connectedAnnounced) return;
  connectedAnnounced = true;
  hostEvents.emit({ name: 'call:connected', detail: {} });
}

$media.listen(({ muted, cameraOff }) => keepSwitches({ muted, cameraOff }));

conversationEvents.on((event) => {
  const call = $call.get();
  switch (event.type) {
    case 'joined':
      peerConnected = false;
      // Back in a conversation (a reload, another tab): its call comes back muted and camera-off as the visitor left it.
      return $media.set({ ...$media.get(), ...keptSwitches() });
    case 'media':
      return followMedia(event.media);
    case 'connection':
      peerConnected = event.state === 'connected';
      // Once connected, a call stays so: media that stops is `reconnecting`, not a new call.
      if (peerConnected && call.step === 'in-call' && !call.connected) $call.set({ ...call, connected: true });
      return announceConnected();
    case 'reconnecting':
      if (call.step === 'in-call' && call.connected) $call.set({ ...call, reconnecting: event.media });
      return;
    case 'remote-stream':
      return $media.setKey('remote', event.stream);
    case 'hold':
      return $media.setKey('held', event.on);
    case 'recording':
      return $media.setKey('recorded', event.on);
    case 'transferred':
      // The agent who left took the connection; the visitor's devices wait for whoever answers next.
      peerConnected = connectedAnnounced = false;
      if (call.step === 'in-call') $call.set({ ...call, connected: false, reconnecting: false });
      return;
    case 'callback-waiting':
      // Waiting in the queue became waiting for a call back, or a call back rang out: no devices until the next one is taken.
      return endCall(joinedConversation()!);
    case 'quality':
      return noteQuality(event.sample, event.warnings);
    case 'replaced':
    case 'ended':
      attempt++;
      return stopCall();
  }
});
