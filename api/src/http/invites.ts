// Invite links, `/v1/invites/:token`: an invited (or reset) agent sees who
// the link is for, sets a password and is signed in. No other credential is
// needed; the link works once and for 72 hours.
import { parseAcceptInvite, type InviteDetails, type SignInResponse } from '@beckon/protocol';
import { Hono, type Context } from 'hono';
import type { Actors } from '../actors/host.ts';
import { hashPassword, sha256 } from '../auth/passwords.ts';
import type { Tokens } from '../auth/tokens.ts';
import { ApiError } from './api-error.ts';
import { issueAgentSession } from './agent-session.ts';
import { knownTenantOfToken, readJson } from './request.ts';

const unusable = () => new ApiError(404, 'not_found', 'This link is not valid: it has been used, has expired, or was replaced by a newer one. Ask an admin for a new link.');

/**
 * The invite routes, to be mounted at `/v1/invites`.
 * @example app.route('/v1/invites', inviteRoutes({ actors, tokens, clientAddress: () => '203.0.113.7' }));
 */
export function inviteRoutes({ actors, tokens, clientAddress }: { actors: Actors; tokens: Tokens; clientAddress: (c: Context) => string }): Hono {
  const invites = new Hono();

  const find = async (token: string) => {
    const tenantId = await knownTenantOfToken(actors, token);
    const tokenHash = await sha256(token);
    const details = tenantId ? await actors.switchboard(tenantId).inviteDetails(tokenHash) : null;
    if (!tenantId || !details) throw unusable();
    return { tenantId, tokenHash, details };
  };

  invites.get('/:token', async (c) => c.json((await find(c.req.param('token'))).details satisfies InviteDetails));

  invites.post('/:token', async (c) => {
    const { password } = parseAcceptInvite(await readJson(c));
    // Looked up before the costly hashing, so a made-up link costs the server little.
    const { tenantId, tokenHash, details } = await find(c.req.param('token'));
    // An email signs in to one tenant; only the person holding the link learns it is taken.
    if (!(await actors.directory().claimAgentLogin(details.email, tenantId))) {
      throw new ApiError(409, 'conflict', 'This email already signs in to another Beckon team. Ask your admin to invite you with another email.');
    }
    const agent = await actors.switchboard(tenantId).acceptInvite(tokenHash, await hashPassword(password));
    if (!agent) throw unusable();
    // The agent set their password here: guesses at it from elsewhere do not hold this address back.
    await actors.directory().signInSucceeded(details.email, clientAddress(c));
    return c.json((await issueAgentSession(actors, tokens, tenantId, agent)) satisfies SignInResponse);
  });

  return invites;
}
