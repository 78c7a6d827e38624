// Settings from a host's environment (`npm start`'s variables, a Worker's
// vars), read the same way on both hosts.
import { parseOrigin } from '@beckon/protocol';
import type { SigningKeys } from '../auth/tokens.ts';

/**
 * A comma-separated setting, each item trimmed, blanks left out.
 * @example listSetting('stun:a.example, ,stun:b.example') // ['stun:a.example', 'stun:b.example']
 */
export function listSetting(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

/**
 * A setting with a default: unset or blank is `fallback`, as for the numbers,
 * so that `HOST=` in an environment file does not listen on every address.
 * @example textSetting('', '127.0.0.1') // '127.0.0.1'
 */
export function textSetting(value: string | undefined, fallback: string): string {
  return value?.trim() ? value.trim() : fallback;
}

/**
 * An on/off setting: `1`, `true`, `yes` or `on` is on, `0`, `false`, `no` or
 * `off` is off (in any case), unset or blank is undefined. Anything else is an
 * error naming the setting, so that a word it does not know never turns it off.
 * @example switchSetting('BECKON_DEMO_RELAY_ONLY', 'Yes') // true
 */
export function switchSetting(name: string, value: string | undefined): boolean | undefined {
  const word = (value ?? '').trim().toLowerCase();
  if (word === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(word)) return true;
  if (['0', 'false', 'no', 'off'].includes(word)) return false;
  throw new Error(`${name} must be 1, true, yes or on, or 0, false, no or off, not "${value}"`);
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
 * but digits, or outside `min` to `max`, is an error that names the setting.
 * @example wholeNumberSetting('PORT', '8787', 65_535) // 8787
 */
export function wholeNumberSetting(name: string, value: string | undefined, max?: number, min = 0): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || number < min || number > (max ?? Number.MAX_SAFE_INTEGER)) {
    throw new Error(`${name} must be a whole number${max === undefined ? '' : ` from ${min} to ${max}`}, not "${value}"`);
  }
  return number;
}

/**
 * BECKON_RING_TIMEOUT_MS, how long an offer rings by default: 1 s to 5
 * minutes (a tenant may choose 5 s to 5 minutes; shorter rings suit tests).
 * Unset is undefined: the default.
 * @example ringTimeoutSetting('7000') // 7000
 */
export function ringTimeoutSetting(value: string | undefined): number | undefined {
  return wholeNumberSetting('BECKON_RING_TIMEOUT_MS', value, 300_000, 1_000);
}

/**
 * A delay in ms that 0 leaves at its default (BECKON_RECONNECT_GRACE_MS,
 * BECKON_WEBHOOK_FIRST_RETRY_MS, BECKON_SEARCH_WINDOW_MS): at most an hour, far below the 24.8 days
 * past which timers fire at once.
 * @example delaySetting('BECKON_RECONNECT_GRACE_MS', '0') // undefined
 */
export function delaySetting(name: string, value: string | undefined): number | undefined {
  return wholeNumberSetting(name, value, 3_600_000) || undefined;
}

/**
 * BECKON_VISITOR_SESSIONS_PER_MINUTE, the visitor sessions one client address
 * may open in a minute. Unset or 0 is undefined: the default.
 * @example visitorSessionsSetting('100') // 100
 */
export function visitorSessionsSetting(value: string | undefined): number | undefined {
  return wholeNumberSetting('BECKON_VISITOR_SESSIONS_PER_MINUTE', value) || undefined;
}

/**
 * BECKON_WRAP_UP_SECONDS, how long a wrap-up holds back an agent's next
 * offer by default, in ms: 0 (none) to an hour, as a tenant may choose.
 * Unset is undefined: the default.
 * @example wrapUpSetting('12') // 12000
 */
export function wrapUpSetting(value: string | undefined): number | undefined {
  const seconds = wholeNumberSetting('BECKON_WRAP_UP_SECONDS', value, 3600);
  return seconds === undefined ? undefined : seconds * 1000;
}

/**
 * The token signing key pair from the JSON `npm run -s keys:generate` prints
 * (the BECKON_SIGNING_KEYS secret, the data directory's signing-keys.json):
 * text that is not that pair is `problem`, which never quotes it, since it
 * would be a private key.
 * @example signingKeysFrom(env.BECKON_SIGNING_KEYS, 'The BECKON_SIGNING_KEYS secret is not …') // { privateJwk, publicJwk }
 */
export function signingKeysFrom(text: string, problem: string): SigningKeys {
  let keys: Partial<SigningKeys> | null = null;
  try {
    keys = JSON.parse(text) as Partial<SigningKeys> | null;
  } catch {
    // Said below, as for JSON of another shape.
  }
  const isKey = (jwk: SigningKeys['publicJwk'] | undefined) => jwk?.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string';
  if (!isKey(keys?.privateJwk) || typeof keys?.privateJwk?.d !== 'string' || !isKey(keys.publicJwk)) throw new Error(problem);
  return keys as SigningKeys;
}

/**
 * BECKON_METRICS_TOKEN: unset or blank is no metrics; a token anyone could guess is refused.
 * @example metricsTokenSetting('0c6f…') // '0c6f…'
 */
export function metricsTokenSetting(value: string | undefined): string | undefined {
  const token = value?.trim();
  if (!token) return undefined;
  if (token.length < 16) throw new Error('BECKON_METRICS_TOKEN is too short: use at least 16 random characters (openssl rand -hex 16)');
  return token;
}
