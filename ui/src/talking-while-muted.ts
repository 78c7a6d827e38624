// "You are muted": a person who talks with their microphone muted is told so,
// as they would expect of any call app. A muted track gives silence, so a
// copy of it, never sent anywhere, listens to the room while muted.
import { useEffect, useState } from 'preact/hooks';
import { loudness } from './loudness.ts';

/** Louder than a quiet room, softer than someone talking (see `loudness`). */
const talkingLoudness = 0.06;
/** Often enough that each slice the analyser holds (43 ms) follows the last: a short sound is not missed between two. */
const sampleMs = 50;
/** Talking is this many loud slices within the last 2 seconds: syllables, not one knock. */
const loudSamples = 3;
const windowSamples = 40;

/**
 * Whether the person is talking into `microphone` while `muted`; false once
 * they have been quiet for 2 seconds, or unmute.
 * @example const talking = useTalkingWhileMuted(stream.getAudioTracks()[0], muted);
 */
export function useTalkingWhileMuted(microphone: MediaStreamTrack | undefined, muted: boolean): boolean {
  const [talking, setTalking] = useState(false);
  useEffect(() => {
    setTalking(false);
    if (!muted || microphone?.readyState !== 'live') return;
    const listening = microphone.clone();
    listening.enabled = true;
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    audio.createMediaStreamSource(new MediaStream([listening])).connect(analyser);
    void audio.resume();
    const samples = new Float32Array(analyser.fftSize);
    const loud: boolean[] = [];
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      loud.push(loudness(samples) > talkingLoudness);
      if (loud.length > windowSamples) loud.shift();
      setTalking(loud.filter(Boolean).length >= loudSamples);
    }, sampleMs);
    return () => {
      clearInterval(timer);
      listening.stop();
      void audio.close();
    };
  }, [microphone, muted]);
  return talking;
}
