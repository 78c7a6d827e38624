// Reading what a request carries: its JSON body and its token.
import type { Context } from 'hono';
import { socketProtocol } from '@beckon/protocol';
import type { Actors } from '../actors/host.ts';
import type { Claims, Tokens, Verified } from '../auth/tokens.ts';
import { ApiError } from './api-error.ts';

/**
 * The request's JSON body; a body that is not JSON is a 400.
 * @example const { email } = parseSignIn(await readJson(c));
 */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, 'bad_request', 'The request body must be JSON.');
  }
}

/**
 * The claims of the request's `Authorization: Bearer` token of the wanted kind; anything else is a 401.
 * @example const agent = await bearer(c, tokens, 'access');
 */
export async function bearer<K extends Claims['kind']>(c: Context, tokens: Tokens, kind: K): Promise<Verified<K>> {
  const header = c.req.header('Authorization') ?? '';
  const claims = header.startsWith('Bearer ') ? await tokens.verify(header.slice(7), kind) : null;
  if (!claims) throw new ApiError(401, 'unauthorized', 'Missing or expired credentials.');
  return claims;
}

/**
 * The claims of a WebSocket upgrade's token. Browsers cannot set headers on a
 * WebSocket, so it comes as the subprotocol after Beckon's (`socketProtocols`);
 * pages loaded before that carry it in the query, as `?token=`.
 * @example const agent = await socketToken(c, tokens, 'access');
 */
export async function socketToken<K extends Claims['kind']>(c: Context, tokens: Tokens, kind: K): Promise<Verified<K>> {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(400, 'bad_request', 'Expected a WebSocket upgrade.');
  const [protocol, offered] = (c.req.header('Sec-WebSocket-Protocol') ?? '').split(',').map((part) => part.trim());
  const claims = await tokens.verify((protocol === socketProtocol ? offered : c.req.query('token')) ?? '', kind);
  if (!claims) throw new ApiError(401, 'unauthorized', 'Missing or expired credentials.');
  return claims;
}

/** Tenant ids travel in front of the secret of refresh tokens and invite links. */
const tenantIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The tenant a `<tenant>.<secret>` token (refresh token, invite link) belongs to, or null when it has none.
 * @example tenantOfToken('demo.q3J…') // 'demo'
 */
export function tenantOfToken(token: string): string | null {
  const tenantId = token.split('.')[0] ?? '';
  return token.includes('.') && tenantIdPattern.test(tenantId) ? tenantId : null;
}

/**
 * The tenant of a `<tenant>.<secret>` token when that tenant exists, or null.
 * Anyone can make such a token up: an unknown tenant's switchboard is never
 * opened for it, so made-up tokens cannot fill the server with empty tenants.
 * @example await knownTenantOfToken(actors, 'demo.q3J…') // 'demo'
 */
export async function knownTenantOfToken(actors: Actors, token: string): Promise<string | null> {
  const tenantId = tenantOfToken(token);
  return tenantId && (await actors.directory().hasTenant(tenantId)) ? tenantId : null;
}
