// A queue's business hours and maximum wait, as admins set them and visitors'
// widgets ask about them (see docs/routing.md).
import { Invalid, integer, object, string } from './check.ts';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
/** In the order of `Date.prototype.getUTCDay()`: Sunday first. */
export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const satisfies readonly Weekday[];

/** One opening on a day, in local wall-clock time: `['09:00', '17:00']`; `'24:00'` ends at midnight. */
export type OpeningRange = [from: string, to: string];

/** When a queue takes calls. */
export interface BusinessHours {
  /** The IANA time zone the times are in, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Each weekday's openings, earliest first; a day without any is closed. */
  weekly: Record<Weekday, OpeningRange[]>;
  /** Local dates (`YYYY-MM-DD`) the queue stays closed all day, such as public holidays. */
  closedOn: string[];
}

/** A queue's hours (null: open around the clock) and how long a visitor may wait before being offered a message or a callback (null: no limit). */
export interface QueueHours {
  hours: BusinessHours | null;
  maxWaitSeconds: number | null;
}

/** Whether a queue takes calls now and, when not, when it opens next (null: no opening is scheduled). */
export interface QueueStatus {
  queue: string;
  open: boolean;
  /** Milliseconds since the epoch. */
  nextOpening: number | null;
}

export const hoursLimits = {
  maxRangesPerDay: 6,
  maxClosedDates: 100,
  /** A day. */
  maxWaitSeconds: 86_400,
} as const;

const timePattern = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const datePattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Minutes since local midnight of a `HH:MM` time.
 * @example minutesOfDay('09:30') // 570
 */
export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Validates a time zone name against the runtime's time zone database.
 * @example timeZone('Europe/Berlin', 'hours.timeZone') // 'Europe/Berlin'
 */
export function timeZone(value: unknown, name: string): string {
  const zone = string(value, name, 64);
  try {
    // Throws a RangeError for a zone the runtime does not know.
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new Invalid(`${name} must be an IANA time zone such as Europe/Berlin`);
  }
}

function day(value: unknown, name: string): OpeningRange[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Invalid(`${name} must be a list of [from, to] times`);
  if (value.length > hoursLimits.maxRangesPerDay) throw new Invalid(`${name} has at most ${hoursLimits.maxRangesPerDay} openings`);
  const ranges = value.map((range, index): OpeningRange => {
    const label = `${name}[${index}]`;
    if (!Array.isArray(range) || range.length !== 2) throw new Invalid(`${label} must be [from, to]`);
    const [from, to] = range.map((time) => string(time, label, 5));
    if (!timePattern.test(from!) || !timePattern.test(to!)) throw new Invalid(`${label} must be times from 00:00 to 24:00 as HH:MM`);
    if (minutesOfDay(from!) >= minutesOfDay(to!)) throw new Invalid(`${label} must end after it starts`);
    return [from!, to!];
  });
  ranges.sort((a, b) => minutesOfDay(a[0]) - minutesOfDay(b[0]));
  for (let index = 1; index < ranges.length; index++) {
    if (minutesOfDay(ranges[index]![0]) < minutesOfDay(ranges[index - 1]![1])) throw new Invalid(`${name} has overlapping openings`);
  }
  return ranges;
}

/**
 * Validates business hours; a weekday left out is closed, and each day's openings come back sorted.
 * @example parseBusinessHours({ timeZone: 'Europe/Berlin', weekly: { mon: [['09:00', '17:00']] } })
 */
export function parseBusinessHours(value: unknown): BusinessHours {
  const o = object(value, 'hours');
  const weekly = object(o.weekly, 'hours.weekly');
  for (const key of Object.keys(weekly)) {
    if (!(weekdays as readonly string[]).includes(key)) throw new Invalid(`hours.weekly has days ${weekdays.join(', ')}, not ${key.slice(0, 10)}`);
  }
  const closedOn = o.closedOn ?? [];
  if (!Array.isArray(closedOn) || closedOn.length > hoursLimits.maxClosedDates) {
    throw new Invalid(`hours.closedOn must be a list of at most ${hoursLimits.maxClosedDates} dates`);
  }
  for (const date of closedOn) {
    if (typeof date !== 'string' || !datePattern.test(date)) throw new Invalid('hours.closedOn must hold dates as YYYY-MM-DD');
  }
  return {
    timeZone: timeZone(o.timeZone, 'hours.timeZone'),
    weekly: Object.fromEntries(weekdays.map((weekday) => [weekday, day(weekly[weekday], `hours.weekly.${weekday}`)])) as BusinessHours['weekly'],
    closedOn: [...new Set(closedOn as string[])].sort(),
  };
}

/**
 * Validates the body of `PUT /v1/admin/queues/:id/hours`: hours (null for around the clock) and a maximum wait (null for none).
 * @example parseQueueHours({ hours: null, maxWaitSeconds: 300 }) // { hours: null, maxWaitSeconds: 300 }
 */
export function parseQueueHours(body: unknown): QueueHours {
  const o = object(body, 'body');
  if (o.hours === undefined || o.maxWaitSeconds === undefined) throw new Invalid('body must have hours and maxWaitSeconds (null for none)');
  return {
    hours: o.hours === null ? null : parseBusinessHours(o.hours),
    maxWaitSeconds: o.maxWaitSeconds === null ? null : integer(o.maxWaitSeconds, 'maxWaitSeconds', 1, hoursLimits.maxWaitSeconds),
  };
}
