// Slows password guessing: wrong passwords are counted per email and client
// address, whether or not the email belongs to an agent, so the throttle
// tells nobody which emails do; and a guesser elsewhere cannot lock an agent
// out of their own address. Guesses spread over many addresses are counted
// per email too: past that limit the email is held back from every address
// it has not signed in from lately, while the agent's own addresses still
// get in. Kept in memory: a restart forgets the counts, which only shortens
// the wait.
import { clientOfAddress, RateLimiter } from '../rate-limit/rate-limit.ts';

/** Wrong passwords an email may have from one address within `signInWindowMs`; past that, its sign-ins from there are refused until the oldest ages out. */
export const maxFailedSignIns = 10;
export const signInWindowMs = 10 * 60_000;
/** Wrong passwords an email may have from all the addresses it has not signed in from lately, within `emailWindowMs`. */
export const maxFailedSignInsPerEmail = 30;
export const emailWindowMs = 60 * 60_000;
/** How long an address the email signed in from stays its own: not held back by the guesses from elsewhere. */
export const knownAddressMs = 30 * 24 * 60 * 60_000;
/** How many email and address pairs are remembered; past it the least recently failed are forgotten, so guessing at many emails cannot fill the memory. */
export const maxTrackedSignIns = 10_000;

export class SignInThrottle {
  #failures: RateLimiter;
  #emailFailures: RateLimiter;
  // When each email last signed in from each address, least recent first.
  #known = new Map<string, number>();
  #capacity: number;
  #now: () => number;

  constructor(now: () => number = Date.now, capacity = maxTrackedSignIns) {
    this.#failures = new RateLimiter({ max: maxFailedSignIns, windowMs: signInWindowMs }, capacity);
    this.#emailFailures = new RateLimiter({ max: maxFailedSignInsPerEmail, windowMs: emailWindowMs }, capacity);
    this.#capacity = capacity;
    this.#now = now;
  }

  /**
   * Starts a sign-in to `email` from `client`: counted as failed until it
   * succeeds, so guesses sent all at once are counted before any is checked.
   * Answers how long (ms) the sign-in must wait, or 0 when its password may
   * be checked now.
   * @example throttle.attempt('ada@example.com', '203.0.113.7') // 0
   */
  attempt(email: string, client: string): number {
    const now = this.#now();
    const pair = pairKey(email, client);
    const wait = this.#failures.take(pair, now);
    if (wait !== null) return wait;
    if (this.#isKnown(pair)) return 0;
    return this.#emailFailures.take(email, now) ?? 0;
  }

  #isKnown(pair: string): boolean {
    return (this.#known.get(pair) ?? -Infinity) > this.#now() - knownAddressMs;
  }

  /**
   * Forgets the failed sign-ins from this address before a right password,
   * and this one, and makes it one of the email's own addresses.
   * @example throttle.succeeded('ada@example.com', '203.0.113.7');
   */
  succeeded(email: string, client: string): void {
    const pair = pairKey(email, client);
    this.#failures.forget(pair);
    if (!this.#isKnown(pair)) this.#emailFailures.giveBack(email);
    this.#known.delete(pair);
    this.#known.set(pair, this.#now());
    if (this.#known.size > this.#capacity) this.#known.delete(this.#known.keys().next().value!);
  }
}

// An IPv6 address counts by its /64, as for visitors: one household has all of it.
function pairKey(email: string, client: string): string {
  return JSON.stringify([email, clientOfAddress(client)]);
}
