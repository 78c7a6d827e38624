// The estimated wait in words, as a visitor wants to read it.

/**
 * Describes a wait given in seconds.
 * @example describeWait(240) // 'about 4 minutes'
 */
export function describeWait(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return 'less than a minute';
  return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
}
