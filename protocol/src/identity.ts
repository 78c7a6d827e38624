// Verified visitors: the host site's server signs who its signed-in customer
// is (a JWT with the tenant's identity secret, HS256), and agents see that
// customer beside the contact, marked as verified (see docs/widget-api.md).
import { Invalid, object, oneLine, string } from './check.ts';
import { emailPattern } from './contact-requests.ts';
import { limits } from './limits.ts';

/** A customer the host site vouched for: their id in its own system, and the name and email it gave, if any. */
export interface Customer { id: string; name: string | null; email: string | null }

export const identityLimits = {
  /** Longest customer id (`sub`). */
  maxCustomerIdChars: 128,
  /** How far ahead an identity token may run out: a leaked one is of use for a day at most. */
  maxLifetimeSeconds: 24 * 60 * 60,
  /** How far the host site's clock may be off ours. */
  clockToleranceSeconds: 60,
} as const;

// Control characters and line breaks (Unicode's too) would let a name pose as more lines of the console, a CSV or a log,
// and bidirectional controls show it in another order than written, as every other name is checked.
function plainText(value: unknown, name: string, max: number): string {
  const text = string(value, name, max).trim();
  if (!text) throw new Invalid(`${name} must not be empty`);
  return oneLine(text, name);
}

/**
 * Reads the customer from a verified identity token's claims, `now` in ms:
 * `sub` is required, `name` and `email` optional, `exp` required and at most
 * a day ahead. Throws `Invalid`, saying what is wrong, otherwise.
 * @example parseIdentityClaims({ sub: 'c_42', name: 'Ada Lovelace', email: 'ada@example.com', exp: Date.now() / 1000 + 600 }, Date.now()) // { id: 'c_42', name: 'Ada Lovelace', email: 'ada@example.com' }
 */
export function parseIdentityClaims(claims: unknown, now: number): Customer {
  const o = object(claims, 'identity token claims');
  if (o.sub === undefined) throw new Invalid("the identity token has no sub (the customer's id)");
  if (typeof o.exp !== 'number') throw new Invalid('the identity token has no exp (when it runs out)');
  const { maxLifetimeSeconds, clockToleranceSeconds } = identityLimits;
  if (o.exp > now / 1000 + maxLifetimeSeconds + clockToleranceSeconds) throw new Invalid('the identity token must run out (exp) within 24 hours');
  const optional = (value: unknown, name: string, max: number) => (value === undefined || value === null ? null : plainText(value, name, max));
  const email = optional(o.email, 'email', limits.maxEmailChars);
  if (email !== null && !emailPattern.test(email)) throw new Invalid('email must be an email address');
  return { id: plainText(o.sub, 'sub', identityLimits.maxCustomerIdChars), name: optional(o.name, 'name', limits.maxNameChars), email };
}

/**
 * What agents call a verified customer: their name, else their email, else their id.
 * @example customerLabel({ id: 'c_42', name: null, email: 'ada@example.com' }) // 'ada@example.com'
 */
export function customerLabel(customer: Customer): string {
  return customer.name ?? customer.email ?? `Customer ${customer.id}`;
}
