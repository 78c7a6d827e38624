// When a closed queue opens next, in words and in the visitor's own time zone.

const dayMs = 86_400_000;

// The calendar day of an instant in a time zone, counted from the epoch (Swedish writes dates as YYYY-MM-DD).
const dayNumber = (at: number, timeZone: string | undefined) => Date.parse(new Date(at).toLocaleDateString('sv', { timeZone })) / dayMs;

/**
 * Says when support opens next: today, tomorrow, a weekday within the week, or a date.
 * @example describeOpening(Date.UTC(2025, 0, 7, 9), Date.UTC(2025, 0, 6, 18), { locale: 'en-GB', timeZone: 'UTC' }) // 'tomorrow at 9:00'
 */
export function describeOpening(at: number, now = Date.now(), { locale, timeZone }: { locale?: string; timeZone?: string } = {}): string {
  const format = (options: Intl.DateTimeFormatOptions) => new Date(at).toLocaleString(locale, { timeZone, ...options });
  const time = format({ hour: 'numeric', minute: '2-digit' });
  const days = dayNumber(at, timeZone) - dayNumber(now, timeZone);
  if (days <= 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  return `on ${format(days < 7 ? { weekday: 'long' } : { day: 'numeric', month: 'long' })} at ${time}`;
}
