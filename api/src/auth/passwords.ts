// Agent passwords, stored only as salted PBKDF2-SHA256 hashes (WebCrypto, so
// the same code runs on Node and Workers). Workers cap PBKDF2 at 100,000
// iterations; the count is kept in the hash so it can be raised later.
const iterations = 100_000;

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, rounds: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: rounds }, key, 256);
  return new Uint8Array(bits);
}

/**
 * Hashes a password as `pbkdf2-sha256$<iterations>$<salt>$<hash>`. Fewer
 * `rounds` only for throwaway agents (benchmarks sign in thousands of them).
 * @example const stored = await hashPassword('correct horse');
 */
export async function hashPassword(password: string, rounds = iterations): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, rounds);
  return `pbkdf2-sha256$${rounds}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

/**
 * Checks a password against a stored hash in constant time.
 * @example await verifyPassword('correct horse', stored) // true
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, rounds, salt, expected] = stored.split('$');
  // No password (an invited or reset agent) is refused as slowly as a wrong one: timing must not tell their email is an agent's.
  if (scheme !== 'pbkdf2-sha256' || !rounds || !salt || !expected) return verifyNobodysPassword(password);
  const actual = await derive(password, fromBase64Url(salt), Number(rounds));
  const wanted = fromBase64Url(expected);
  if (actual.length !== wanted.length) return false;
  let difference = 0;
  for (let i = 0; i < actual.length; i++) difference |= actual[i]! ^ wanted[i]!;
  return difference === 0;
}

// A hash no password matches (its hash part is all zeros), checked at the cost of a real one.
const nobodysHash = `pbkdf2-sha256$${iterations}$${'A'.repeat(22)}$${'A'.repeat(43)}`;

/**
 * Checks a password for an email nobody signs in with: always false, but it
 * takes as long as a real check, so the time of an answer does not tell which
 * emails belong to agents.
 * @example await verifyNobodysPassword(password) // false
 */
export async function verifyNobodysPassword(password: string): Promise<false> {
  await verifyPassword(password, nobodysHash);
  return false;
}

/**
 * Makes a random URL-safe secret (refresh tokens, generated passwords).
 * @example randomSecret(24) // 'q3J…' (32 characters)
 */
export function randomSecret(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * SHA-256 of a secret, for storing refresh tokens without keeping them.
 * @example await sha256('abc') // 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0'
 */
export async function sha256(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
