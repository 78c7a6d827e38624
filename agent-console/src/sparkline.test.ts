import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline.ts';

const box = { width: 100, height: 20, min: 1, max: 4.5, slots: 5 };

describe('sparklinePath', () => {
  it('draws the newest value at the right edge, higher values nearer the top', () => {
    expect(sparklinePath([1, 4.5], box)).toBe('M75,20L100,0');
  });

  it('spreads a full window across the whole width', () => {
    expect(sparklinePath([4.5, 4.5, 2.75, 1, 1], box)).toBe('M0,0L25,0L50,10L75,20L100,20');
  });

  it('breaks the line where a value is missing, and draws a lone value as a dot', () => {
    expect(sparklinePath([4.5, 4.5, null, 2.75, null], box)).toBe('M0,0L25,0M75,10h0');
  });

  it('keeps values outside the range on the edges', () => {
    expect(sparklinePath([0, 9], box)).toBe('M75,20L100,0');
  });

  it('draws nothing without values', () => {
    expect(sparklinePath([], box)).toBe('');
    expect(sparklinePath([null, null], box)).toBe('');
  });
});
