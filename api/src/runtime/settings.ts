// Numbers from a host's environment (`npm start`'s variables, a Worker's vars),
// read the same way on both hosts.

/**
 * A whole number from the environment: unset or blank is undefined; anything
 * but digits, or more than `max`, is an error that names the setting.
 * @example wholeNumberSetting('PORT', '8787', 65_535) // 8787
 */
export function wholeNumberSetting(name: string, value: string | undefined, max?: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || number > (max ?? Number.MAX_SAFE_INTEGER)) {
    throw new Error(`${name} must be a whole number${max === undefined ? '' : ` from 0 to ${max}`}, not "${value}"`);
  }
  return number;
}
