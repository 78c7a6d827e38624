// Slows password guessing: wrong passwords are counted per email and client
// address, whether or not the email belongs to an agent, so the throttle
// tells nobody which emails do; and a guesser elsewhere cannot lock an agent
// out of their own address. Kept in memory: a restart forgets the counts,
// which only shortens the wait.
import { clientOfAddress, RateLimiter } from '../rate-limit/rate-limit.ts';

/** Wrong passwords an email may have from one address within `signInWindowMs`; past that, its sign-ins from there are refused until the oldest ages out. */
export const maxFailedSignIns = 10;
export const signInWindowMs = 10 * 60_000;
/** How many email and address pairs are remembered; past it the least recently failed are forgotten, so guessing at many emails cannot fill the memory. */
export const maxTrackedSignIns = 10_000;

export class SignInThrottle {
  #failures: RateLimiter;
  #now: () => number;

  constructor(now: () => number = Date.now, capacity = maxTrackedSignIns) {
    this.#failures = new RateLimiter({ max: maxFailedSignIns, windowMs: signInWindowMs }, capacity);
    this.#now = now;
  }

  /**
   * Starts a sign-in to `email` from `client`: counted as failed until it
   * succeeds, so guesses sent all at once are counted before any is checked.
   * Answers how long (ms) the sign-in must wait, counting nothing then, or 0
   * when its password may be checked now.
   * @example throttle.attempt('ada@example.com', '203.0.113.7') // 0
   */
  attempt(email: string, client: string): number {
    return this.#failures.take(pairKey(email, client), this.#now()) ?? 0;
  }

  /**
   * Forgets the failed sign-ins before a right password, this one's too.
   * @example throttle.succeeded('ada@example.com', '203.0.113.7');
   */
  succeeded(email: string, client: string): void {
    this.#failures.forget(pairKey(email, client));
  }
}

// An IPv6 address counts by its /64, as for visitors: one household has all of it.
function pairKey(email: string, client: string): string {
  return JSON.stringify([email, clientOfAddress(client)]);
}
