// The chat or call ringing on this console, from `offer` until it is
// accepted, declined or withdrawn.
import { limits, type AgentServerMessage, type Caller, type ConversationMedia, type PeerSettings } from '@beckon/protocol';
import { browserDevices, type Conversation, type DeviceAccess } from '@beckon/rtc';
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
  /** Opens the conversation socket while it rings (not on a warm transfer). */
  token?: string;
  /** How the call's peer connection will be made (with `token`), so it is made while it rings. */
  peer?: PeerSettings;
  /** The microphone (and camera) started while the call rings. */
  devicesReady?: true;
  /** Why the devices did not start while it rang; Accept tries them again. */
  deviceProblem?: string;
}

export const $offer = atom<RingingOffer | null>(null);

// What a ringing offer gets ready so that Accept starts the call at once:
// the devices it needs, its conversation socket (the server holds the socket
// until the conversation is this agent's), and once the devices have started,
// the peer connection and its offer (sent when the call starts).
interface Readied {
  offerId: string;
  /** The devices, added to `stream` once started; null for a chat. */
  captured: Promise<MediaStream> | null;
  stream: MediaStream | null;
  engine: Conversation | null;
}

let readied: Readied | null = null;

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
 * Starts ringing for an offer from the Switchboard, and gets it ready: a
 * call's devices start, the conversation socket opens, and the peer
 * connection and its offer are made.
 * @example ringOffer(message, Date.now());
 */
export function ringOffer(message: Extract<AgentServerMessage, { type: 'offer' }>, now: number = Date.now()): void {
  clearNotice();
  release();
  const offer: RingingOffer = {
    offerId: message.offerId,
    conversationId: message.conversationId,
    media: message.media,
    caller: { visitor: message.caller.visitor, page: message.caller.page, ...(message.caller.customer && { customer: message.caller.customer }) },
    ringsUntil: ringDeadline(message.expiresAt, now),
    answering: false,
    ...(message.transfer && { transfer: message.transfer }),
    ...(message.token && { token: message.token }),
    ...(message.peer && { peer: message.peer }),
  };
  $offer.set(offer);
  readied = ready(offer);
}

function ready(offer: RingingOffer): Readied {
  const stream = offer.media === 'chat' ? null : new MediaStream();
  const engine = offer.token ? openEngine(offer.conversationId, offer.token, stream) : null;
  const captured = stream ? captureInto(stream, captureDevices, offer.media) : null;
  const ringing = () => $offer.get()?.offerId === offer.offerId && !$offer.get()!.answering;
  captured?.then(
    () => {
      if (offer.peer) engine?.prepare(offer.peer);
      if (ringing()) $offer.set({ ...$offer.get()!, devicesReady: true });
    },
    (error: unknown) => ringing() && $offer.set({ ...$offer.get()!, deviceProblem: captureFailure(error, offer.media) }),
  );
  return { offerId: offer.offerId, captured, stream, engine };
}

async function captureInto(stream: MediaStream, capture: Capture, media: ConversationMedia): Promise<MediaStream> {
  for (const track of (await capture(devicesFor(media))).getTracks()) stream.addTrack(track);
  return stream;
}

// Lets go of what the ringing offer got ready: its socket, and its devices once they have started.
function release(): void {
  if (!readied) return;
  const { captured, engine } = readied;
  readied = null;
  engine?.leave();
  captured?.then(stopTracks, () => {});
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
  if (ringing) release();
  if (ringing) $offer.set(null);
  if (!abandonAssignment(message.offerId) && !ringing) return;
  showNotice(withdrawnNotes[message.reason]?.[media === 'chat' ? 'chat' : 'call'] ?? 'The offer was withdrawn');
}

/**
 * Answers the ringing offer. For a call, the microphone and camera are
 * started before the server hears `accept` (while it rang, or now if that
 * failed), so a visitor is never connected to an agent whose devices fail;
 * if they fail again the offer is declined and passed on. A chat captures
 * nothing. `capture` and `devices` are where the conversation's devices come
 * from, now and when it escalates later. The conversation socket opened
 * while it rang, so the call starts as soon as the conversation is the agent's.
 * @example await acceptOffer();
 */
export async function acceptOffer(capture: Capture = captureDevices, devices: DeviceAccess = browserDevices): Promise<void> {
  const offer = $offer.get();
  const own = readied;
  if (!offer || offer.answering || own?.offerId !== offer.offerId) return;
  const { captured, stream, engine } = own;
  readied = null;
  // Devices that started while it rang (or none, for a chat): accepted at once, before anything is drawn.
  if (captured && stream && !offer.devicesReady) {
    $offer.set({ ...offer, answering: true });
    try {
      await captured.catch(() => captureInto(stream, capture, offer.media));
    } catch (error) {
      engine?.leave();
      if ($offer.get()?.offerId === offer.offerId) {
        $offer.set(null);
        sendToSwitchboard({ type: 'decline', offerId: offer.offerId });
        showNotice(`${captureFailure(error, offer.media)} The call was declined.`, 'alert');
      }
      return;
    }
    if ($offer.get()?.offerId !== offer.offerId) {
      engine?.leave();
      return stopTracks(stream);
    }
  }
  $offer.set(null);
  awaitAssignment(offer, stream, { capture, devices }, engine);
  // The offer made while it rang goes with Accept: the server passes it on with `start`.
  if (!sendToSwitchboard({ type: 'accept', offerId: offer.offerId, signals: engine?.takePrepared() })) {
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
  release();
  $offer.set(null);
  sendToSwitchboard({ type: 'decline', offerId: offer.offerId });
}

/**
 * Stops ringing without telling the server, e.g. on sign-out.
 * @example resetOffer();
 */
export function resetOffer(): void {
  release();
  $offer.set(null);
}
