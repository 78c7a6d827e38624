import { useEffect, useState } from 'preact/hooks';
import { mediaLabels, secondsLeft } from '../format.ts';
import { startRingTone } from '../ring-tone.ts';
import { acceptOffer, declineOffer, type RingingOffer } from '../stores/offer.ts';
import { MediaIcon } from './MediaIcon.tsx';

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
  return (
    <section class={offer.answering ? 'offer answering' : 'offer'} aria-label={chat ? 'Incoming chat' : 'Incoming call'}>
      <h2>
        <MediaIcon media={offer.media} /> {mediaLabels[offer.media]} from {offer.caller.visitor}
      </h2>
      <dl>
        <dt>Visitor</dt>
        <dd>{offer.caller.visitor}</dd>
        <dt>Page</dt>
        <dd class="page">{offer.caller.page || 'Unknown page'}</dd>
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

const devicesWords = { chat: '', audio: 'microphone is', video: 'microphone and camera are' } as const;

function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
