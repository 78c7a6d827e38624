// The Hono app every host runs: authentication, visitor sessions, calls,
// contact history, the admin API, invite links, the OpenAPI document and the
// WebSocket entry points. It speaks only web standards; the host supplies
// actors and the WebSocket upgrade.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import {
  Invalid,
  defaultQueue,
  limits,
  parseCallRequest,
  parseRefresh,
  parseSignIn,
  parseSurvey,
  parseVisitorSession,
  type CallResponse,
  type ContactsResponse,
  type VisitorSessionResponse,
  type WebhookDeliveriesResponse,
} from '@beckon/protocol';
import { sha256 } from '../auth/passwords.ts';
import { visitorTokenSeconds, type Tokens } from '../auth/tokens.ts';
import type { Actors } from '../actors/host.ts';
import type { AgentAttachment } from '../actors/switchboard.ts';
import type { ParticipantAttachment } from '../actors/conversation.ts';
import { adminRoutes } from './admin.ts';
import { issueAgentSession } from './agent-session.ts';
import { ApiError } from './api-error.ts';
import { inviteRoutes } from './invites.ts';
import { openApiDocument } from './openapi.ts';
import { bearer, readJson, socketToken, tenantOfToken } from './request.ts';
import { requireRole } from './roles.ts';

/** Where an authenticated WebSocket goes. */
export type SocketTarget =
  | { actor: 'switchboard'; tenantId: string; attachment: AgentAttachment }
  | { actor: 'conversation'; conversationId: string; attachment: ParticipantAttachment };

export interface AppOptions {
  actors: Actors;
  tokens: Tokens;
  /** Whether the host has a TURN relay (a TURN secret), which relay-only tenants need. */
  relayAvailable: boolean;
  /** Upgrades the request to a WebSocket owned by the target actor. */
  connect(c: Context, target: SocketTarget): Response | Promise<Response>;
}

/**
 * Builds the API.
 * @example const app = createApp({ actors, tokens, relayAvailable: false, connect }); await app.request('/v1/contacts');
 */
export function createApp(options: AppOptions): Hono {
  const { actors, tokens } = options;
  const app = new Hono();

  app.onError((error) => {
    if (error instanceof ApiError) return error.toResponse();
    if (error instanceof Invalid) return new ApiError(400, 'bad_request', error.message).toResponse();
    console.error(error);
    return new ApiError(500, 'internal', 'Something went wrong on our side.').toResponse();
  });
  app.notFound(() => new ApiError(404, 'not_found', 'No such endpoint.').toResponse());

  // Visitors call from customers' pages; tokens travel in headers, never cookies.
  app.use('/v1/*', cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type'], maxAge: 600 }));
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: limits.maxBodyBytes,
      onError: () => {
        throw new ApiError(413, 'body_too_large', `Request bodies are limited to ${limits.maxBodyBytes} bytes.`);
      },
    }),
  );

  // For load balancers and start-up scripts: answers once the host serves requests.
  app.get('/v1/health', (c) => c.json({ ok: true }));

  app.get('/v1/openapi.json', (c) => c.json(openApiDocument));

  app.post('/v1/auth/sign-in', async (c) => {
    const { email, password } = parseSignIn(await readJson(c));
    const tenantId = await actors.directory().tenantOfAgent(email);
    const agent = tenantId ? await actors.switchboard(tenantId).verifyAgent(email, password) : null;
    if (!tenantId || !agent) throw new ApiError(401, 'invalid_credentials', 'Wrong email or password.');
    return c.json(await issueAgentSession(actors, tokens, tenantId, agent));
  });

  app.post('/v1/auth/refresh', async (c) => {
    const { refreshToken } = parseRefresh(await readJson(c));
    const tenantId = tenantOfToken(refreshToken);
    const agent = tenantId ? await actors.switchboard(tenantId).useRefreshToken(await sha256(refreshToken)) : null;
    if (!tenantId || !agent) throw new ApiError(401, 'unauthorized', 'Please sign in again.');
    return c.json(await issueAgentSession(actors, tokens, tenantId, agent));
  });

  app.post('/v1/visitor/session', async (c) => {
    const { key } = parseVisitorSession(await readJson(c));
    const origin = c.req.header('Origin');
    const entry = await actors.directory().widgetKey(key);
    if (!entry) throw new ApiError(401, 'unknown_widget_key', 'This widget key is not known.');
    if (!origin || !entry.allowedOrigins.includes(origin)) {
      throw new ApiError(403, 'origin_not_allowed', 'This website is not allowed to use this widget key.');
    }
    const visitorId = crypto.randomUUID();
    const token = await tokens.issue({ kind: 'visitor', tenantId: entry.tenantId, visitorId, origin });
    return c.json({ token, visitorId, expiresIn: visitorTokenSeconds } satisfies VisitorSessionResponse);
  });

  app.post('/v1/calls', async (c) => {
    const visitor = await bearer(c, tokens, 'visitor');
    if (c.req.header('Origin') !== visitor.origin) throw new ApiError(403, 'origin_not_allowed', 'This session belongs to another website.');
    // An origin an admin removed stops calls at once, not when its visitors' sessions run out.
    if (!(await actors.directory().originAllowed(visitor.tenantId, visitor.origin))) {
      throw new ApiError(403, 'origin_not_allowed', 'This website is no longer allowed to use this widget key.');
    }
    const { media, page, queue = defaultQueue } = parseCallRequest(await readJson(c));
    const switchboard = actors.switchboard(visitor.tenantId);
    if (!(await switchboard.hasQueue(queue))) throw new ApiError(400, 'unknown_queue', `There is no queue "${queue}".`);
    const conversationId = crypto.randomUUID();
    await actors.conversation(conversationId).open({ id: conversationId, tenantId: visitor.tenantId, visitorId: visitor.visitorId, media });
    const position = await switchboard.enqueue({
      id: conversationId,
      visitorId: visitor.visitorId,
      visitorLabel: `Visitor ${visitor.visitorId.slice(0, 4).toUpperCase()}`,
      page,
      media,
      queueId: queue,
    });
    const token = await tokens.issue({
      kind: 'conversation',
      tenantId: visitor.tenantId,
      conversationId,
      participant: 'visitor',
      participantId: visitor.visitorId,
    });
    return c.json({ conversationId, token, position } satisfies CallResponse);
  });

  // Signed-in agents of any role; a removed agent's access token stops here at once.
  const anyAgent = requireRole('agent', options);

  app.get('/v1/contacts', anyAgent, async (c) => {
    return c.json({ contacts: await actors.switchboard(c.get('staff').tenantId).contacts() } satisfies ContactsResponse);
  });

  app.post('/v1/contacts/:id/survey', async (c) => {
    const claims = await bearer(c, tokens, 'conversation');
    if (claims.conversationId !== c.req.param('id') || claims.participant !== 'visitor') {
      throw new ApiError(403, 'forbidden', 'Only the visitor of this conversation can rate it.');
    }
    const survey = parseSurvey(await readJson(c));
    const result = await actors.switchboard(claims.tenantId).submitSurvey(claims.conversationId, survey);
    if (result === 'not_found') throw new ApiError(404, 'not_found', 'No such contact.');
    if (result === 'not_ended') throw new ApiError(409, 'conflict', 'A call can be rated once it has connected and ended.');
    if (result === 'already_submitted') throw new ApiError(409, 'conflict', 'This call has already been rated.');
    return c.json({ survey });
  });

  // Any agent of the tenant may read the log, for now.
  app.get('/v1/webhooks/deliveries', anyAgent, async (c) => {
    return c.json({ deliveries: await actors.switchboard(c.get('staff').tenantId).webhookDeliveries() } satisfies WebhookDeliveriesResponse);
  });

  app.get('/v1/agent/ws', async (c) => {
    const agent = await socketToken(c, tokens, 'access');
    // A removed agent's token lives on for minutes; their console is refused before it becomes a socket.
    if (!(await actors.switchboard(agent.tenantId).agentRole(agent.agentId))) throw new ApiError(401, 'unauthorized', 'Missing or expired credentials.');
    return options.connect(c, { actor: 'switchboard', tenantId: agent.tenantId, attachment: { agentId: agent.agentId } });
  });

  app.get('/v1/conversations/:id/ws', async (c) => {
    const claims = await socketToken(c, tokens, 'conversation');
    if (claims.conversationId !== c.req.param('id')) throw new ApiError(403, 'forbidden', 'This token is for another conversation.');
    // A reconnecting client says how far it got, to be sent only what it missed.
    const since = c.req.query('since');
    if (since !== undefined && !/^\d{1,15}$/.test(since)) throw new ApiError(400, 'bad_request', 'since must be a message number.');
    return options.connect(c, {
      actor: 'conversation',
      conversationId: claims.conversationId,
      attachment: { participant: claims.participant, participantId: claims.participantId, ...(since === undefined ? {} : { since: Number(since) }) },
    });
  });

  app.route('/v1/admin', adminRoutes(options));
  app.route('/v1/invites', inviteRoutes(options));

  return app;
}
