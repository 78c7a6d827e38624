// Settings from a host's environment (`npm start`'s variables, a Worker's
// vars), read the same way on both hosts.
import { parseOrigin } from '@beckon/protocol';

/**
 * A comma-separated setting, each item trimmed, blanks left out.
 * @example listSetting('stun:a.example, ,stun:b.example') // ['stun:a.example', 'stun:b.example']
 */
export function listSetting(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

/**
 * Comma-separated page origins, each as browsers send it; one that is not an
 * origin is an error naming the setting and it.
 * @example originsSetting('BECKON_DEMO_ORIGINS', 'https://Shop.example/, http://localhost:3000') // ['https://shop.example', 'http://localhost:3000']
 */
export function originsSetting(name: string, value: string | undefined): string[] {
  return listSetting(value).map((origin) => {
    try {
      return parseOrigin(origin);
    } catch (error) {
      throw new Error(`${name}: "${origin}": ${(error as Error).message}`);
    }
  });
}

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
