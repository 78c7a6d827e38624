// When support cannot take the visitor's call now (the queue is closed, or
// the wait passed the queue's maximum), the visitor is offered to leave a
// message or to be called back instead. The offer and the form the visitor
// fills in live here; sending them is in contact-request.ts.
import type { Media } from '@beckon/protocol';
import { atom } from 'nanostores';
import { getQueueStatus } from '../api.ts';
import { hostEvents } from '../host-events.ts';
import { services } from '../services.ts';

/** Why there is no call now: the queue's hours, or a wait that went on too long (the visitor keeps their place). */
export type NoCallReason =
  | { reason: 'closed'; queue: string; media: Media; nextOpening: number | null }
  | { reason: 'long-wait'; media: Media; conversationId: string; waitedSeconds: number };

export type AlternativesState =
  | { step: 'none' }
  /** `form`: what the visitor is filling in, if anything; `error`: why the last send did not go through. */
  | { step: 'offered'; why: NoCallReason; form: 'message' | 'callback' | null; sending: boolean; error: string | null }
  | { step: 'message-sent' };

export const $alternatives = atom<AlternativesState>({ step: 'none' });

/**
 * Offers a message or a callback, and tells the host page why.
 * @example offerAlternatives({ reason: 'closed', queue: 'billing', media: 'video', nextOpening: null });
 */
export function offerAlternatives(why: NoCallReason): void {
  $alternatives.set({ step: 'offered', why, form: null, sending: false, error: null });
  if (why.reason === 'closed') hostEvents.emit({ name: 'queue:closed', detail: { queue: why.queue, nextOpening: why.nextOpening } });
  else hostEvents.emit({ name: 'call:long-wait', detail: { waitedSeconds: why.waitedSeconds } });
}

/**
 * Asks the API whether the queue is open before any device is asked for, and
 * offers the alternatives when it is not. An unanswered question counts as
 * open: placing the call will say what is wrong.
 * @example if (await offerIfClosed(token, 'video', 'billing')) return;
 */
export async function offerIfClosed(visitorToken: string, media: Media, queue: string): Promise<boolean> {
  try {
    const status = await getQueueStatus(services().base, visitorToken, queue);
    if (status.open) return false;
    offerAlternatives({ reason: 'closed', queue, media, nextOpening: status.nextOpening });
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the message form, the callback form, or (null) goes back to the choice.
 * @example <button onClick={() => chooseForm('callback')}>Request a callback</button>
 */
export function chooseForm(form: 'message' | 'callback' | null): void {
  const state = $alternatives.get();
  if (state.step === 'offered' && !state.sending) $alternatives.set({ ...state, form, error: null });
}

/**
 * Puts the offer away: the visitor keeps waiting, or is done.
 * @example <button onClick={dismissAlternatives}>Keep waiting</button>
 */
export function dismissAlternatives(): void {
  $alternatives.set({ step: 'none' });
}

/**
 * The waiting call was answered or has ended: an offer made for its long wait no longer applies.
 * @example waitOver();
 */
export function waitOver(): void {
  const state = $alternatives.get();
  if (state.step === 'offered' && state.why.reason === 'long-wait' && !state.sending) dismissAlternatives();
}
