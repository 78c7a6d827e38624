// A queue's business hours as an admin types them: one line of openings per
// weekday ("09:00-12:30, 13:30-17:00"), closed dates separated by commas.
// The server checks the rest (times, time zone, limits) and says what is wrong.
import type { BusinessHours, Weekday } from '@beckon/protocol';

export const weekdayNames: Record<Weekday, string> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
};
const weekdays = Object.keys(weekdayNames) as Weekday[];

export interface HoursText { timeZone: string; days: Record<Weekday, string>; closedOn: string }

/**
 * The form's text for some hours; no hours give an empty week in the browser's time zone.
 * @example hoursToText(null, 'Europe/Berlin').days.mon // ''
 */
export function hoursToText(hours: BusinessHours | null, defaultTimeZone: string): HoursText {
  return {
    timeZone: hours?.timeZone ?? defaultTimeZone,
    days: Object.fromEntries(weekdays.map((day) => [day, (hours?.weekly[day] ?? []).map(([from, to]) => `${from}-${to}`).join(', ')])) as Record<Weekday, string>,
    closedOn: hours?.closedOn.join(', ') ?? '',
  };
}

/**
 * The hours the form's text says; throws with a message for the admin when a day cannot be read.
 * @example hoursFromText({ timeZone: 'UTC', days: { ...empty, mon: '09:00-17:00' }, closedOn: '' }).weekly.mon // [['09:00', '17:00']]
 */
export function hoursFromText(text: HoursText): BusinessHours {
  const weekly = {} as BusinessHours['weekly'];
  for (const day of weekdays) {
    weekly[day] = items(text.days[day]).map((range) => {
      const match = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(range);
      if (!match) throw new Error(`${weekdayNames[day]}: write openings as 09:00-17:00, separated by commas.`);
      return [match[1]!.padStart(5, '0'), match[2]!.padStart(5, '0')];
    });
  }
  return { timeZone: text.timeZone.trim(), weekly, closedOn: items(text.closedOn) };
}

function items(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter(Boolean);
}
