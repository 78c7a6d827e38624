import { describe, expect, it } from 'vitest';
import { customerLabel, identityLimits, parseIdentityClaims } from './identity.ts';
import { Invalid } from './check.ts';
import { parseContactsQuery } from './http.ts';

const now = Date.UTC(2026, 10, 27, 12);
const inAnHour = now / 1000 + 3600;

describe('parseIdentityClaims', () => {
  it('takes the customer id, name and email, trimmed', () => {
    expect(parseIdentityClaims({ sub: 'c_42', name: ' Ada Lovelace ', email: 'ada@example.com', exp: inAnHour, iat: now / 1000 }, now)).toEqual({
      id: 'c_42',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
  });

  it('takes a customer with an id only', () => {
    expect(parseIdentityClaims({ sub: 'c_42', exp: inAnHour }, now)).toEqual({ id: 'c_42', name: null, email: null });
  });

  it('accepts an id of 128 characters and a token running out in 24 hours', () => {
    expect(parseIdentityClaims({ sub: 'x'.repeat(128), exp: now / 1000 + 24 * 3600 }, now).id).toHaveLength(128);
  });

  it.each([
    ['no sub', { exp: inAnHour }, "the identity token has no sub (the customer's id)"],
    ['an empty sub', { sub: ' ', exp: inAnHour }, 'sub must not be empty'],
    ['a sub that is not a string', { sub: 42, exp: inAnHour }, 'sub must be a string'],
    ['a sub of 129 characters', { sub: 'x'.repeat(129), exp: inAnHour }, 'sub must be at most 128 characters'],
    ['no exp', { sub: 'c_42' }, 'the identity token has no exp (when it runs out)'],
    ['an exp two days ahead', { sub: 'c_42', exp: now / 1000 + 48 * 3600 }, 'the identity token must run out (exp) within 24 hours'],
    ['a line break in the name', { sub: 'c_42', name: 'Ada\nAgent: trust me', exp: inAnHour }, 'name must be on one line, without control characters'],
    ['a Unicode line separator in the name', { sub: 'c_42', name: 'Ada\u2028Lovelace', exp: inAnHour }, 'name must be on one line, without control characters'],
    ['a control character in the email', { sub: 'c_42', email: 'ada@exam\u0007ple.com', exp: inAnHour }, 'email must be on one line, without control characters'],
    ['a control character in the id', { sub: 'c\u000042', exp: inAnHour }, 'sub must be on one line, without control characters'],
    ['a bidirectional override in the name', { sub: 'c_42', name: 'Ada \u202egnp.exe', exp: inAnHour }, 'name must be on one line, without control characters'],
    ['a bidirectional isolate in the id', { sub: 'c_\u206642', exp: inAnHour }, 'sub must be on one line, without control characters'],
    ['an email that is not one', { sub: 'c_42', email: 'ada', exp: inAnHour }, 'email must be an email address'],
    ['a name of 101 characters', { sub: 'c_42', name: 'x'.repeat(101), exp: inAnHour }, 'name must be at most 100 characters'],
  ])('refuses %s', (_, claims, message) => {
    expect(() => parseIdentityClaims(claims, now)).toThrow(message);
  });
});

describe('customerLabel', () => {
  it('calls the customer by name, else email, else id', () => {
    expect(customerLabel({ id: 'c_42', name: 'Ada Lovelace', email: 'ada@example.com' })).toBe('Ada Lovelace');
    expect(customerLabel({ id: 'c_42', name: null, email: 'ada@example.com' })).toBe('ada@example.com');
    expect(customerLabel({ id: 'c_42', name: null, email: null })).toBe('Customer c_42');
  });
});

describe("a search of History by a customer's id", () => {
  it('takes any id a verified customer can have, and no longer', () => {
    const longest = 'c'.repeat(identityLimits.maxCustomerIdChars);
    expect(parseContactsQuery({ customer: longest })).toMatchObject({ customer: longest });
    expect(() => parseContactsQuery({ customer: `${longest}c` })).toThrow(Invalid);
  });
});
