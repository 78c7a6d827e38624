// A soft two-note chime made with WebAudio, so the console ships no sound file.

const repeatMs = 2500;

// One audio context for every ring, suspended between rings: closing one
// takes the page several milliseconds, right when an accepted call is being
// set up, and so does suspending one, which therefore waits a moment.
let audio: { context: AudioContext; volume: GainNode } | null = null;
let suspending: ReturnType<typeof setTimeout> | undefined;
const suspendAfterMs = 2000;

/**
 * Plays the chime now and every few seconds until the returned function is called.
 * @example const stop = startRingTone(); stop();
 */
export function startRingTone(): () => void {
  // Browsers refuse audio before the page has had a user gesture (e.g. right after a reload).
  if (typeof AudioContext === 'undefined' || !navigator.userActivation?.hasBeenActive) return () => {};
  if (!audio) {
    const context = new AudioContext();
    audio = { context, volume: context.createGain() };
    audio.volume.connect(context.destination);
  }
  const { context, volume } = audio;
  clearTimeout(suspending);
  void context.resume();
  volume.gain.setValueAtTime(1, context.currentTime);
  const chime = () => {
    const start = context.currentTime;
    for (const [offset, frequency] of [[0, 660], [0.18, 880]] as const) {
      const tone = context.createOscillator();
      const envelope = context.createGain();
      tone.frequency.value = frequency;
      envelope.gain.setValueAtTime(0.0001, start + offset);
      envelope.gain.exponentialRampToValueAtTime(0.08, start + offset + 0.02);
      envelope.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.35);
      tone.connect(envelope).connect(volume);
      tone.start(start + offset);
      tone.stop(start + offset + 0.4);
    }
  };
  chime();
  const timer = setInterval(chime, repeatMs);
  return () => {
    clearInterval(timer);
    // Silent at once; soon after, the context stops using the audio device until the next ring.
    volume.gain.setValueAtTime(0, context.currentTime);
    suspending = setTimeout(() => void context.suspend(), suspendAfterMs);
  };
}
