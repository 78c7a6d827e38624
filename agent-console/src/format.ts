// How the console writes times, durations and failures for people.

/**
 * A duration as minutes and two-digit seconds.
 * @example formatDuration(65) // '1:05'
 */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * A moment as a local date and time in the agent's own locale.
 * @example formatStart(Date.UTC(2025, 0, 2, 9, 5)) // '1/2/2025, 10:05:00 AM' in en-US, Berlin
 */
export function formatStart(epochMs: number): string {
  return new Date(epochMs).toLocaleString();
}

/**
 * Whole seconds left until a deadline, never below zero.
 * @example secondsLeft(10_500, 0) // 11
 */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/**
 * Why something failed, in words an agent can read.
 * @example reason(new TypeError('Failed to fetch')) // 'Failed to fetch'
 */
export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
