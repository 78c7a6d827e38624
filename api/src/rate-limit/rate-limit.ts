// How often one client (an address, a visitor session, a participant) may do
// something: at most `max` times in any `windowMs`. Kept in memory, within a
// fixed number of clients, so a flood of new addresses cannot grow it.

/** At most `max` uses in any `windowMs`. */
export interface RateRule { max: number; windowMs: number }

/** The clients a limiter remembers by default; past that the one unseen longest is forgotten. */
const defaultMaxClients = 10_000;

export class RateLimiter {
  #rule: RateRule;
  #maxClients: number;
  // Each client's uses within the window, oldest first. A Map keeps insertion
  // order: a client is moved to the end on each use, so the first is the one unseen longest.
  #uses = new Map<string, number[]>();

  constructor(rule: RateRule, maxClients = defaultMaxClients) {
    this.#rule = rule;
    this.#maxClients = maxClients;
  }

  /**
   * Counts one use by `client` at `now` when the rule allows it and answers
   * null; otherwise counts nothing and answers how many ms until it may.
   * @example new RateLimiter({ max: 1, windowMs: 60_000 }).take('203.0.113.7', Date.now()) // null, then 60000 right after
   */
  take(client: string, now: number): number | null {
    const { max, windowMs } = this.#rule;
    const uses = (this.#uses.get(client) ?? []).filter((at) => at > now - windowMs);
    this.#uses.delete(client);
    if (uses.length >= max) {
      this.#uses.set(client, uses);
      return uses[0]! + windowMs - now;
    }
    this.#uses.set(client, [...uses, now]);
    if (this.#uses.size > this.#maxClients) this.#uses.delete(this.#uses.keys().next().value!);
    return null;
  }

  /**
   * Forgets a client's uses, as if it had made none.
   * @example limiter.forget('203.0.113.7');
   */
  forget(client: string): void {
    this.#uses.delete(client);
  }

  /**
   * Takes back a client's latest use, as if it had not been made.
   * @example limiter.giveBack('203.0.113.7');
   */
  giveBack(client: string): void {
    this.#uses.get(client)?.pop();
  }

  /** How many clients it remembers now. */
  get clients(): number {
    return this.#uses.size;
  }
}

/**
 * The client a limit counts for an address: an IPv4 address as it is (also
 * one written as IPv6, `::ffff:…`), an IPv6 address by its /64, which one
 * household or server is usually given whole.
 * @example clientOfAddress('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function clientOfAddress(address: string): string {
  const plain = address.split('%')[0]!.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped) return mapped[1]!;
  if (!plain.includes(':')) return plain;
  const [head = '', tail] = plain.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = tail === undefined ? front : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${groups.slice(0, 4).map((group) => (parseInt(group, 16) || 0).toString(16)).join(':')}::/64`;
}

/**
 * A wait in words for a visitor: seconds up to a minute, then minutes.
 * @example waitInWords(90_000) // '2 minutes'
 */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}
