// What an agent gets on signing in: a short-lived access token and a
// single-use refresh token, stored only as a hash. Each refresh token belongs
// to the family of the sign-in it descends from, so a stolen copy used twice
// can end them all.
import type { AgentProfile, SignInResponse } from '@beckon/protocol';
import type { Actors } from '../actors/host.ts';
import { randomSecret, sha256 } from '../auth/passwords.ts';
import { accessTokenSeconds, refreshTokenSeconds, type Tokens } from '../auth/tokens.ts';

/**
 * Starts a session for an agent whose credentials were just checked, or
 * continues one (`family`: that of the refresh token just spent).
 * @example return c.json(await issueAgentSession(actors, tokens, tenantId, agent));
 */
export async function issueAgentSession(actors: Actors, tokens: Tokens, tenantId: string, agent: AgentProfile, family: string = crypto.randomUUID()): Promise<SignInResponse> {
  // The tenant in front lets a refresh find its switchboard without a lookup.
  const refreshToken = `${tenantId}.${randomSecret()}`;
  await actors.switchboard(tenantId).saveRefreshToken(agent.id, await sha256(refreshToken), Date.now() + refreshTokenSeconds * 1000, family);
  const accessToken = await tokens.issue({ kind: 'access', tenantId, agentId: agent.id, role: agent.role });
  return { accessToken, refreshToken, expiresIn: accessTokenSeconds, agent };
}
