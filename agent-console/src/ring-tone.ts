// A soft two-note chime made with WebAudio, so the console ships no sound file.

const repeatMs = 2500;

/**
 * Plays the chime now and every few seconds until the returned function is called.
 * @example const stop = startRingTone(); stop();
 */
export function startRingTone(): () => void {
  // Browsers refuse audio before the page has had a user gesture (e.g. right after a reload).
  if (typeof AudioContext === 'undefined' || !navigator.userActivation?.hasBeenActive) return () => {};
  const context = new AudioContext();
  const chime = () => {
    const start = context.currentTime;
    for (const [offset, frequency] of [[0, 660], [0.18, 880]] as const) {
      const tone = context.createOscillator();
      const volume = context.createGain();
      tone.frequency.value = frequency;
      volume.gain.setValueAtTime(0.0001, start + offset);
      volume.gain.exponentialRampToValueAtTime(0.08, start + offset + 0.02);
      volume.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.35);
      tone.connect(volume).connect(context.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.4);
    }
  };
  chime();
  const timer = setInterval(chime, repeatMs);
  return () => {
    clearInterval(timer);
    void context.close();
  };
}
