import { useStore } from '@beckon/ui';
import { useEffect } from 'preact/hooks';
import { mediaLabels, secondsLeft } from '../format.ts';
import { startRingTone } from '../ring-tone.ts';
import { $offer, acceptOffer, declineOffer, type RingingOffer } from '../stores/offer.ts';
import { MediaIcon } from './MediaIcon.tsx';
import { useNow } from './use-now.ts';
import { VerifiedCustomer } from './VerifiedCustomer.tsx';
import { earlierSummary, useEarlierContacts } from './EarlierContacts.tsx';

/**
 * The ringing card: a chat or a call, who and from which page, how long it
 * rings, Accept and Decline; for a call, whether the agent's devices,
 * started while it rings, are ready.
 * @example <IncomingOffer offer={offer} />
 */
export function IncomingOffer({ offer }: { offer: RingingOffer }) {
  const now = useNow(250);
  useEffect(() => startRingTone(), [offer.offerId]);
  const chat = offer.media === 'chat';
  const earlier = useEarlierContacts(offer.conversationId, offer.caller.customer);
  return (
    <section class={offer.answering ? 'offer answering' : 'offer'} aria-label={chat ? 'Incoming chat' : 'Incoming call'}>
      <h2>
        <MediaIcon media={offer.media} /> {mediaLabels[offer.media]} from {offer.caller.visitor}
      </h2>
      <VerifiedCustomer customer={offer.caller.customer} />
      {earlier && !earlier.loading && <p class="notes">{earlierSummary(earlier)}</p>}
      <dl>
        <dt>Visitor</dt>
        <dd>{offer.caller.visitor}</dd>
        <dt>Page</dt>
        <dd class="page" title={offer.caller.page || undefined}>
          {offer.caller.page || 'Unknown page'}
        </dd>
        <dt>Media</dt>
        <dd>{mediaLabels[offer.media]}</dd>
        {offer.transfer && (
          <>
            <dt>Transferred by</dt>
            <dd>{offer.transfer.from}</dd>
            <dt>Note</dt>
            <dd>{offer.transfer.note || '—'}</dd>
          </>
        )}
      </dl>
      <p role="timer">Rings for {secondsLeft(offer.ringsUntil, now)} s more</p>
      {offer.devicesReady && <p>Your {devicesWords[offer.media]} ready.</p>}
      {offer.deviceProblem && !offer.answering && <p role="alert">{offer.deviceProblem} Accept tries again.</p>}
      {offer.answering && !chat && <p>Starting your {offer.media === 'video' ? 'microphone and camera' : 'microphone'}…</p>}
      <div class="actions">
        <button type="button" class="accept" disabled={offer.answering} onClick={() => void acceptOffer()}>
          Accept
        </button>
        <button type="button" class="decline" disabled={offer.answering} onClick={declineOffer}>
          Decline
        </button>
      </div>
    </section>
  );
}

/**
 * Says that an offer rings, once as it starts: a screen reader hears it
 * wherever the agent is, and the focus stays where the agent was typing. It
 * is always on the page, so a new offer is a change a screen reader notices;
 * its text stays the same while the card counts the ring down.
 * @example <OfferAnnouncement />
 */
export function OfferAnnouncement() {
  const offer = useStore($offer);
  return (
    <p class="sr-only" aria-live="assertive">
      {offer ? `Incoming ${mediaLabels[offer.media].toLowerCase()} from ${offer.caller.visitor}${offer.transfer ? `, handed on by ${offer.transfer.from}` : ''}` : ''}
    </p>
  );
}

const devicesWords = { chat: '', audio: 'microphone is', video: 'microphone and camera are' } as const;
