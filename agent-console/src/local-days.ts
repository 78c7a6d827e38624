// Days as an agent picks them (YYYY-MM-DD, from a date field), in their own time zone.

/**
 * When a day begins (its local midnight), `after` days later, in ms since the epoch.
 * @example dayStart('2026-11-27', 1) // the next midnight, 2026-11-28T00:00 local
 */
export function dayStart(day: string, after = 0): number {
  const date = new Date(`${day}T00:00`);
  date.setDate(date.getDate() + after);
  return date.getTime();
}

/**
 * The local day `offset` days from now, as a date field writes it.
 * @example localDay(-6) // '2026-11-21' on 2026-11-27
 */
export function localDay(offset = 0, now = new Date()): string {
  const date = new Date(now);
  date.setDate(date.getDate() + offset);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
