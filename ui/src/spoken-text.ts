// Real-time text as a screen reader hears it. The other side's text changes
// up to every 300 ms; a live region around it would read it all again each
// time ("Can", "Can you h", "Can you hear m"…). Instead only what is new is
// said: finished words as they come (at most every 2 s while typing goes on),
// the rest once typing pauses. The visible text stays live as it is.

export interface SpokenTextTiming {
  /** Typing paused this long: the unfinished word is said too. */
  pauseMs: number;
  /** While typing goes on, finished words are said at most this often. */
  wordsEveryMs: number;
}

export const defaultSpokenTextTiming: SpokenTextTiming = { pauseMs: 1000, wordsEveryMs: 2000 };

/** One thing to say; `id` tells two equal texts apart, so each is said. */
export interface Spoken {
  id: number;
  text: string;
}

/** Where the words before `index` in `text` end: after the last white space before it. */
const wordStart = (text: string, index: number) => text.slice(0, index).search(/\S*$/);

/**
 * What to say of `text`, given that its start `said` was said already: what
 * is new, whole words only unless typing `paused`, and never from the middle
 * of a word, so the listener hears whole words.
 * @example nextToSay('Can ', 'Can you hear m', false) // { said: 'Can you hear ', say: 'you hear' }
 */
export function nextToSay(said: string, text: string, paused: boolean): { said: string; say: string } {
  let kept = 0;
  while (kept < said.length && kept < text.length && said[kept] === text[kept]) kept++;
  // Never from the middle of a word: one continued after a pause, or corrected, is said again whole.
  if (/\S/.test(text[kept] ?? '')) kept = wordStart(text, kept);
  const rest = text.slice(kept);
  const end = paused ? rest.length : rest.search(/\s\S*$/) + 1;
  return { said: text.slice(0, kept + end), say: rest.slice(0, end).trim() };
}

/**
 * Follows real-time text as it changes and calls `onSay` with what to say of
 * it, or with null when the text is gone (sent, or the other side left):
 * what was sent is said by the transcript it arrives in.
 * @example const speaker = createSpokenText((spoken) => (region.textContent = spoken?.text ?? '')); speaker.update('Can you hear me');
 */
export function createSpokenText(onSay: (spoken: Spoken | null) => void, timing: SpokenTextTiming = defaultSpokenTextTiming) {
  let text = '';
  let said = '';
  let lastSaidAt = Number.NEGATIVE_INFINITY;
  let id = 0;
  let wordsTimer: ReturnType<typeof setTimeout> | undefined;
  let pauseTimer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    clearTimeout(wordsTimer);
    clearTimeout(pauseTimer);
    wordsTimer = pauseTimer = undefined;
  };
  const say = (paused: boolean) => {
    const next = nextToSay(said, text, paused);
    said = next.said;
    if (!next.say) return;
    lastSaidAt = Date.now();
    onSay({ id: ++id, text: next.say });
  };
  return {
    update(next: string) {
      if (next === text) return;
      text = next;
      if (!text) {
        stop();
        said = '';
        return onSay(null);
      }
      clearTimeout(pauseTimer);
      pauseTimer = setTimeout(() => say(true), timing.pauseMs);
      // Not put off by each change, or steady typing would never be said before a pause.
      wordsTimer ??= setTimeout(() => {
        wordsTimer = undefined;
        say(false);
      }, Math.max(0, lastSaidAt + timing.wordsEveryMs - Date.now()));
    },
    stop,
  };
}
