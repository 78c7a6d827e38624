// The admin API, `/v1/admin/…`: the team, queues, allowed origins, widget
// keys, identity secret and settings of the admin's own tenant. Every route
// sits behind the admin gate; the tenant always comes from the token, never
// from the request.
import {
  maxSavedReplies,
  parseAgentChange,
  parseAgentInvite,
  parseNewQueue,
  parseNewSavedReply,
  parseNewWidgetKey,
  parseOrigin,
  parseOriginBody,
  parseQueueChange,
  parseSavedReplyChange,
  parseSettingsChange,
  type AdminAgent,
  type AgentResponse,
  type AgentsResponse,
  type IdentitySecretResponse,
  type InviteLink,
  type InviteResponse,
  type NewIdentitySecretResponse,
  type NewWidgetKeyResponse,
  type OriginsResponse,
  type QueueResponse,
  type QueuesResponse,
  type RotatedWidgetKeyResponse,
  type SavedReplyResponse,
  type SettingsResponse,
  type VisitorBlocksResponse,
  type TenantSettings,
  type WidgetKeysResponse,
} from '@beckon/protocol';
import { Hono, type Context } from 'hono';
import type { Actors } from '../actors/host.ts';
import type { InviteHash, TeamRefusal } from '../actors/team.ts';
import { randomSecret, sha256 } from '../auth/passwords.ts';
import { inviteLinkSeconds, type Tokens } from '../auth/tokens.ts';
import { ApiError } from './api-error.ts';
import { readJson } from './request.ts';
import { requireRole, type StaffEnv } from './roles.ts';

export interface AdminOptions {
  actors: Actors;
  tokens: Tokens;
  /** Whether this host has a TURN relay; without one a relay-only call could never connect. */
  relayAvailable: boolean;
}

/**
 * The admin routes, to be mounted at `/v1/admin`.
 * @example app.route('/v1/admin', adminRoutes({ actors, tokens, relayAvailable: false }));
 */
export function adminRoutes(options: AdminOptions): Hono<StaffEnv> {
  const { actors } = options;
  const admin = new Hono<StaffEnv>();
  admin.use('*', requireRole('admin', options));

  const tenantOf = (c: Context<StaffEnv>) => c.get('staff').tenantId;
  const switchboard = (c: Context<StaffEnv>) => actors.switchboard(tenantOf(c));

  admin.get('/agents', async (c) => c.json({ agents: await switchboard(c).teamAgents() } satisfies AgentsResponse));

  admin.post('/agents', async (c) => {
    // Whether the email signs in to another tenant is not this admin's to learn: that is found out when the link is used.
    const invite = parseAgentInvite(await readJson(c));
    const { link, hash } = await inviteLink(c);
    const agent = await switchboard(c).inviteAgent(invite, hash);
    if (agent === 'exists') throw new ApiError(409, 'conflict', 'An agent with this email is already on the team.');
    return c.json({ agent, invite: link } satisfies InviteResponse, 201);
  });

  admin.patch('/agents/:id', async (c) => {
    const change = parseAgentChange(await readJson(c));
    const agent = accepted(await switchboard(c).updateAgent(c.req.param('id'), change));
    return c.json({ agent } satisfies AgentResponse);
  });

  admin.post('/agents/:id/reset', async (c) => {
    const { link, hash } = await inviteLink(c);
    const agent = await switchboard(c).resetAgent(c.req.param('id'), hash, c.get('staff').agentId);
    if (!agent) throw new ApiError(404, 'not_found', 'No such agent.');
    return c.json({ agent, invite: link } satisfies InviteResponse);
  });

  admin.delete('/agents/:id', async (c) => {
    const agent = accepted(await switchboard(c).removeAgent(c.req.param('id'), c.get('staff').agentId));
    await actors.directory().releaseAgentLogin(agent.email, tenantOf(c));
    return c.body(null, 204);
  });

  admin.get('/queues', async (c) => c.json({ queues: await switchboard(c).queues() } satisfies QueuesResponse));

  admin.post('/queues', async (c) => {
    const queue = parseNewQueue(await readJson(c));
    if (!(await switchboard(c).createQueue(queue))) throw new ApiError(409, 'conflict', `There is already a queue "${queue.id}".`);
    return c.json({ queue } satisfies QueueResponse, 201);
  });

  admin.patch('/queues/:id', async (c) => {
    const queue = await switchboard(c).updateQueue(c.req.param('id'), parseQueueChange(await readJson(c)));
    if (!queue) throw new ApiError(404, 'not_found', 'No such queue.');
    return c.json({ queue } satisfies QueueResponse);
  });

  admin.delete('/queues/:id', async (c) => {
    const result = await switchboard(c).deleteQueue(c.req.param('id'));
    if (result === 'not_found') throw new ApiError(404, 'not_found', 'No such queue.');
    if (result === 'default') throw new ApiError(409, 'conflict', 'The default queue cannot be deleted: calls that name no queue wait in it.');
    if (result === 'waiting') throw new ApiError(409, 'conflict', 'Calls are waiting in this queue; delete it once they have been answered.');
    return c.body(null, 204);
  });

  admin.post('/saved-replies', async (c) => {
    const savedReply = await switchboard(c).addSavedReply(parseNewSavedReply(await readJson(c)));
    if (savedReply === 'full') throw new ApiError(409, 'conflict', `A team keeps at most ${maxSavedReplies} saved replies; delete one first.`);
    return c.json({ savedReply } satisfies SavedReplyResponse, 201);
  });

  admin.patch('/saved-replies/:id', async (c) => {
    const savedReply = await switchboard(c).changeSavedReply(c.req.param('id'), parseSavedReplyChange(await readJson(c)));
    if (!savedReply) throw new ApiError(404, 'not_found', 'No such saved reply.');
    return c.json({ savedReply } satisfies SavedReplyResponse);
  });

  admin.delete('/saved-replies/:id', async (c) => {
    if (!(await switchboard(c).deleteSavedReply(c.req.param('id')))) throw new ApiError(404, 'not_found', 'No such saved reply.');
    return c.body(null, 204);
  });

  admin.get('/visitor-blocks', async (c) => c.json({ blocks: await switchboard(c).visitorBlocks() } satisfies VisitorBlocksResponse));

  admin.delete('/visitor-blocks/:id', async (c) => {
    if (!(await switchboard(c).unblockVisitor(c.req.param('id')))) throw new ApiError(404, 'not_found', 'No such block.');
    return c.body(null, 204);
  });

  admin.delete('/contacts/:id', async (c) => {
    const result = await switchboard(c).deleteContact(c.req.param('id'));
    if (result === 'not_found') throw new ApiError(404, 'not_found', 'No such contact.');
    if (result === 'live') throw new ApiError(409, 'conflict', 'This contact is not over yet; delete it once it has ended.');
    if (result === 'wrapping-up') throw new ApiError(409, 'conflict', 'Its agent is still wrapping this contact up; delete it once they are done.');
    return c.body(null, 204);
  });

  admin.get('/origins', async (c) => c.json({ origins: await actors.directory().allowedOrigins(tenantOf(c)) } satisfies OriginsResponse));

  admin.post('/origins', async (c) => {
    const origin = parseOriginBody(await readJson(c));
    return c.json({ origins: await actors.directory().addAllowedOrigin(tenantOf(c), origin) } satisfies OriginsResponse, 201);
  });

  admin.delete('/origins/:origin', async (c) => {
    const origins = await actors.directory().removeAllowedOrigin(tenantOf(c), parseOrigin(c.req.param('origin')));
    if (!origins) throw new ApiError(404, 'not_found', 'This origin is not allowed anyway.');
    return c.body(null, 204);
  });

  admin.get('/widget-keys', async (c) => c.json({ widgetKeys: await actors.directory().widgetKeys(tenantOf(c)) } satisfies WidgetKeysResponse));

  admin.post('/widget-keys', async (c) => {
    const { label } = parseNewWidgetKey(await readJson(c));
    return c.json((await actors.directory().createWidgetKey(tenantOf(c), label)) satisfies NewWidgetKeyResponse, 201);
  });

  admin.post('/widget-keys/:id/rotate', async (c) => {
    const result = await actors.directory().rotateWidgetKey(tenantOf(c), c.req.param('id'));
    if (result === 'not_found') throw new ApiError(404, 'not_found', 'No such widget key.');
    if (result === 'already_rotated') throw new ApiError(409, 'conflict', 'This key has been rotated already; rotate its replacement, or revoke it.');
    return c.json(result satisfies RotatedWidgetKeyResponse, 201);
  });

  admin.delete('/widget-keys/:id', async (c) => {
    if (!(await actors.directory().revokeWidgetKey(tenantOf(c), c.req.param('id')))) throw new ApiError(404, 'not_found', 'No such widget key.');
    return c.body(null, 204);
  });

  // The secret the tenant's site signs its customers with: shown in full once, when made.
  admin.get('/identity-secret', async (c) => c.json({ identitySecret: await actors.directory().identitySecret(tenantOf(c)) } satisfies IdentitySecretResponse));

  admin.post('/identity-secret', async (c) => c.json((await actors.directory().makeIdentitySecret(tenantOf(c))) satisfies NewIdentitySecretResponse, 201));

  admin.delete('/identity-secret', async (c) => {
    if (!(await actors.directory().removeIdentitySecret(tenantOf(c)))) throw new ApiError(404, 'not_found', 'There is no identity secret to remove.');
    return c.body(null, 204);
  });

  const settings = async (tenantId: string): Promise<TenantSettings> => ({
    relayOnly: await actors.directory().relayOnly(tenantId),
    ...(await actors.switchboard(tenantId).settings()),
  });

  admin.get('/settings', async (c) => c.json({ settings: await settings(tenantOf(c)) } satisfies SettingsResponse));

  admin.patch('/settings', async (c) => {
    const { relayOnly, ...kept } = parseSettingsChange(await readJson(c));
    if (relayOnly && !options.relayAvailable) {
      throw new ApiError(409, 'conflict', 'This server has no TURN relay, so relay-only calls could not connect; see docs/turn.md.');
    }
    if (relayOnly !== undefined) await actors.directory().setRelayOnly(tenantOf(c), relayOnly);
    if (Object.keys(kept).length) await switchboard(c).changeSettings(kept);
    return c.json({ settings: await settings(tenantOf(c)) } satisfies SettingsResponse);
  });

  return admin;
}

// A new one-time link on the console this API serves; the tenant in front lets the link find its switchboard.
async function inviteLink(c: Context<StaffEnv>): Promise<{ link: InviteLink; hash: InviteHash }> {
  const token = `${c.get('staff').tenantId}.${randomSecret()}`;
  const expiresAt = Date.now() + inviteLinkSeconds * 1000;
  // In the fragment, so the token never reaches a server log or a Referer header.
  const url = `${new URL(c.req.url).origin}/console/#invite=${token}`;
  return { link: { token, url, expiresAt }, hash: { tokenHash: await sha256(token), expiresAt } };
}

function accepted(result: AdminAgent | TeamRefusal): AdminAgent {
  if (result === 'not_found') throw new ApiError(404, 'not_found', 'No such agent.');
  if (result === 'last_admin') throw new ApiError(409, 'conflict', 'The team needs at least one admin; make someone else an admin first.');
  if (result === 'yourself') throw new ApiError(409, 'conflict', 'You cannot remove yourself; ask another admin.');
  return result;
}
