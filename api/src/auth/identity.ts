// Identity tokens: the host site's server signs its signed-in customer with
// the tenant's identity secret (HS256, a shared secret like a webhook's), and
// the visitor's session carries that customer once the signature holds.
import { Invalid, identityLimits, parseIdentityClaims, type Customer } from '@beckon/protocol';
import { errors, jwtVerify } from 'jose';

/**
 * The customer an identity token vouches for, or why it is refused (a
 * sentence for the host site's developer): a signature that is not the
 * secret's, another algorithm than HS256 (`none` too), a token past its `exp`,
 * or claims `parseIdentityClaims` refuses. `now` is in ms.
 * @example await verifyIdentityToken(token, secret, Date.now()) // { id: 'c_42', name: 'Ada Lovelace', email: 'ada@example.com' }
 */
export async function verifyIdentityToken(token: string, secret: string, now: number): Promise<Customer | string> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      clockTolerance: identityLimits.clockToleranceSeconds,
      currentDate: new Date(now),
    });
    return parseIdentityClaims(payload, now);
  } catch (error) {
    if (error instanceof Invalid) return `The identity token is refused: ${error.message}.`;
    if (error instanceof errors.JWTExpired) return 'The identity token has expired; sign a new one for each page.';
    if (error instanceof errors.JOSEAlgNotAllowed) return 'The identity token must be signed with HS256.';
    if (error instanceof errors.JWSSignatureVerificationFailed) return "The identity token's signature does not match this site's identity secret.";
    if (error instanceof errors.JWTClaimValidationFailed) return `The identity token is refused: ${error.message}.`;
    return 'The identity token is not a signed JWT.';
  }
}
