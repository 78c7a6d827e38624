// Role gating: one middleware in front of every endpoint a role needs.
import { roles, type Role } from '@beckon/protocol';
import type { MiddlewareHandler } from 'hono';
import type { Actors } from '../actors/host.ts';
import type { AgentClaims, Tokens } from '../auth/tokens.ts';
import { ApiError } from './api-error.ts';
import { bearer } from './request.ts';

/** What the gate leaves for the handlers behind it: the signed-in agent, with their role as it is now. */
export type StaffEnv = { Variables: { staff: AgentClaims } };

const who: Record<Role, string> = { agent: 'signed-in agents', supervisor: 'supervisors and admins', admin: 'admins' };

/**
 * Lets through signed-in agents whose role is `role` or above (agent < supervisor < admin).
 * The role is read from the switchboard, not the token, so a demotion, a
 * removal or a reset counts at once rather than when the access token runs out.
 * @example admin.use('*', requireRole('admin', { actors, tokens }));
 */
export function requireRole(role: Role, deps: { actors: Actors; tokens: Tokens }): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const claims = await bearer(c, deps.tokens, 'access');
    const current = await deps.actors.switchboard(claims.tenantId).agentRole(claims.agentId, claims.issuedAt);
    if (!current) throw new ApiError(401, 'unauthorized', 'Missing or expired credentials.');
    if (roles.indexOf(current) < roles.indexOf(role)) throw new ApiError(403, 'forbidden', `Only ${who[role]} can do this.`);
    c.set('staff', { ...claims, role: current });
    await next();
  };
}
