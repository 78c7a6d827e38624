import { describe, expect, it } from 'vitest';
import { minutesOfDay, parseBusinessHours, parseQueueHours } from './hours.ts';

describe('parseQueueHours', () => {
  it('takes null hours and no maximum wait as around the clock without limit', () => {
    expect(parseQueueHours({ hours: null, maxWaitSeconds: null })).toEqual({ hours: null, maxWaitSeconds: null });
  });

  it('fills the days left out as closed, sorts openings and dates, and drops repeated dates', () => {
    const hours = parseBusinessHours({ timeZone: 'America/New_York', weekly: { fri: [['13:00', '17:00'], ['08:30', '12:00']] }, closedOn: ['2025-12-25', '2025-07-04', '2025-12-25'] });
    expect(hours).toEqual({
      timeZone: 'America/New_York',
      weekly: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [['08:30', '12:00'], ['13:00', '17:00']], sat: [] },
      closedOn: ['2025-07-04', '2025-12-25'],
    });
  });

  it('takes 24:00 as the end of a day', () => {
    expect(parseBusinessHours({ timeZone: 'UTC', weekly: { sat: [['00:00', '24:00']] } }).weekly.sat).toEqual([['00:00', '24:00']]);
    expect(minutesOfDay('24:00')).toBe(1440);
  });

  it.each([
    ['no maximum wait given', { hours: null }, 'body must have hours and maxWaitSeconds (null for none)'],
    ['a maximum wait of 0', { hours: null, maxWaitSeconds: 0 }, 'maxWaitSeconds must be an integer from 1 to 86400'],
    ['an unknown time zone', { hours: { timeZone: 'Europe/Atlantis', weekly: {} }, maxWaitSeconds: null }, 'hours.timeZone must be an IANA time zone such as Europe/Berlin'],
    ['an unknown day', { hours: { timeZone: 'UTC', weekly: { monday: [] } }, maxWaitSeconds: null }, 'hours.weekly has days sun, mon, tue, wed, thu, fri, sat, not monday'],
    ['a time past 24:00', { hours: { timeZone: 'UTC', weekly: { mon: [['09:00', '24:30']] } }, maxWaitSeconds: null }, 'hours.weekly.mon[0] must be times from 00:00 to 24:00 as HH:MM'],
    ['a time without minutes', { hours: { timeZone: 'UTC', weekly: { mon: [['9', '17']] } }, maxWaitSeconds: null }, 'hours.weekly.mon[0] must be times from 00:00 to 24:00 as HH:MM'],
    ['an opening that ends before it starts', { hours: { timeZone: 'UTC', weekly: { mon: [['17:00', '09:00']] } }, maxWaitSeconds: null }, 'hours.weekly.mon[0] must end after it starts'],
    ['overlapping openings', { hours: { timeZone: 'UTC', weekly: { mon: [['09:00', '12:00'], ['11:00', '17:00']] } }, maxWaitSeconds: null }, 'hours.weekly.mon has overlapping openings'],
    ['too many openings', { hours: { timeZone: 'UTC', weekly: { mon: Array.from({ length: 7 }, (_, hour) => [`0${hour}:00`, `0${hour}:30`]) } }, maxWaitSeconds: null }, 'hours.weekly.mon has at most 6 openings'],
    ['a closed date that is not a date', { hours: { timeZone: 'UTC', weekly: {}, closedOn: ['25/12/2025'] }, maxWaitSeconds: null }, 'hours.closedOn must hold dates as YYYY-MM-DD'],
  ])('refuses %s', (_case, body, message) => {
    expect(() => parseQueueHours(body)).toThrow(message);
  });
});
