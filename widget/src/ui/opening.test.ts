import { expect, it } from 'vitest';
import { describeOpening } from './opening.ts';

const britain = { locale: 'en-GB', timeZone: 'Europe/London' };
// Monday 6 January 2025, 18:00 in London.
const now = Date.UTC(2025, 0, 6, 18);

it('says today, tomorrow, the weekday within a week, and the date after that', () => {
  expect(describeOpening(Date.UTC(2025, 0, 6, 19, 30), now, britain)).toBe('today at 19:30');
  expect(describeOpening(Date.UTC(2025, 0, 7, 9), now, britain)).toBe('tomorrow at 9:00');
  expect(describeOpening(Date.UTC(2025, 0, 10, 9), now, britain)).toBe('on Friday at 9:00');
  expect(describeOpening(Date.UTC(2025, 0, 13, 9), now, britain)).toBe('on 13 January at 9:00');
});

it('counts days in the visitor\'s time zone, not in UTC', () => {
  // 23:30 on Monday in New York is already Tuesday in UTC.
  const newYork = { locale: 'en-US', timeZone: 'America/New_York' };
  expect(describeOpening(Date.UTC(2025, 0, 7, 4, 30), Date.UTC(2025, 0, 6, 20), newYork)).toBe('today at 11:30 PM');
  expect(describeOpening(Date.UTC(2025, 0, 7, 14), Date.UTC(2025, 0, 6, 20), newYork)).toBe('tomorrow at 9:00 AM');
});
