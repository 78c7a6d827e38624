import { describe, expect, it } from 'vitest';
import { customerNamedBy } from './identity-token.ts';

// A token as the host site's server makes it; the signature is never looked at.
const token = (claims: unknown) => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.signature`;

describe('the customer an identity token names', () => {
  it("is the token's sub, as the server takes it", () => {
    expect(customerNamedBy(token({ sub: 'c_42', name: 'Ada Lovelace', exp: 1 }))).toBe('c_42');
    expect(customerNamedBy(token({ sub: ' c_42 ' }))).toBe('c_42');
    // base64url's own characters, and letters beyond ASCII.
    expect(customerNamedBy(token({ sub: 'Zoë~~~???' }))).toBe('Zoë~~~???');
  });

  it('is nobody for no token, a token without a sub, or anything but a JWT', () => {
    for (const page of [null, token({ name: 'Ada' }), token({ sub: 42 }), token(null), 'not a token', 'a.%%%.b', '']) expect(customerNamedBy(page)).toBeNull();
  });
});
