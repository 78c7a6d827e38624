import { useEffect, useState } from 'preact/hooks';
import { secondsLeft } from '../format.ts';
import { startRingTone } from '../ring-tone.ts';
import { acceptOffer, declineOffer, type RingingOffer } from '../stores/offer.ts';

/**
 * The ringing card: who is calling, from which page, how long it rings, Accept and Decline.
 * @example <IncomingCall offer={offer} />
 */
export function IncomingCall({ offer }: { offer: RingingOffer }) {
  const now = useNow(250);
  useEffect(() => startRingTone(), [offer.offerId]);
  return (
    <section class="offer" aria-label="Incoming call">
      <h2>Incoming {offer.media} call</h2>
      <dl>
        <dt>Visitor</dt>
        <dd>{offer.caller.visitor}</dd>
        <dt>Page</dt>
        <dd class="page">{offer.caller.page || 'Unknown page'}</dd>
        <dt>Media</dt>
        <dd>{offer.media === 'video' ? 'Video' : 'Audio'}</dd>
      </dl>
      <p role="timer">Rings for {secondsLeft(offer.ringsUntil, now)} s more</p>
      {offer.answering && <p>Starting your {offer.media === 'video' ? 'microphone and camera' : 'microphone'}…</p>}
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

function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
