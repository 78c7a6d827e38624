import { describe, expect, it } from 'vitest';
import { dayStart, localDay } from './local-days.ts';

describe('days as an agent picks them', () => {
  it('begin at local midnight, and a day later is the next one, across a change of clocks too', () => {
    expect(new Date(dayStart('2026-11-27')).toString()).toBe(new Date(2026, 10, 27).toString());
    expect(dayStart('2026-03-28', 1)).toBe(new Date(2026, 2, 29).getTime());
    expect(dayStart('2026-03-29', 1)).toBe(new Date(2026, 2, 30).getTime());
  });

  it('are written as a date field writes them', () => {
    expect(localDay(0, new Date(2026, 10, 27, 23, 59))).toBe('2026-11-27');
    expect(localDay(-6, new Date(2026, 10, 27, 8))).toBe('2026-11-21');
    expect(localDay(5, new Date(2026, 11, 30, 8))).toBe('2027-01-04');
  });
});
