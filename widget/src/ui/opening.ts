// When a closed queue opens next, in words and in the visitor's own time zone.

const dayMs = 86_400_000;

// The calendar day of an instant in a time zone, counted from the epoch.
function dayNumber(at: number, timeZone: string | undefined): number {
  const fields: Record<string, number> = {};
  for (const part of new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at)) {
    fields[part.type] = Number(part.value);
  }
  return Date.UTC(fields.year!, fields.month! - 1, fields.day!) / dayMs;
}

/**
 * Says when support opens next: today, tomorrow, a weekday within the week, or a date.
 * @example describeOpening(Date.UTC(2025, 0, 7, 9), Date.UTC(2025, 0, 6, 18), { locale: 'en-GB', timeZone: 'UTC' }) // 'tomorrow at 9:00'
 */
export function describeOpening(at: number, now = Date.now(), { locale, timeZone }: { locale?: string; timeZone?: string } = {}): string {
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(at);
  const days = dayNumber(at, timeZone) - dayNumber(now, timeZone);
  if (days <= 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  const day = new Intl.DateTimeFormat(locale, days < 7 ? { timeZone, weekday: 'long' } : { timeZone, day: 'numeric', month: 'long' }).format(at);
  return `on ${day} at ${time}`;
}
