// Captions of the other side of a call, turned on and off by whoever reads
// them. They follow the other side's audio track (a new one after a reload
// is captioned too) and stop with the call.
import type { Captions as Running, CaptionsView } from '@beckon/rtc/captions';
import { atom, type ReadableAtom } from 'nanostores';
import { useStore } from './use-store.ts';

export interface CaptionsControl {
  $view: ReadableAtom<CaptionsView>;
  /** Turns captions on, or off when they are on (or could not start). */
  toggle(): void;
  off(): void;
}

/**
 * Captions of the track `$track` holds, in the page's language.
 * @example const captions = captionsOf(computed($media, (media) => media.remote?.getAudioTracks()[0] ?? null)); captions.toggle();
 */
export function captionsOf($track: ReadableAtom<MediaStreamTrack | null>): CaptionsControl {
  const $view = atom<CaptionsView>({ state: 'off' });
  let unfollow: (() => void) | null = null;
  let running: Running | null = null;
  let captioned: MediaStreamTrack | null = null;

  const off = () => {
    unfollow?.();
    unfollow = null;
    running?.stop();
    running = null;
    captioned = null;
    $view.set({ state: 'off' });
  };
  const follow = async (track: MediaStreamTrack | null) => {
    if (track === captioned) return;
    running?.stop();
    running = null;
    captioned = track;
    if (!track) return off();
    // Loaded when first wanted: most calls never turn captions on.
    const { startCaptions } = await import('@beckon/rtc/captions');
    if (captioned !== track) return;
    const lang = document.documentElement.lang || navigator.language || 'en-US';
    running = startCaptions(track, { lang }, (view) => $view.set(view));
  };
  return {
    $view,
    off,
    toggle() {
      if (unfollow) return off();
      $view.set({ state: 'preparing' });
      unfollow = $track.listen((track) => void follow(track));
      void follow($track.get());
    },
  };
}

/**
 * The captions under a call: the last phrases said, the one being said, or why there are none.
 * @example <CaptionsBox captions={captions} speaker="Ann" />
 */
export function CaptionsBox({ captions, speaker }: { captions: CaptionsControl; speaker: string }) {
  const view = useStore(captions.$view);
  if (view.state === 'off') return null;
  return (
    <section class="captions" aria-label="Captions">
      {view.state === 'preparing' && <p>Setting up captions…</p>}
      {view.state === 'unavailable' && <p role="alert">{view.reason}</p>}
      {view.state === 'on' && (
        <>
          {/* Finished phrases are said to screen readers once; the phrase being said changes too often to be. */}
          <div role="log" aria-live="polite">
            {view.lines.length === 0 && !view.current && <p class="captions-note">Captions of what {speaker} says appear here.</p>}
            {view.lines.map((line, index) => (
              <p key={view.first + index}>{line}</p>
            ))}
          </div>
          {view.current && (
            <p class="captions-current" aria-hidden="true">
              {view.current}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/**
 * Turns captions on and off; its label says what a press does.
 * @example <CaptionsButton captions={captions} />
 */
export function CaptionsButton({ captions }: { captions: CaptionsControl }) {
  const on = useStore(captions.$view).state !== 'off';
  return (
    <button type="button" onClick={captions.toggle}>
      {on ? 'Hide captions' : 'Show captions'}
    </button>
  );
}
