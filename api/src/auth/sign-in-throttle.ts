// Slows password guessing: wrong passwords are counted per email and client
// address, whether or not the email belongs to an agent, so the throttle
// tells nobody which emails do; and a guesser elsewhere cannot lock an agent
// out of their own address. Kept in memory: a restart forgets the counts,
// which only shortens the wait.

/** Wrong passwords an email may have from one address within `signInWindowMs`; past that, its sign-ins from there are refused until the oldest ages out. */
export const maxFailedSignIns = 10;
export const signInWindowMs = 10 * 60_000;
/** How many email and address pairs are remembered; past it the least recently failed are forgotten, so guessing at many emails cannot fill the memory. */
export const maxTrackedSignIns = 10_000;

export class SignInThrottle {
  // Insertion order is the order of each pair's latest failure: the first is the one to forget.
  #failures = new Map<string, number[]>();
  #now: () => number;
  #capacity: number;

  constructor(now: () => number = Date.now, capacity = maxTrackedSignIns) {
    this.#now = now;
    this.#capacity = capacity;
  }

  /**
   * Starts a sign-in to `email` from `client`: counted as failed until it
   * succeeds, so guesses sent all at once are counted before any is checked.
   * Answers how long (ms) the sign-in must wait, counting nothing then, or 0
   * when its password may be checked now.
   * @example throttle.attempt('ada@example.com', '203.0.113.7') // 0
   */
  attempt(email: string, client: string): number {
    const failures = this.#recent(email, client);
    if (failures.length >= maxFailedSignIns) return failures[0]! + signInWindowMs - this.#now();
    const key = pairKey(email, client);
    this.#failures.delete(key);
    this.#failures.set(key, [...failures, this.#now()]);
    for (const oldest of this.#failures.keys()) {
      if (this.#failures.size <= this.#capacity) break;
      this.#failures.delete(oldest);
    }
    return 0;
  }

  /**
   * Forgets the failed sign-ins before a right password, this one's too.
   * @example throttle.succeeded('ada@example.com', '203.0.113.7');
   */
  succeeded(email: string, client: string): void {
    this.#failures.delete(pairKey(email, client));
  }

  #recent(email: string, client: string): number[] {
    const since = this.#now() - signInWindowMs;
    return (this.#failures.get(pairKey(email, client)) ?? []).filter((at) => at > since);
  }
}

function pairKey(email: string, client: string): string {
  return JSON.stringify([email, client]);
}
