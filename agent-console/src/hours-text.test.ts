import { describe, expect, it } from 'vitest';
import { hoursFromText, hoursToText } from './hours-text.ts';

describe('business hours as text', () => {
  it('reads what an admin types, with or without leading zeros, and writes it back the same', () => {
    const text = hoursToText(null, 'Europe/Berlin');
    const hours = hoursFromText({ ...text, days: { ...text.days, mon: '9:00-12:30, 13:30 – 17:00', sat: '10:00-14:00' }, closedOn: '2026-12-25, 2026-12-26' });
    expect(hours).toEqual({
      timeZone: 'Europe/Berlin',
      weekly: { mon: [['09:00', '12:30'], ['13:30', '17:00']], tue: [], wed: [], thu: [], fri: [], sat: [['10:00', '14:00']], sun: [] },
      closedOn: ['2026-12-25', '2026-12-26'],
    });
    expect(hoursToText(hours, 'UTC')).toEqual({ ...text, days: { ...text.days, mon: '09:00-12:30, 13:30-17:00', sat: '10:00-14:00' }, closedOn: '2026-12-25, 2026-12-26' });
  });

  it('names the day it cannot read', () => {
    const text = hoursToText(null, 'UTC');
    expect(() => hoursFromText({ ...text, days: { ...text.days, wed: 'mornings' } })).toThrow('Wednesday: write openings as 09:00-17:00, separated by commas.');
  });
});
