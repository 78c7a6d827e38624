// Short-lived JWTs (jose, ES256) for agents, visitors and conversation participants.
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK } from 'jose';
import type { Customer, Role } from '@beckon/protocol';

const issuer = 'beckon';

export const accessTokenSeconds = 15 * 60;
export const visitorTokenSeconds = 2 * 60 * 60;
export const conversationTokenSeconds = 4 * 60 * 60;
export const refreshTokenSeconds = 30 * 24 * 60 * 60;
/** How long an invite or reset link works (it works once). */
export const inviteLinkSeconds = 72 * 60 * 60;

export interface AgentClaims { kind: 'access'; tenantId: string; agentId: string; role: Role }
/**
 * `key`: the widget key the session was made with (absent in sessions made before it was kept, which run out within 2 hours).
 * `customer`: who the host site verified the visitor as (an identity token signed with the tenant's secret); absent for an anonymous visitor.
 */
export interface VisitorClaims { kind: 'visitor'; tenantId: string; visitorId: string; origin: string; key: string; customer?: Customer }
export interface ConversationClaims {
  kind: 'conversation';
  tenantId: string;
  conversationId: string;
  participant: 'visitor' | 'agent';
  participantId: string;
}
export type Claims = AgentClaims | VisitorClaims | ConversationClaims;

/** The signing key pair, as JWKs, kept by the host (a file on Node, a secret on Workers). */
export interface SigningKeys { privateJwk: JWK; publicJwk: JWK }

/** A valid token's claims, with when it was issued and when it runs out (ms since the epoch). */
export type Verified<K extends Claims['kind']> = Extract<Claims, { kind: K }> & { issuedAt: number; expiresAt: number };

export interface Tokens {
  issue(claims: Claims): Promise<string>;
  /** The claims of a valid token of the wanted kind, or null for anything else. */
  verify<K extends Claims['kind']>(token: string, kind: K): Promise<Verified<K> | null>;
}

const lifetimes: Record<Claims['kind'], number> = {
  access: accessTokenSeconds,
  visitor: visitorTokenSeconds,
  conversation: conversationTokenSeconds,
};

/**
 * Generates a fresh ES256 key pair for signing tokens.
 * @example const keys = await generateSigningKeys();
 */
export async function generateSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

/**
 * Issues and verifies Beckon tokens with one key pair.
 * @example const tokens = await createTokens(keys); const jwt = await tokens.issue({ kind: 'visitor', tenantId, visitorId, origin });
 */
export async function createTokens(keys: SigningKeys): Promise<Tokens> {
  const privateKey = await importJWK(keys.privateJwk, 'ES256');
  const publicKey = await importJWK(keys.publicJwk, 'ES256');
  return {
    issue(claims) {
      // `iat` counts whole seconds; a session ended within the second it was issued in is told apart by the milliseconds.
      return new SignJWT({ ...claims, issuedAt: Date.now() })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(`${lifetimes[claims.kind]}s`)
        .sign(privateKey);
    },
    async verify(token, kind) {
      try {
        const { payload } = await jwtVerify(token, publicKey, { issuer, algorithms: ['ES256'] });
        if (payload.kind !== kind) return null;
        return { ...payload, issuedAt: typeof payload.issuedAt === 'number' ? payload.issuedAt : (payload.iat ?? 0) * 1000, expiresAt: (payload.exp ?? 0) * 1000 } as never;
      } catch {
        return null;
      }
    },
  };
}
