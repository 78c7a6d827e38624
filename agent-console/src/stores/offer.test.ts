import { describe, expect, it } from 'vitest';
import { ringDeadline } from './offer.ts';

describe('ringDeadline', () => {
  it('uses the server deadline when the clocks agree', () => {
    expect(ringDeadline(1_025_000, 1_000_000)).toBe(1_025_000);
  });

  it('never rings longer than one full ring when the local clock is behind', () => {
    expect(ringDeadline(2_000_000, 1_000_000)).toBe(1_030_000);
  });

  it('ends at once when the deadline has already passed', () => {
    expect(ringDeadline(900_000, 1_000_000)).toBe(1_000_000);
  });
});
