// Business hours as pure functions of an instant: whether a queue is open and
// when that changes next. Times are wall-clock times in the queue's own time
// zone, read with Intl.DateTimeFormat, so daylight-saving changes move the
// instants and never the opening times (see docs/routing.md).
import { minutesOfDay, weekdays, type BusinessHours } from '@beckon/protocol';

const minuteMs = 60_000;
const dayMs = 86_400_000;
// No zone is further than this from UTC, so a local day's instants lie within it of its UTC midnight.
const maxOffsetMs = 14 * 3_600_000;
/** How far ahead `nextChange` looks unless told otherwise: past a year of holidays. */
export const defaultHorizonDays = 400;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * The wall clock of a time zone at an instant, written as the UTC instant with the same fields.
 * @example wallClock('Europe/Berlin', Date.UTC(2025, 0, 6, 8)) // Date.UTC(2025, 0, 6, 9)
 */
export function wallClock(timeZone: string, at: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) fields[part.type] = Number(part.value);
  const milliseconds = ((at % 1000) + 1000) % 1000;
  return Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!) + milliseconds;
}

function offset(timeZone: string, at: number): number {
  return wallClock(timeZone, at) - at;
}

/**
 * The instants at which a zone's wall clock reads `wall` (a local time
 * written as UTC), earliest first: two in the hour repeated when clocks go
 * back, and for a time skipped when clocks go forward, the instant of the
 * change, the first at which the clock reads later than `wall`.
 * @example instantsAt('Europe/Berlin', Date.UTC(2025, 2, 30, 2, 30)) // [Date.UTC(2025, 2, 30, 1)]
 */
export function instantsAt(timeZone: string, wall: number): number[] {
  // A day either side is beyond any zone's offset, so these are the offsets before and after a change near `wall`.
  const candidates = [...new Set([offset(timeZone, wall - dayMs), offset(timeZone, wall + dayMs)])].map((zoneOffset) => wall - zoneOffset);
  const found = candidates.filter((at) => wallClock(timeZone, at) === wall).sort((a, b) => a - b);
  if (found.length) return found;
  return [changeBetween(timeZone, Math.min(...candidates), Math.max(...candidates))];
}

// The first instant after `before` with the offset `after` has, to the second.
function changeBetween(timeZone: string, before: number, after: number): number {
  const target = offset(timeZone, after);
  let low = before;
  let high = after;
  while (high - low > 1000) {
    const middle = low + Math.max(1000, Math.floor((high - low) / 2000) * 1000);
    if (offset(timeZone, middle) === target) high = middle;
    else low = middle;
  }
  return high;
}

function localDay(hours: BusinessHours, wallMidnight: number) {
  const date = new Date(wallMidnight);
  return { date: date.toISOString().slice(0, 10), ranges: hours.weekly[weekdays[date.getUTCDay()]!] };
}

/**
 * Whether a queue with these hours takes calls at an instant; null hours are open around the clock.
 * @example isOpen({ timeZone: 'Europe/Berlin', weekly: { mon: [['09:00', '17:00']], … }, closedOn: [] }, Date.UTC(2025, 0, 6, 8)) // true: 09:00 in Berlin
 */
export function isOpen(hours: BusinessHours | null, at: number): boolean {
  if (!hours) return true;
  const wall = wallClock(hours.timeZone, at);
  const midnight = Math.floor(wall / dayMs) * dayMs;
  const { date, ranges } = localDay(hours, midnight);
  if (hours.closedOn.includes(date)) return false;
  const minutes = Math.floor((wall - midnight) / minuteMs);
  return ranges.some(([from, to]) => minutes >= minutesOfDay(from) && minutes < minutesOfDay(to));
}

/**
 * The first instant after `at` at which the queue opens if it is closed, or
 * closes if it is open; null when that does not happen within `horizonDays`
 * (never, for null hours).
 * @example nextChange(weekdaysNineToFive, Date.UTC(2025, 0, 6, 12)) // Date.UTC(2025, 0, 6, 16): 17:00 in Berlin
 */
export function nextChange(hours: BusinessHours | null, at: number, horizonDays = defaultHorizonDays): number | null {
  if (!hours) return null;
  const openNow = isOpen(hours, at);
  const firstMidnight = Math.floor(wallClock(hours.timeZone, at) / dayMs) * dayMs - dayMs;
  let next: number | null = null;
  for (let day = 0; day <= horizonDays + 1; day++) {
    const midnight = firstMidnight + day * dayMs;
    // Every instant of this local day and the days after it comes later than `next`.
    if (next !== null && midnight - maxOffsetMs > next) break;
    for (const candidate of changePoints(hours, midnight)) {
      if (candidate > at && (next === null || candidate < next) && isOpen(hours, candidate) !== openNow) next = candidate;
    }
  }
  return next;
}

// Where opening can change during one local day: at each opening's start and
// end (twice when clocks go back), and at a daylight-saving change, which can
// jump into or out of an opening. Closed days change nothing themselves; their
// neighbours' openings at midnight do.
function changePoints(hours: BusinessHours, midnight: number): number[] {
  const { date, ranges } = localDay(hours, midnight);
  if (!ranges.length || hours.closedOn.includes(date)) return [];
  const points = ranges.flatMap(([from, to]) => [
    ...instantsAt(hours.timeZone, midnight + minutesOfDay(from) * minuteMs),
    ...instantsAt(hours.timeZone, midnight + minutesOfDay(to) * minuteMs),
  ]);
  const dayStart = instantsAt(hours.timeZone, midnight)[0]!;
  const dayEnd = instantsAt(hours.timeZone, midnight + dayMs)[0]!;
  if (offset(hours.timeZone, dayStart) !== offset(hours.timeZone, dayEnd)) points.push(changeBetween(hours.timeZone, dayStart, dayEnd));
  return points;
}

/**
 * The first instant from `at` on at which the queue is open: `at` itself
 * when it is open then, null when no opening comes within `horizonDays`.
 * @example nextOpening(weekdaysNineToFive, Date.UTC(2025, 0, 4, 12)) // Date.UTC(2025, 0, 6, 8): Monday 09:00 in Berlin
 */
export function nextOpening(hours: BusinessHours | null, at: number, horizonDays = defaultHorizonDays): number | null {
  return isOpen(hours, at) ? at : nextChange(hours, at, horizonDays);
}
