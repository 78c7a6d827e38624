// Calls inside conversations: asking the visitor for a voice or video call,
// answering the visitor's request, capturing the agent's devices once the
// conversation carries audio or video (never before), stepping down, and the
// call's own controls. The agent holds one call at a time.
import type { Media } from '@beckon/protocol';
import type { Conversation, DeviceKind } from '@beckon/rtc';
import { captureFailure, devicesFor, stopTracks } from '../media.ts';
import { $callHolder, conversationById, engineOf, linkOf, updateConversation, type ConversationLink } from './conversations.ts';
import { followAgentDevices, forgetDevices } from './devices.ts';
import { showNotice } from './notice.ts';
import { resetQuality } from './quality.ts';

/**
 * Why the agent cannot start or accept a call in this conversation now
 * (another one holds the agent's call), or null when they can.
 * @example callBlocker('c2') // 'You are in a call with Visitor 4F2A. End that call first.'
 */
export function callBlocker(id: string): string | null {
  const holder = $callHolder.get();
  if (!holder || holder.id === id) return null;
  return `You are in a call with ${holder.caller.visitor}. End that call first.`;
}

/**
 * Asks the visitor to turn the chat into a voice or video call (or a voice
 * call into video); nothing is captured until they accept.
 * @example requestCall('c1', 'video') // true when asked
 */
export function requestCall(id: string, kind: Media): boolean {
  const conversation = conversationById(id);
  const engine = engineOf(id);
  if (!conversation || !engine || conversation.phase !== 'live' || conversation.request || callBlocker(id)) return false;
  engine.request(kind);
  return true;
}

/**
 * Answers the visitor's request for a call; accepting is refused while another conversation holds the agent's call.
 * @example answerRequest('c1', true) // true when answered
 */
export function answerRequest(id: string, accept: boolean): boolean {
  const conversation = conversationById(id);
  const engine = engineOf(id);
  if (!conversation || !engine || conversation.request?.by !== 'visitor') return false;
  if (accept && callBlocker(id)) return false;
  engine.consent(accept);
  return true;
}

/**
 * Takes back the agent's own request while the visitor has not answered it.
 * @example withdrawRequest('c1') // true when sent
 */
export function withdrawRequest(id: string): boolean {
  const engine = engineOf(id);
  if (!engine || conversationById(id)?.request?.by !== 'agent') return false;
  engine.withdraw();
  return true;
}

/**
 * Turns a video call into a voice call at once; the camera stops when the server confirms.
 * @example switchToVoice('c1');
 */
export function switchToVoice(id: string): void {
  engineOf(id)?.request('audio');
}

/**
 * Ends the call and goes on chatting.
 * @example endCall('c1');
 */
export function endCall(id: string): void {
  engineOf(id)?.request('chat');
}

/**
 * Ends the whole conversation for both sides; it closes when the server confirms.
 * @example hangUp('c1');
 */
export function hangUp(id: string): void {
  engineOf(id)?.hangUp();
}

/**
 * Puts the call on hold, or takes it off: neither side sends sound or
 * pictures meanwhile. It changes when the server confirms.
 * @example toggleHold('c1');
 */
export function toggleHold(id: string): void {
  const conversation = conversationById(id);
  engineOf(id)?.hold(conversation?.heldSince === null);
}

/**
 * Mutes or unmutes the agent's microphone in the call.
 * @example toggleMute('c1');
 */
export function toggleMute(id: string): void {
  toggleOff(id, 'muted', (engine, off) => engine.setMuted(off));
}

/**
 * Turns the agent's camera off or back on.
 * @example toggleCamera('c1');
 */
export function toggleCamera(id: string): void {
  toggleOff(id, 'cameraOff', (engine, off) => engine.setCameraOff(off));
}

function toggleOff(id: string, key: 'muted' | 'cameraOff', apply: (engine: Conversation, off: boolean) => void): void {
  const conversation = conversationById(id);
  const engine = engineOf(id);
  if (!conversation || !engine) return;
  const off = !conversation[key];
  apply(engine, off);
  updateConversation(id, (current) => ({ ...current, [key]: off }));
}

// One at a time per conversation, so two quick changes never capture twice.
const following = new Map<string, Promise<void>>();

/**
 * Makes what the agent sends match what the conversation carries now:
 * captures what is missing and adds it to the call, drops what is too much.
 * Called on every `media` event.
 * @example await followMedia('c1');
 */
export function followMedia(id: string): Promise<void> {
  const next = (following.get(id) ?? Promise.resolve()).then(() => matchMedia(id));
  following.set(id, next);
  return next;
}

function liveKinds(stream: MediaStream): DeviceKind[] {
  return [...new Set(stream.getTracks().filter((track) => track.readyState === 'live').map((track) => track.kind as DeviceKind))];
}

async function matchMedia(id: string): Promise<void> {
  const conversation = conversationById(id);
  const link = linkOf(id);
  const engine = link?.engine;
  if (!conversation || !link || !engine || conversation.phase !== 'live') return;
  const wanted = devicesFor(conversation.media);
  const sending = liveKinds(engine.localStream);
  const extra = sending.filter((kind) => !wanted.includes(kind));
  for (const kind of extra) engine.dropMedia(kind);
  const missing = wanted.filter((kind) => !sending.includes(kind));
  if (!missing.length) return extra.length ? settle(id, link) : undefined;
  const blocker = callBlocker(id);
  if (blocker) {
    engine.request(sending.includes('audio') ? 'audio' : 'chat');
    return showNotice(`${blocker} The call with ${conversation.caller.visitor} went back to chat.`, 'alert');
  }
  updateConversation(id, (current) => ({ ...current, capturing: true }));
  let stream: MediaStream;
  try {
    stream = await link.capture(missing);
  } catch (error) {
    updateConversation(id, (current) => ({ ...current, capturing: false }));
    if (engineOf(id) !== engine) return;
    engine.request(sending.includes('audio') ? 'audio' : 'chat');
    return showNotice(`${captureFailure(error, conversation.media)} The call did not start.`, 'alert');
  }
  const now = conversationById(id);
  // The conversation ended, or changed again while the devices started: the next turn deals with it.
  if (!now || engineOf(id) !== engine || now.media !== conversation.media) {
    updateConversation(id, (current) => ({ ...current, capturing: false }));
    return stopTracks(stream);
  }
  engine.addMedia(stream);
  engine.setMuted(now.muted);
  engine.setCameraOff(now.cameraOff);
  settle(id, link);
}

// The tracks sent changed: the device menu follows them and the quality graph starts afresh.
function settle(id: string, link: ConversationLink): void {
  const engine = link.engine!;
  const calling = engine.localStream.getTracks().length > 0;
  if (calling) followAgentDevices(engine.localStream, (track) => engine.replaceTrack(track), link.devices);
  else forgetDevices();
  const wasCalling = conversationById(id)?.localStream !== null;
  if (calling !== wasCalling) resetQuality();
  updateConversation(id, (current) => ({ ...current, capturing: false, localStream: calling ? engine.localStream : null }));
}
