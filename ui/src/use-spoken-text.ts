// The hook face of spoken-text.ts for the live regions of real-time text.
import { useEffect, useState } from 'preact/hooks';
import { createSpokenText, type Spoken } from './spoken-text.ts';

/**
 * What a screen reader should say of real-time text `text` now: only what is new, at a calm pace (see spoken-text.ts).
 * @example const spoken = useSpokenText(live); <p aria-live="polite">{spoken && <span key={spoken.id}>{spoken.text}</span>}</p>
 */
export function useSpokenText(text: string): Spoken | null {
  const [spoken, setSpoken] = useState<Spoken | null>(null);
  const [speaker] = useState(() => createSpokenText(setSpoken));
  useEffect(() => speaker.update(text), [text]);
  useEffect(() => speaker.stop, []);
  return spoken;
}
