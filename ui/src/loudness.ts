/**
 * How loud a slice of microphone samples is, from 0 (silence) to 1, scaled so
 * that ordinary speech fills most of a level meter.
 * @example loudness(analyserSamples) // 0.42
 */
export function loudness(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.min(1, Math.sqrt(sum / (samples.length || 1)) * 4);
}
