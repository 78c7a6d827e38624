// The agent's call: from pressing Accept (devices captured, waiting for the
// server's `assigned`) through the live call to `ended`.
import type { AgentServerMessage, Caller, ConversationMedia } from '@beckon/protocol';
import { browserDevices, joinConversation, type Conversation, type ConversationEvent, type DeviceAccess } from '@beckon/rtc';
import { atom } from 'nanostores';
import { stopTracks } from '../media.ts';
import { $apiBase } from './api-base.ts';
import { loadContacts } from './contacts.ts';
import { followAgentDevices, forgetDevices } from './devices.ts';
import { showNotice } from './notice.ts';
import { recordQualitySample, resetQuality } from './quality.ts';

interface CallBase {
  conversationId: string;
  media: ConversationMedia;
  caller: Caller;
  localStream: MediaStream;
}

/** Accept was sent; the server has not yet handed over the conversation. */
export interface JoiningCall extends CallBase {
  phase: 'joining';
  offerId: string;
}

export interface LiveCall extends CallBase {
  phase: 'live';
  connection: RTCPeerConnectionState;
  /** Media stopped and the call is being recovered. */
  reconnecting: boolean;
  remoteStream: MediaStream | null;
  muted: boolean;
  cameraOff: boolean;
}

export type Call = JoiningCall | LiveCall;

export const $call = atom<Call | null>(null);

let conversation: Conversation | null = null;

/**
 * Holds the captured devices while the server assigns the accepted offer.
 * @example awaitAssignment(offer, stream);
 */
export function awaitAssignment(
  offer: { offerId: string; conversationId: string; media: ConversationMedia; caller: Caller },
  localStream: MediaStream,
  devices: DeviceAccess = browserDevices,
): void {
  const { offerId, conversationId, media, caller } = offer;
  $call.set({ phase: 'joining', offerId, conversationId, media, caller, localStream });
  // A device switched, or replaced after an unplug, goes to the call once it is joined.
  followAgentDevices(localStream, (track) => void conversation?.replaceTrack(track), devices);
}

/**
 * Gives up on an accepted offer that will not be assigned (withdrawn, or the
 * server refused the accept) and releases the devices.
 * @example abandonAssignment('o1') // true when a call was waiting for it
 */
export function abandonAssignment(offerId?: string): boolean {
  const call = $call.get();
  if (call?.phase !== 'joining' || (offerId !== undefined && call.offerId !== offerId)) return false;
  forgetDevices();
  stopTracks(call.localStream);
  $call.set(null);
  return true;
}

/**
 * Joins the conversation the server assigned after an accept.
 * @example startCall({ type: 'assigned', conversationId: 'c1', token: 't', media: 'video', caller });
 */
export function startCall(message: Extract<AgentServerMessage, { type: 'assigned' }>): void {
  const call = $call.get();
  if (call?.phase !== 'joining' || call.conversationId !== message.conversationId) return;
  resetQuality();
  $call.set({
    phase: 'live',
    conversationId: call.conversationId,
    media: message.media,
    caller: call.caller,
    localStream: call.localStream,
    connection: 'new',
    reconnecting: false,
    remoteStream: null,
    muted: false,
    cameraOff: false,
  });
  const joined = joinConversation({
    apiBase: $apiBase.get(),
    conversationId: message.conversationId,
    token: message.token,
    participant: 'agent',
    localStream: call.localStream,
  });
  conversation = joined;
  joined.on((event) => {
    if (conversation === joined) followConversation(event);
  });
}

function followConversation(event: ConversationEvent): void {
  const call = $call.get();
  if (call?.phase !== 'live') return;
  switch (event.type) {
    case 'connection':
      return $call.set({ ...call, connection: event.state });
    case 'reconnecting':
      return $call.set({ ...call, reconnecting: event.media });
    case 'remote-stream':
      return $call.set({ ...call, remoteStream: event.stream });
    case 'quality':
      return recordQualitySample(event.sample);
    case 'error':
      return showNotice(event.message, 'alert');
    case 'ended':
      conversation = null;
      forgetDevices();
      $call.set(null);
      resetQuality();
      showNotice('Call ended');
      void loadContacts();
      return;
  }
}

/**
 * Ends the call for both sides; the call view closes when the server confirms.
 * @example hangUp();
 */
export function hangUp(): void {
  conversation?.hangUp();
}

/**
 * Mutes or unmutes the agent's microphone.
 * @example toggleMute();
 */
export function toggleMute(): void {
  const call = $call.get();
  if (call?.phase !== 'live' || !conversation) return;
  conversation.setMuted(!call.muted);
  $call.set({ ...call, muted: !call.muted });
}

/**
 * Turns the agent's camera off or back on.
 * @example toggleCamera();
 */
export function toggleCamera(): void {
  const call = $call.get();
  if (call?.phase !== 'live' || !conversation) return;
  conversation.setCameraOff(!call.cameraOff);
  $call.set({ ...call, cameraOff: !call.cameraOff });
}

/**
 * Drops any call at once, e.g. on sign-out: hangs up and frees the devices.
 * @example leaveCall();
 */
export function leaveCall(): void {
  const call = $call.get();
  conversation?.hangUp();
  conversation = null;
  forgetDevices();
  if (call) stopTracks(call.localStream);
  $call.set(null);
  resetQuality();
}
