// The Hono app every host runs: authentication, visitor sessions, calls,
// messages and callbacks, queue hours, contact history and the WebSocket
// entry points. It speaks only web standards; the host supplies actors and
// the WebSocket upgrade.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import {
  Invalid,
  defaultQueue,
  limits,
  parseCallRequest,
  parseCallbackRequest,
  parseMessageRequest,
  parseQueueHours,
  parseQueueId,
  parseRefresh,
  parseSignIn,
  parseSurvey,
  parseVisitorSession,
  type AgentProfile,
  type CallResponse,
  type CallbackResponse,
  type ContactsResponse,
  type TranscriptResponse,
  type MessageResponse,
  type QueueHours,
  type QueueStatus,
  type SignInResponse,
  type VisitorSessionResponse,
  type WebhookDeliveriesResponse,
} from '@beckon/protocol';
import { randomSecret, sha256 } from '../auth/passwords.ts';
import { accessTokenSeconds, refreshTokenSeconds, visitorTokenSeconds, type Claims, type Tokens, type VisitorClaims } from '../auth/tokens.ts';
import type { Actors } from '../actors/host.ts';
import type { AgentAttachment, ContactRequestResult } from '../actors/switchboard.ts';
import type { ParticipantAttachment } from '../actors/conversation.ts';
import { ApiError } from './api-error.ts';

/** Where an authenticated WebSocket goes. */
export type SocketTarget =
  | { actor: 'switchboard'; tenantId: string; attachment: AgentAttachment }
  | { actor: 'conversation'; conversationId: string; attachment: ParticipantAttachment };

export interface AppOptions {
  actors: Actors;
  tokens: Tokens;
  /** Upgrades the request to a WebSocket owned by the target actor. */
  connect(c: Context, target: SocketTarget): Response | Promise<Response>;
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Builds the API.
 * @example const app = createApp({ actors, tokens, connect }); await app.request('/v1/contacts');
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

  const issueAgentSession = async (tenantId: string, agent: AgentProfile): Promise<SignInResponse> => {
    const refreshToken = `${tenantId}.${randomSecret()}`;
    await actors.switchboard(tenantId).saveRefreshToken(agent.id, await sha256(refreshToken), Date.now() + refreshTokenSeconds * 1000);
    const accessToken = await tokens.issue({ kind: 'access', tenantId, agentId: agent.id, role: agent.role });
    return { accessToken, refreshToken, expiresIn: accessTokenSeconds, agent };
  };

  app.post('/v1/auth/sign-in', async (c) => {
    const { email, password } = parseSignIn(await readJson(c));
    const tenantId = await actors.directory().tenantOfAgent(email);
    const agent = tenantId ? await actors.switchboard(tenantId).verifyAgent(email, password) : null;
    if (!tenantId || !agent) throw new ApiError(401, 'invalid_credentials', 'Wrong email or password.');
    return c.json(await issueAgentSession(tenantId, agent));
  });

  app.post('/v1/auth/refresh', async (c) => {
    const { refreshToken } = parseRefresh(await readJson(c));
    const tenantId = refreshToken.split('.')[0] ?? '';
    const agent = idPattern.test(tenantId) ? await actors.switchboard(tenantId).useRefreshToken(await sha256(refreshToken)) : null;
    if (!agent) throw new ApiError(401, 'unauthorized', 'Please sign in again.');
    return c.json(await issueAgentSession(tenantId, agent));
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

  // A visitor's session, used from the website it was made for.
  const visitorOf = async (c: Context) => {
    const visitor = await bearer(c, tokens, 'visitor');
    if (c.req.header('Origin') !== visitor.origin) throw new ApiError(403, 'origin_not_allowed', 'This session belongs to another website.');
    return visitor;
  };
  const visitorToken = (visitor: VisitorClaims, conversationId: string) =>
    tokens.issue({ kind: 'conversation', tenantId: visitor.tenantId, conversationId, participant: 'visitor', participantId: visitor.visitorId });
  const queueStatus = async (tenantId: string, queue: string) => {
    const status = await actors.switchboard(tenantId).queueStatus(queue);
    if (!status) throw new ApiError(400, 'unknown_queue', `There is no queue "${queue}".`);
    return status;
  };

  app.post('/v1/calls', async (c) => {
    const visitor = await visitorOf(c);
    const { media, page, queue = defaultQueue } = parseCallRequest(await readJson(c));
    const status = await queueStatus(visitor.tenantId, queue);
    if (!status.open) return c.json({ closed: true, queue, nextOpening: status.nextOpening } satisfies CallResponse);
    const conversationId = crypto.randomUUID();
    await actors.conversation(conversationId).open({ id: conversationId, tenantId: visitor.tenantId, visitorId: visitor.visitorId, media });
    const position = await actors.switchboard(visitor.tenantId).enqueue({
      id: conversationId,
      visitorId: visitor.visitorId,
      visitorLabel: visitorLabel(visitor.visitorId),
      page,
      media,
      queueId: queue,
    });
    return c.json({ conversationId, token: await visitorToken(visitor, conversationId), position } satisfies CallResponse);
  });

  // Whether a queue takes calls now, so the widget can offer a message or a callback before asking for devices.
  // Browsers send no Origin with a GET to their own origin, and the answer is no secret: the token is enough.
  app.get('/v1/queues/:id/status', async (c) => {
    const visitor = await bearer(c, tokens, 'visitor');
    return c.json(await queueStatus(visitor.tenantId, parseQueueId(c.req.param('id'))));
  });

  // A message instead of a call: a contact of its own, or in place of the visitor's waiting call.
  app.post('/v1/messages', async (c) => {
    const visitor = await visitorOf(c);
    const { conversationId, queue, page, media, ...message } = parseMessageRequest(await readJson(c));
    if (!conversationId) await queueStatus(visitor.tenantId, queue);
    const contactId = conversationId ?? crypto.randomUUID();
    const result = await actors.switchboard(visitor.tenantId).leaveMessage(
      { contactId, replacesWaitingCall: Boolean(conversationId), visitorId: visitor.visitorId, visitorLabel: visitorLabel(visitor.visitorId), page, media, queueId: queue },
      message,
    );
    refuseContactRequest(result);
    return c.json({ contactId } satisfies MessageResponse);
  });

  // A request to be called back, through a conversation of its own or the visitor's waiting call.
  app.post('/v1/callbacks', async (c) => {
    const visitor = await visitorOf(c);
    const { conversationId: waiting, queue, page, media, name, email } = parseCallbackRequest(await readJson(c));
    const conversationId = waiting ?? crypto.randomUUID();
    if (!waiting) {
      await queueStatus(visitor.tenantId, queue);
      await actors.conversation(conversationId).open({ id: conversationId, tenantId: visitor.tenantId, visitorId: visitor.visitorId, media, callback: true });
    }
    const result = await actors.switchboard(visitor.tenantId).requestCallback(
      { contactId: conversationId, replacesWaitingCall: Boolean(waiting), visitorId: visitor.visitorId, visitorLabel: visitorLabel(visitor.visitorId), page, media, queueId: queue },
      { name, email },
    );
    refuseContactRequest(result);
    return c.json({ conversationId, token: await visitorToken(visitor, conversationId) } satisfies CallbackResponse);
  });

  // A queue's business hours and maximum wait: admins only.
  const queueHoursOf = async (c: Context) => {
    const agent = await bearer(c, tokens, 'access');
    if (agent.role !== 'admin') throw new ApiError(403, 'forbidden', 'Only an admin can see or change a queue\'s hours.');
    return { switchboard: actors.switchboard(agent.tenantId), queue: parseQueueId(c.req.param('id')) };
  };
  const hoursAnswer = async (c: Context, switchboard: ReturnType<Actors['switchboard']>, queue: string) => {
    const [hours, status] = await Promise.all([switchboard.queueHours(queue), switchboard.queueStatus(queue)]);
    if (!hours || !status) throw new ApiError(404, 'not_found', `There is no queue "${queue}".`);
    return c.json({ ...hours, open: status.open, nextOpening: status.nextOpening } satisfies QueueHours & Omit<QueueStatus, 'queue'>);
  };
  app.get('/v1/admin/queues/:id/hours', async (c) => {
    const { switchboard, queue } = await queueHoursOf(c);
    return hoursAnswer(c, switchboard, queue);
  });
  app.put('/v1/admin/queues/:id/hours', async (c) => {
    const { switchboard, queue } = await queueHoursOf(c);
    if (!(await switchboard.setQueueHours(queue, parseQueueHours(await readJson(c))))) throw new ApiError(404, 'not_found', `There is no queue "${queue}".`);
    return hoursAnswer(c, switchboard, queue);
  });

  app.get('/v1/contacts', async (c) => {
    const agent = await bearer(c, tokens, 'access');
    return c.json({ contacts: await actors.switchboard(agent.tenantId).contacts() } satisfies ContactsResponse);
  });

  app.get('/v1/contacts/:id/transcript', async (c) => {
    const agent = await bearer(c, tokens, 'access');
    const messages = await actors.switchboard(agent.tenantId).transcript(c.req.param('id'));
    if (!messages) throw new ApiError(404, 'not_found', 'No such contact.');
    return c.json({ messages } satisfies TranscriptResponse);
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

  // Any agent of the tenant may read the log for now: the demo tenant has no supervisors or admins yet.
  app.get('/v1/webhooks/deliveries', async (c) => {
    const agent = await bearer(c, tokens, 'access');
    return c.json({ deliveries: await actors.switchboard(agent.tenantId).webhookDeliveries() } satisfies WebhookDeliveriesResponse);
  });

  app.get('/v1/agent/ws', async (c) => {
    const agent = await socketToken(c, tokens, 'access');
    return options.connect(c, { actor: 'switchboard', tenantId: agent.tenantId, attachment: { agentId: agent.agentId } });
  });

  // The supervisor's live board: queues, agents and calls, whispers and reassigning waiting contacts.
  app.get('/v1/supervisor/ws', async (c) => {
    const supervisor = await socketToken(c, tokens, 'access');
    if (supervisor.role === 'agent') throw new ApiError(403, 'forbidden', 'The board is for supervisors and admins.');
    return options.connect(c, { actor: 'switchboard', tenantId: supervisor.tenantId, attachment: { agentId: supervisor.agentId, board: true } });
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

  return app;
}

function visitorLabel(visitorId: string): string {
  return `Visitor ${visitorId.slice(0, 4).toUpperCase()}`;
}

function refuseContactRequest(result: ContactRequestResult): void {
  if (result === 'not_found') throw new ApiError(404, 'not_found', 'No such waiting call.');
  if (result === 'not_waiting') throw new ApiError(409, 'conflict', 'That call is no longer waiting.');
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, 'bad_request', 'The request body must be JSON.');
  }
}

async function bearer<K extends Claims['kind']>(c: Context, tokens: Tokens, kind: K) {
  const header = c.req.header('Authorization') ?? '';
  const claims = header.startsWith('Bearer ') ? await tokens.verify(header.slice(7), kind) : null;
  if (!claims) throw new ApiError(401, 'unauthorized', 'Missing or expired credentials.');
  return claims;
}

// Browsers cannot set headers on a WebSocket, so its token comes in the query.
async function socketToken<K extends Claims['kind']>(c: Context, tokens: Tokens, kind: K) {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(400, 'bad_request', 'Expected a WebSocket upgrade.');
  const claims = await tokens.verify(c.req.query('token') ?? '', kind);
  if (!claims) throw new ApiError(401, 'unauthorized', 'Missing or expired credentials.');
  return claims;
}
