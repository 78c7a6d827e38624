import { describe, expect, it } from 'vitest';
import { loudness } from './loudness.ts';

const tone = (amplitude: number) => Float32Array.from({ length: 480 }, (_, index) => amplitude * Math.sin((2 * Math.PI * index) / 48));

describe('the microphone level', () => {
  it('is nothing for silence, grows with the voice and stops at full', () => {
    expect(loudness(new Float32Array(480))).toBe(0);
    expect(loudness(new Float32Array(0))).toBe(0);
    const quiet = loudness(tone(0.02));
    const speech = loudness(tone(0.15));
    expect(quiet).toBeGreaterThan(0);
    expect(speech).toBeGreaterThan(quiet * 5);
    expect(speech).toBeLessThan(1);
    expect(loudness(tone(1))).toBe(1);
  });
});
