import { parseBusinessHours, type BusinessHours, type OpeningRange, type Weekday } from '@beckon/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantsAt, isOpen, nextChange, nextOpening, wallClock } from './hours.ts';

const hours = (timeZone: string, weekly: Partial<Record<Weekday, OpeningRange[]>>, closedOn: string[] = []): BusinessHours =>
  parseBusinessHours({ timeZone, weekly, closedOn });
const nineToFive: OpeningRange[] = [['09:00', '17:00']];
const weekdaysIn = (timeZone: string, ranges = nineToFive) => hours(timeZone, { mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges });
const utc = (iso: string) => Date.parse(`${iso}Z`);
const minute = 60_000;

describe('isOpen', () => {
  const berlin = weekdaysIn('Europe/Berlin');

  it('is open from the first minute of an opening to the last, in the queue\'s time zone', () => {
    // Monday 6 January 2025; Berlin is UTC+1 in winter.
    expect(isOpen(berlin, utc('2025-01-06T07:59:59'))).toBe(false);
    expect(isOpen(berlin, utc('2025-01-06T08:00:00'))).toBe(true);
    expect(isOpen(berlin, utc('2025-01-06T15:59:59'))).toBe(true);
    expect(isOpen(berlin, utc('2025-01-06T16:00:00'))).toBe(false);
    // Saturday.
    expect(isOpen(berlin, utc('2025-01-04T10:00:00'))).toBe(false);
  });

  it('follows summer time: the same local hours are an hour earlier in UTC', () => {
    expect(isOpen(berlin, utc('2025-07-07T07:00:00'))).toBe(true);
    expect(isOpen(berlin, utc('2025-07-07T15:00:00'))).toBe(false);
  });

  it('takes several openings a day, and closed dates', () => {
    const lunch = hours('America/New_York', { tue: [['13:00', '17:00'], ['09:00', '12:00']] }, ['2025-01-14']);
    expect(isOpen(lunch, utc('2025-01-07T16:59:00'))).toBe(true);
    expect(isOpen(lunch, utc('2025-01-07T17:30:00'))).toBe(false);
    expect(isOpen(lunch, utc('2025-01-07T18:00:00'))).toBe(true);
    expect(isOpen(lunch, utc('2025-01-14T15:00:00'))).toBe(false);
    expect(isOpen(lunch, utc('2025-01-21T15:00:00'))).toBe(true);
  });

  it('is always open without hours, and never with no opening at all', () => {
    expect(isOpen(null, 0)).toBe(true);
    expect(isOpen(hours('UTC', {}), utc('2025-01-06T12:00:00'))).toBe(false);
    expect(nextOpening(null, 42)).toBe(42);
    expect(nextChange(null, 42)).toBeNull();
    expect(nextOpening(hours('UTC', {}), utc('2025-01-06T12:00:00'))).toBeNull();
  });

  it('keeps an opening to 24:00 open through the last minute of the day', () => {
    const lateNight = hours('UTC', { fri: [['20:00', '24:00']], sat: [['00:00', '02:00']] });
    expect(isOpen(lateNight, utc('2025-01-10T23:59:59'))).toBe(true);
    expect(nextChange(lateNight, utc('2025-01-10T21:00:00'))).toBe(utc('2025-01-11T02:00:00'));
  });
});

describe('nextOpening and nextChange', () => {
  it('is the instant itself when open, and the next local opening when closed', () => {
    const berlin = weekdaysIn('Europe/Berlin');
    expect(nextOpening(berlin, utc('2025-01-06T10:00:00'))).toBe(utc('2025-01-06T10:00:00'));
    expect(nextOpening(berlin, utc('2025-01-06T16:00:00'))).toBe(utc('2025-01-07T08:00:00'));
    expect(nextOpening(berlin, utc('2025-01-04T12:00:00'))).toBe(utc('2025-01-06T08:00:00'));
    expect(nextChange(berlin, utc('2025-01-06T10:00:00'))).toBe(utc('2025-01-06T16:00:00'));
  });

  it('opens at the same local time across the weekend clocks go forward', () => {
    // Berlin goes from UTC+1 to UTC+2 at 02:00 on Sunday 30 March 2025.
    const berlin = weekdaysIn('Europe/Berlin');
    expect(nextOpening(berlin, utc('2025-03-28T16:00:00'))).toBe(utc('2025-03-31T07:00:00'));
    // New York goes from UTC−5 to UTC−4 on Sunday 9 March 2025.
    expect(nextOpening(weekdaysIn('America/New_York'), utc('2025-03-07T22:00:00'))).toBe(utc('2025-03-10T13:00:00'));
  });

  it('opens at the same local time across the weekend clocks go back', () => {
    const berlin = weekdaysIn('Europe/Berlin');
    expect(nextOpening(berlin, utc('2025-10-24T15:00:00'))).toBe(utc('2025-10-27T08:00:00'));
    // Sydney's clocks go forward in October: the southern hemisphere's summer.
    expect(nextOpening(weekdaysIn('Australia/Sydney'), utc('2025-10-03T07:00:00'))).toBe(utc('2025-10-05T22:00:00'));
  });

  it('opens when the clocks jump past the start of an opening that begins in the skipped hour', () => {
    const sunday = hours('Europe/Berlin', { sun: [['02:30', '04:00']] });
    expect(isOpen(sunday, utc('2025-03-30T00:59:59'))).toBe(false);
    // 01:00 UTC is 03:00 summer time: past 02:30 local, which never happened that day.
    expect(nextOpening(sunday, utc('2025-03-29T12:00:00'))).toBe(utc('2025-03-30T01:00:00'));
    expect(nextChange(sunday, utc('2025-03-30T01:00:00'))).toBe(utc('2025-03-30T02:00:00'));
  });

  it('opens twice for an opening in the hour that is repeated when clocks go back', () => {
    // 02:00–02:30 happens in summer time (00:00 UTC) and again in winter time (01:00 UTC).
    const sunday = hours('Europe/Berlin', { sun: [['02:00', '02:30']] });
    expect(nextOpening(sunday, utc('2025-10-25T12:00:00'))).toBe(utc('2025-10-26T00:00:00'));
    expect(nextChange(sunday, utc('2025-10-26T00:00:00'))).toBe(utc('2025-10-26T00:30:00'));
    expect(nextOpening(sunday, utc('2025-10-26T00:30:00'))).toBe(utc('2025-10-26T01:00:00'));
    expect(nextChange(sunday, utc('2025-10-26T01:00:00'))).toBe(utc('2025-10-26T01:30:00'));
  });

  it('opens when clocks going back land inside an opening that started in the hour before', () => {
    // Open 01:30–02:15: after 02:59:59 summer time the clock reads 02:00 again, inside the opening.
    const sunday = hours('Europe/Berlin', { sun: [['01:30', '02:15']] });
    expect(nextChange(sunday, utc('2025-10-25T23:30:00'))).toBe(utc('2025-10-26T00:15:00'));
    expect(nextOpening(sunday, utc('2025-10-26T00:15:00'))).toBe(utc('2025-10-26T01:00:00'));
  });

  it('skips closed dates', () => {
    const christmas = weekdaysIn('Europe/Berlin');
    christmas.closedOn = ['2025-12-25', '2025-12-26'];
    expect(nextOpening(christmas, utc('2025-12-24T17:00:00'))).toBe(utc('2025-12-29T08:00:00'));
  });
});

describe('instantsAt', () => {
  it('finds one instant for an ordinary local time, two in the repeated hour and the change for a skipped one', () => {
    expect(instantsAt('Europe/Berlin', utc('2025-01-06T09:00:00'))).toEqual([utc('2025-01-06T08:00:00')]);
    expect(instantsAt('Europe/Berlin', utc('2025-10-26T02:30:00'))).toEqual([utc('2025-10-26T00:30:00'), utc('2025-10-26T01:30:00')]);
    expect(instantsAt('Europe/Berlin', utc('2025-03-30T02:30:00'))).toEqual([utc('2025-03-30T01:00:00')]);
    // Lord Howe Island moves its clocks by half an hour.
    expect(instantsAt('Australia/Lord_Howe', utc('2025-10-05T02:15:00'))).toEqual([utc('2025-10-04T15:30:00')]);
  });
});

// Zones with summer time both ways, half-hour moves, none at all, and an offset of 12:45.
const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Santiago'];
// Days around 2025's clock changes in those zones.
const changeDays = ['2025-03-09', '2025-03-30', '2025-04-06', '2025-09-07', '2025-09-28', '2025-10-05', '2025-10-26', '2025-11-02'].map((day) => utc(`${day}T00:00:00`));

const quarterHour = fc.integer({ min: 0, max: 96 }).map((quarters) => `${String(Math.floor(quarters / 4)).padStart(2, '0')}:${String((quarters % 4) * 15).padStart(2, '0')}`);
const day = fc
  .uniqueArray(quarterHour, { minLength: 0, maxLength: 6 })
  .map((times) => times.sort().map((time): string => time))
  .map((times) => {
    const ranges: OpeningRange[] = [];
    for (let index = 0; index + 1 < times.length; index += 2) ranges.push([times[index]!, times[index + 1]!]);
    return ranges;
  });
const schedule = fc.record({
  timeZone: fc.constantFrom(...zones),
  weekly: fc.record({ sun: day, mon: day, tue: day, wed: day, thu: day, fri: day, sat: day }),
  closedOn: fc.constant([] as string[]),
});
// A whole minute within two days either side of a clock change.
const instant = fc.tuple(fc.constantFrom(...changeDays), fc.integer({ min: -2 * 1440, max: 2 * 1440 })).map(([dayStart, minutes]) => dayStart + minutes * minute);

describe('business hours, for random schedules around clock changes', () => {
  it('opens exactly when a minute-by-minute walk first finds the queue open', () => {
    fc.assert(
      fc.property(schedule, instant, (weekly, at) => {
        const opening = nextOpening(weekly, at);
        let walked: number | null = null;
        for (let candidate = at; candidate <= at + 3 * 1440 * minute; candidate += minute) {
          if (isOpen(weekly, candidate)) {
            walked = candidate;
            break;
          }
        }
        // Clock changes and openings fall on whole minutes, so the walk sees every change.
        if (walked !== null) expect(opening).toBe(walked);
        else expect(opening === null || opening > at + 3 * 1440 * minute).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('stays the same until the next change and differs from it on', () => {
    fc.assert(
      fc.property(schedule, instant, fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 5, maxLength: 5 }), (weekly, at, fractions) => {
        const change = nextChange(weekly, at, 10);
        const before = isOpen(weekly, at);
        if (change === null) return;
        expect(change).toBeGreaterThan(at);
        expect(isOpen(weekly, change)).toBe(!before);
        expect(isOpen(weekly, change - 1000)).toBe(before);
        for (const fraction of fractions) expect(isOpen(weekly, at + Math.floor((change - at) * fraction))).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the wall clock the way Intl prints it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (zone, at) => {
        const printed = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'medium' }).format(at);
        expect(new Date(wallClock(zone, at)).toISOString().slice(0, 19).replace('T', ' ')).toBe(printed);
      }),
      { numRuns: 100 },
    );
  });
});
