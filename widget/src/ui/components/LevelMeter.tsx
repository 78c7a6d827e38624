import { loudness } from '@beckon/ui';
import { useEffect, useState } from 'preact/hooks';

/**
 * A live meter of the microphone, so the visitor sees they are heard before joining.
 * @example <LevelMeter track={stream.getAudioTracks()[0]} />
 */
export function LevelMeter({ track }: { track: MediaStreamTrack | undefined }) {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track) return;
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    audio.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    void audio.resume();
    const samples = new Float32Array(analyser.fftSize);
    let shown = 0;
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      // Falls back slowly, so a short sound stays on the meter long enough to be seen.
      shown = Math.max(loudness(samples), shown * 0.85);
      setLevel(Math.round(shown * 100));
    }, 50);
    return () => {
      clearInterval(timer);
      void audio.close();
    };
  }, [track]);
  return (
    <meter class="level" aria-label="Microphone level" min={0} max={100} value={level}>
      {level}%
    </meter>
  );
}
