// The chat or call ringing on this console, from `offer` until it is
// accepted, declined or withdrawn.
import { limits, type AgentServerMessage, type Caller, type ConversationMedia } from '@beckon/protocol';
import { browserDevices, type DeviceAccess } from '@beckon/rtc';
import { atom } from 'nanostores';
import { captureDevices, captureFailure, devicesFor, stopTracks, type Capture } from '../media.ts';
import { abandonAssignment, awaitAssignment, joiningMedia, openEngine } from './assignment.ts';
import { clearNotice, showNotice } from './notice.ts';
import { sendToSwitchboard } from './switchboard.ts';
import { showView } from './view.ts';

export interface RingingOffer {
  offerId: string;
  conversationId: string;
  media: ConversationMedia;
  caller: Caller;
  /** When the ring ends, on this browser's clock (ms since the epoch). */
  ringsUntil: number;
  /** Accept was pressed (and for a call, the microphone and camera are being started). */
  answering: boolean;
  /** A colleague hands this conversation on, with a note. */
  transfer?: { from: string; note: string };
  /** Opens the conversation socket as Accept is pressed (not on a warm transfer). */
  token?: string;
}

export const $offer = atom<RingingOffer | null>(null);

/**
 * When an offer stops ringing on the local clock. The server's `expiresAt`
 * is on the server's clock; a skewed local clock must not show more than one
 * full ring.
 * @example ringDeadline(1_030_000, 1_000_000) // 1_030_000
 */
export function ringDeadline(expiresAt: number, receivedAt: number): number {
  return receivedAt + Math.min(limits.ringTimeoutMs, Math.max(0, expiresAt - receivedAt));
}

/**
 * Starts ringing for an offer from the Switchboard.
 * @example ringOffer(message, Date.now());
 */
export function ringOffer(message: Extract<AgentServerMessage, { type: 'offer' }>, now: number = Date.now()): void {
  clearNotice();
  $offer.set({
    offerId: message.offerId,
    conversationId: message.conversationId,
    media: message.media,
    caller: { visitor: message.caller.visitor, page: message.caller.page },
    ringsUntil: ringDeadline(message.expiresAt, now),
    answering: false,
    ...(message.transfer && { transfer: message.transfer }),
    ...(message.token && { token: message.token }),
  });
}

const withdrawnNotes = {
  cancelled: { call: 'The caller hung up', chat: 'The visitor left the chat' },
  timeout: { call: 'The call was not answered in time', chat: 'The chat was not answered in time' },
  taken: { call: 'Another agent answered the call', chat: 'Another agent answered the chat' },
  reassigned: { call: 'A supervisor gave the call to another agent', chat: 'A supervisor gave the chat to another agent' },
} as const;

/**
 * Stops ringing because the server took the offer back; also abandons an
 * accept still in flight for it.
 * @example withdrawOffer({ type: 'offer-withdrawn', offerId: 'o1', reason: 'cancelled' });
 */
export function withdrawOffer(message: Extract<AgentServerMessage, { type: 'offer-withdrawn' }>): void {
  const ringing = $offer.get()?.offerId === message.offerId ? $offer.get() : null;
  const media = ringing?.media ?? joiningMedia(message.offerId);
  if (ringing) $offer.set(null);
  if (!abandonAssignment(message.offerId) && !ringing) return;
  showNotice(withdrawnNotes[message.reason]?.[media === 'chat' ? 'chat' : 'call'] ?? 'The offer was withdrawn');
}

/**
 * Answers the ringing offer. For a call, the microphone and camera are
 * captured before the server hears `accept`, so a visitor is never connected
 * to an agent whose devices fail; if capture fails the offer is declined and
 * passed on. A chat captures nothing. `capture` and `devices` are where the
 * conversation's devices come from, now and when it escalates later.
 * Meanwhile the conversation socket opens (the server holds it until the
 * conversation is this agent's), so the call starts as soon as it is.
 * @example await acceptOffer();
 */
export async function acceptOffer(capture: Capture = captureDevices, devices: DeviceAccess = browserDevices): Promise<void> {
  const offer = $offer.get();
  if (!offer || offer.answering) return;
  // Devices take longest to start, so they are asked for first.
  const captured = offer.media === 'chat' ? null : capture(devicesFor(offer.media));
  $offer.set({ ...offer, answering: true });
  const stream = captured ? new MediaStream() : null;
  const engine = offer.token ? openEngine(offer.conversationId, offer.token, stream) : null;
  if (captured && stream) {
    try {
      for (const track of (await captured).getTracks()) stream.addTrack(track);
    } catch (error) {
      engine?.leave();
      if ($offer.get()?.offerId === offer.offerId) {
        $offer.set(null);
        sendToSwitchboard({ type: 'decline', offerId: offer.offerId });
        showNotice(`${captureFailure(error, offer.media)} The call was declined.`, 'alert');
      }
      return;
    }
  }
  if ($offer.get()?.offerId !== offer.offerId) {
    engine?.leave();
    return stream ? stopTracks(stream) : undefined;
  }
  $offer.set(null);
  awaitAssignment(offer, stream, { capture, devices }, engine);
  if (!sendToSwitchboard({ type: 'accept', offerId: offer.offerId })) {
    abandonAssignment(offer.offerId);
    showNotice(`The connection dropped before the ${offer.media === 'chat' ? 'chat' : 'call'} was answered.`, 'alert');
    return;
  }
  showView('conversations');
}

/**
 * Declines the ringing offer so the Switchboard offers it to someone else.
 * @example declineOffer();
 */
export function declineOffer(): void {
  const offer = $offer.get();
  if (!offer || offer.answering) return;
  $offer.set(null);
  sendToSwitchboard({ type: 'decline', offerId: offer.offerId });
}

/**
 * Stops ringing without telling the server, e.g. on sign-out.
 * @example resetOffer();
 */
export function resetOffer(): void {
  $offer.set(null);
}
