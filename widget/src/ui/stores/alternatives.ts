// When support cannot take the visitor's chat or call now (the queue is
// closed, or the wait passed the queue's maximum), the visitor is offered to
// leave a message or to be called back instead. The offer and the form the
// visitor fills in live here; sending them is in contact-request.ts.
import type { ConversationMedia } from '@beckon/protocol';
import { atom } from 'nanostores';
import { getQueueStatus } from '../api.ts';
import { hostEvents } from '../host-events.ts';
import { services } from '../services.ts';
import { takeUnsent } from './chat.ts';
import { $conversation, conversationEvents } from './conversation.ts';

/** Why there is no conversation now: the queue's hours, or a wait that went on too long (the visitor keeps their place). */
export type NoCallReason =
  | { reason: 'closed'; queue: string; media: ConversationMedia; nextOpening: number | null }
  | { reason: 'long-wait'; media: ConversationMedia; conversationId: string; waitedSeconds: number };

export type AlternativesState =
  | { step: 'none' }
  /**
   * `form`: what the visitor is filling in, if anything; `error`: why the last
   * send did not go through; `text`: what they had written, to begin their message with.
   */
  | { step: 'offered'; why: NoCallReason; form: 'message' | 'callback' | null; sending: boolean; error: string | null; text: string }
  | { step: 'message-sent' };

export const $alternatives = atom<AlternativesState>({ step: 'none' });

// The conversation a long wait is about.
let joinedId = '';

/**
 * Offers a message or a callback, and tells the host page why.
 * @example offerAlternatives({ reason: 'closed', queue: 'billing', media: 'video', nextOpening: null });
 */
export function offerAlternatives(why: NoCallReason, text = ''): void {
  $alternatives.set({ step: 'offered', why, form: null, sending: false, error: null, text });
  hostEvents.emit(
    why.reason === 'closed' ? { name: 'queue:closed', detail: { queue: why.queue, nextOpening: why.nextOpening } } : { name: 'call:long-wait', detail: { waitedSeconds: why.waitedSeconds } },
  );
}

/**
 * Asks the API whether the queue is open before any device is asked for, and
 * offers the alternatives when it is not. An unanswered question counts as
 * open: placing the call will say what is wrong.
 * @example if (await offerIfClosed(token, 'video', 'billing')) return;
 */
export async function offerIfClosed(visitorToken: string, media: ConversationMedia, queue: string): Promise<boolean> {
  const status = await getQueueStatus(services().base, visitorToken, queue).catch(() => null);
  if (status?.open !== false) return false;
  offerAlternatives({ reason: 'closed', queue, media, nextOpening: status.nextOpening });
  return true;
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

conversationEvents.on((event) => {
  const state = $alternatives.get();
  const conversation = $conversation.get();
  switch (event.type) {
    case 'joined':
      joinedId = event.conversationId;
      return;
    case 'closed':
      // What the visitor wrote reached nobody: it can be their message.
      return offerAlternatives({ reason: 'closed', queue: event.queue, media: event.media, nextOpening: event.nextOpening }, takeUnsent());
    case 'long-wait':
      if (conversation.step === 'queued') offerAlternatives({ reason: 'long-wait', media: conversation.media, conversationId: joinedId, waitedSeconds: event.waitedSeconds });
      return;
    case 'accepted':
    case 'replaced':
    case 'ended':
      // The wait is over: an offer made for it no longer applies.
      if (state.step === 'offered' && state.why.reason === 'long-wait' && !state.sending) dismissAlternatives();
  }
});
