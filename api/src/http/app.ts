// The Hono app every host runs: authentication, visitor sessions, calls,
// messages and callbacks, queue hours, contact history, the admin API, invite
// links, the OpenAPI document and the WebSocket entry points. It speaks only
// web standards; the host supplies actors and the WebSocket upgrade.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import {
  Invalid,
  customerLabel,
  defaultQueue,
  limits,
  parseCallRequest,
  parseContactsQuery,
  parseReportQuery,
  parseCallbackRequest,
  parseMessageRequest,
  parseNewVisitorBlock,
  parseQueueHours,
  parseQueueId,
  parseRefresh,
  parseSignIn,
  parseSurvey,
  parseVisitorSession,
  visitorAddressKeptDays,
  watchesBoard,
  type CallResponse,
  type CallbackResponse,
  type Customer,
  type ContactsResponse,
  type Report,
  type SavedRepliesResponse,
  type TranscriptResponse,
  type TransferTargets,
  type MessageResponse,
  type QueueHours,
  type QueueStatus,
  type VisitorBlockResponse,
  type VisitorSessionResponse,
  type WebhookDeliveriesResponse,
} from '@beckon/protocol';
import { sha256, verifyNobodysPassword } from '../auth/passwords.ts';
import { visitorTokenSeconds, type Tokens, type VisitorClaims } from '../auth/tokens.ts';
import type { Actors } from '../actors/host.ts';
import type { VisitorAction } from '../actors/directory.ts';
import { clientOfAddress, waitInWords } from '../rate-limit/rate-limit.ts';
import type { AgentAttachment, ContactRequestResult } from '../actors/switchboard.ts';
import type { ParticipantAttachment } from '../actors/conversation.ts';
import { adminRoutes } from './admin.ts';
import { issueAgentSession } from './agent-session.ts';
import { ApiError } from './api-error.ts';
import { inviteRoutes } from './invites.ts';
import { recordingPartPath, recordingRoutes } from './recordings.ts';
import { openApiDocument } from './openapi.ts';
import { bearer, knownTenantOfToken, readJson, socketToken } from './request.ts';
import { requireRole, type StaffEnv } from './roles.ts';

/** Where an authenticated WebSocket goes. */
export type SocketTarget =
  | { actor: 'switchboard'; tenantId: string; attachment: AgentAttachment }
  | { actor: 'conversation'; conversationId: string; attachment: ParticipantAttachment };

export interface AppOptions {
  actors: Actors;
  tokens: Tokens;
  /** Whether the host has a TURN relay (a TURN secret), which relay-only tenants need. */
  relayAvailable: boolean;
  /** The address the request came from, as the host knows it (sign-ins and visitors' sessions are counted per address). */
  clientAddress(c: Context): string;
  /** Upgrades the request to a WebSocket owned by the target actor. */
  connect(c: Context, target: SocketTarget): Response | Promise<Response>;
  /** Whether the host's storage failed a commit lately (a full disk): health then answers 503. */
  storageFailing?: () => boolean;
}

/**
 * Builds the API.
 * @example const app = createApp({ actors, tokens, relayAvailable: false, clientAddress: () => '127.0.0.1', connect }); await app.request('/v1/contacts');
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
  const smallBodies = bodyLimit({
    maxSize: limits.maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'body_too_large', `Request bodies are limited to ${limits.maxBodyBytes} bytes.`);
    },
  });
  // A recording's parts have a limit of their own (recordings.ts).
  app.use('/v1/*', (c, next) => (recordingPartPath.test(c.req.path) ? next() : smallBodies(c, next)));

  // For load balancers and start-up scripts: answers once the host serves
  // requests, and 503 while it cannot store what they would change.
  app.get('/v1/health', (c) => {
    if (options.storageFailing?.()) throw new ApiError(503, 'unavailable', 'The server cannot store data right now (is its disk full?).');
    return c.json({ ok: true });
  });

  app.get('/v1/openapi.json', (c) => c.json(openApiDocument));

  // Sign-ins are counted per email and client address, as failed until they
  // succeed, before anyone looks the email up: an email nobody has is held
  // back as an agent's is, and guesses sent at once are all counted.
  app.post('/v1/auth/sign-in', async (c) => {
    const { email, password } = parseSignIn(await readJson(c));
    const directory = actors.directory();
    const client = options.clientAddress(c);
    const waitMs = await directory.signInAttempt(email, client);
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      throw new ApiError(429, 'too_many_attempts', `Too many wrong passwords for this email; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, Math.ceil(waitMs / 1000));
    }
    const tenantId = await directory.tenantOfAgent(email);
    const agent = tenantId ? await actors.switchboard(tenantId).verifyAgent(email, password) : await verifyNobodysPassword(password);
    if (!tenantId || !agent) throw new ApiError(401, 'invalid_credentials', 'Wrong email or password.');
    await directory.signInSucceeded(email, client);
    return c.json(await issueAgentSession(actors, tokens, tenantId, agent));
  });

  app.post('/v1/auth/refresh', async (c) => {
    const { refreshToken } = parseRefresh(await readJson(c));
    const tenantId = await knownTenantOfToken(actors, refreshToken);
    const refreshed = tenantId ? await actors.switchboard(tenantId).useRefreshToken(await sha256(refreshToken)) : null;
    if (!tenantId || !refreshed) throw new ApiError(401, 'unauthorized', 'Please sign in again.');
    return c.json(await issueAgentSession(actors, tokens, tenantId, refreshed.agent, refreshed.family));
  });

  // Signing out ends the refresh token's family, so a copy of it or of an
  // earlier one left behind (a shared computer, a log) cannot start a session
  // again; an unknown one is no error.
  app.post('/v1/auth/sign-out', async (c) => {
    const { refreshToken } = parseRefresh(await readJson(c));
    const tenantId = await knownTenantOfToken(actors, refreshToken);
    if (tenantId) await actors.switchboard(tenantId).endRefreshTokenFamily(await sha256(refreshToken));
    return c.body(null, 204);
  });

  // A script with the public widget key could otherwise open sessions and
  // conversations without end: each is counted, per address and per session.
  const admitVisitor = async (action: VisitorAction, client: string) => {
    const retryAfterMs = await actors.directory().admitVisitor(action, client);
    if (retryAfterMs === null) return;
    const wait = waitInWords(retryAfterMs);
    const message = action === 'session'
      ? `Support is getting too many requests from your network. Please try again in ${wait}.`
      : `You have started too many conversations in a short time. Please try again in ${wait}.`;
    throw new ApiError(429, 'rate_limited', message, Math.ceil(retryAfterMs / 1000));
  };

  // Where a visitor comes from, as blocks hold it (as limits count it: an IPv6 address by its /64); a blocked address is refused before it is served.
  const addressOf = (c: Context) => {
    const address = options.clientAddress(c);
    return address === 'unknown' ? null : clientOfAddress(address);
  };
  const blocked = (customer: boolean) => new ApiError(403, 'visitor_blocked', customer
    ? "This site's support team has blocked you for a time."
    : "This site's support team has blocked requests from your network for a time.");
  const refuseBlocked = async (c: Context, tenantId: string, customer: Customer | undefined, visitorId: string | null = null) => {
    if (await actors.switchboard(tenantId).visitorBlocked(addressOf(c), customer?.id ?? null, visitorId)) throw blocked(Boolean(customer));
  };

  app.post('/v1/visitor/session', async (c) => {
    await admitVisitor('session', addressOf(c) ?? 'unknown');
    const { key, identity } = parseVisitorSession(await readJson(c));
    const origin = c.req.header('Origin');
    const entry = await actors.directory().widgetKey(key);
    if (!entry) throw new ApiError(401, 'unknown_widget_key', 'This widget key is not known.');
    if (!origin || !entry.allowedOrigins.includes(origin)) {
      throw new ApiError(403, 'origin_not_allowed', 'This website is not allowed to use this widget key.');
    }
    // Verified with the secret of the widget key's own tenant: no other tenant's secret can vouch for its visitors.
    const customer = identity === undefined ? undefined : await actors.directory().verifyIdentity(entry.tenantId, identity);
    if (typeof customer === 'string') throw new ApiError(401, 'invalid_identity', customer);
    await refuseBlocked(c, entry.tenantId, customer);
    const visitorId = crypto.randomUUID();
    const token = await tokens.issue({ kind: 'visitor', tenantId: entry.tenantId, visitorId, origin, key, ...(customer && { customer }) });
    return c.json({ token, visitorId, expiresIn: visitorTokenSeconds, customerId: customer?.id ?? null } satisfies VisitorSessionResponse);
  });

  // A visitor's session, used from the website it was made for.
  const visitorOf = async (c: Context) => {
    const visitor = await bearer(c, tokens, 'visitor');
    const origin = c.req.header('Origin');
    if (origin === undefined) throw new ApiError(403, 'origin_not_allowed', `A visitor's request carries the Origin of the website its session was made for (${visitor.origin}).`);
    if (origin !== visitor.origin) throw new ApiError(403, 'origin_not_allowed', 'This session belongs to another website.');
    // A key an admin revoked (or a rotated key past its overlap), or an origin
    // they removed, stops calls at once, not when its visitors' sessions run out.
    const entry = await actors.directory().widgetKey(visitor.key);
    if (entry?.tenantId !== visitor.tenantId) throw new ApiError(401, 'unknown_widget_key', 'This widget key is no longer valid.');
    if (!entry.allowedOrigins.includes(visitor.origin)) throw new ApiError(403, 'origin_not_allowed', 'This website is no longer allowed to use this widget key.');
    // A session verified with a secret an admin has since replaced or removed
    // (it may have leaked) vouches for no one: its visitor goes on anonymously.
    const stillVerified = entry.identitySecretSince !== null && visitor.issuedAt >= entry.identitySecretSince;
    const current = visitor.customer && !stillVerified ? { ...visitor, customer: undefined } : visitor;
    // A session opened before its visitor was blocked starts nothing more, from any network.
    await refuseBlocked(c, current.tenantId, current.customer, current.visitorId);
    return current;
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
    await admitVisitor('contact', visitor.visitorId);
    const conversationId = crypto.randomUUID();
    await actors.conversation(conversationId).open({ id: conversationId, tenantId: visitor.tenantId, visitorId: visitor.visitorId, media });
    const position = await actors.switchboard(visitor.tenantId).enqueue({
      id: conversationId,
      ...visitorOfContact(visitor),
      visitorAddress: addressOf(c),
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
    if (!conversationId) await admitVisitor('contact', visitor.visitorId);
    const contactId = conversationId ?? crypto.randomUUID();
    const result = await actors.switchboard(visitor.tenantId).leaveMessage(
      { contactId, replacesWaitingCall: Boolean(conversationId), ...visitorOfContact(visitor), visitorAddress: addressOf(c), page, media, queueId: queue },
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
      await admitVisitor('contact', visitor.visitorId);
      await actors.conversation(conversationId).open({ id: conversationId, tenantId: visitor.tenantId, visitorId: visitor.visitorId, media, callback: true });
    }
    const result = await actors.switchboard(visitor.tenantId).requestCallback(
      { contactId: conversationId, replacesWaitingCall: Boolean(waiting), ...visitorOfContact(visitor), visitorAddress: addressOf(c), page, media, queueId: queue },
      { name, email },
    );
    refuseContactRequest(result);
    return c.json({ conversationId, token: await visitorToken(visitor, conversationId) } satisfies CallbackResponse);
  });

  // A queue's business hours and maximum wait: admins only.
  const adminOnly = requireRole('admin', options);
  const queueHoursOf = (c: Context<StaffEnv>) => ({ switchboard: actors.switchboard(c.get('staff').tenantId), queue: parseQueueId(c.req.param('id')) });
  const hoursAnswer = async (c: Context, switchboard: ReturnType<Actors['switchboard']>, queue: string) => {
    const [hours, status] = await Promise.all([switchboard.queueHours(queue), switchboard.queueStatus(queue)]);
    if (!hours || !status) throw new ApiError(404, 'not_found', `There is no queue "${queue}".`);
    return c.json({ ...hours, open: status.open, nextOpening: status.nextOpening } satisfies QueueHours & Omit<QueueStatus, 'queue'>);
  };
  app.get('/v1/admin/queues/:id/hours', adminOnly, async (c) => {
    const { switchboard, queue } = queueHoursOf(c);
    return hoursAnswer(c, switchboard, queue);
  });
  app.put('/v1/admin/queues/:id/hours', adminOnly, async (c) => {
    const { switchboard, queue } = queueHoursOf(c);
    if (!(await switchboard.setQueueHours(queue, parseQueueHours(await readJson(c))))) throw new ApiError(404, 'not_found', `There is no queue "${queue}".`);
    return hoursAnswer(c, switchboard, queue);
  });

  // Signed-in agents of any role; a removed agent's access token stops here at once.
  const anyAgent = requireRole('agent', options);

  // A search by text and a report read all of a tenant's contacts: each agent
  // may ask for a few a minute (paging through History without text uses an index).
  const admitSearch = async ({ tenantId, agentId }: { tenantId: string; agentId: string }, readingOn?: { text: string; before?: string }) => {
    const retryAfterMs = await actors.switchboard(tenantId).admitSearch(agentId, readingOn);
    if (retryAfterMs === null) return;
    throw new ApiError(429, 'rate_limited', `Too many searches and reports in a short time. Please try again in ${waitInWords(retryAfterMs)}.`, Math.ceil(retryAfterMs / 1000));
  };

  app.get('/v1/contacts', anyAgent, async (c) => {
    const query = parseContactsQuery(c.req.query());
    const staff = c.get('staff');
    if (query.text) await admitSearch(staff, { text: query.text, before: c.req.query('before') });
    return c.json((await actors.switchboard(staff.tenantId).contacts(query, staff.agentId)) satisfies ContactsResponse);
  });

  app.get('/v1/saved-replies', anyAgent, async (c) => {
    return c.json({ savedReplies: await actors.switchboard(c.get('staff').tenantId).savedReplies() } satisfies SavedRepliesResponse);
  });

  app.get('/v1/contacts/:id/transcript', anyAgent, async (c) => {
    const messages = await actors.switchboard(c.get('staff').tenantId).transcript(c.req.param('id'));
    if (!messages) throw new ApiError(404, 'not_found', 'No such contact.');
    return c.json({ messages } satisfies TranscriptResponse);
  });

  // Any agent may block the visitor of one of the tenant's contacts; admins lift blocks (docs/admin.md).
  app.post('/v1/contacts/:id/block', anyAgent, async (c) => {
    const { tenantId, agentId } = c.get('staff');
    const block = await actors.switchboard(tenantId).blockVisitor(c.req.param('id'), agentId, parseNewVisitorBlock(await readJson(c)));
    if (block === 'not_found') throw new ApiError(404, 'not_found', 'No such contact.');
    if (block === 'no_address') {
      throw new ApiError(409, 'conflict', `This visitor can no longer be blocked: a contact keeps where its visitor came from for ${visitorAddressKeptDays} days only.`);
    }
    return c.json({ block } satisfies VisitorBlockResponse, 201);
  });

  app.get('/v1/transfer-targets', anyAgent, async (c) => {
    const { tenantId, agentId } = c.get('staff');
    return c.json((await actors.switchboard(tenantId).transferTargets(agentId)) satisfies TransferTargets);
  });

  app.post('/v1/contacts/:id/survey', async (c) => {
    const claims = await bearer(c, tokens, 'conversation');
    if (claims.conversationId !== c.req.param('id') || claims.participant !== 'visitor') {
      throw new ApiError(403, 'forbidden', 'Only the visitor of this conversation can rate it.');
    }
    const survey = parseSurvey(await readJson(c));
    const result = await actors.switchboard(claims.tenantId).submitSurvey(claims.conversationId, survey, addressOf(c));
    if (result === 'not_found') throw new ApiError(404, 'not_found', 'No such contact.');
    if (result === 'blocked') throw blocked(true);
    if (result === 'not_ended') throw new ApiError(409, 'conflict', 'A call can be rated once it has connected and ended.');
    if (result === 'already_submitted') throw new ApiError(409, 'conflict', 'This call has already been rated.');
    return c.json({ survey });
  });

  // How the team did: for supervisors and admins, as the Board is.
  app.get('/v1/reports', requireRole('supervisor', options), async (c) => {
    const { from, to } = parseReportQuery(c.req.query());
    await admitSearch(c.get('staff'));
    return c.json((await actors.switchboard(c.get('staff').tenantId).report(from, to)) satisfies Report);
  });

  // The log names the endpoints a tenant sends its contacts to: for supervisors and admins, as the Board is.
  app.get('/v1/webhooks/deliveries', requireRole('supervisor', options), async (c) => {
    return c.json({ deliveries: await actors.switchboard(c.get('staff').tenantId).webhookDeliveries() } satisfies WebhookDeliveriesResponse);
  });

  app.get('/v1/agent/ws', async (c) => {
    const agent = await socketToken(c, tokens, 'access');
    // A removed or reset agent's token lives on for minutes; their console is refused before it becomes a socket.
    if (!(await actors.switchboard(agent.tenantId).agentRole(agent.agentId, agent.issuedAt))) throw new ApiError(401, 'unauthorized', 'Missing or expired credentials.');
    return options.connect(c, { actor: 'switchboard', tenantId: agent.tenantId, attachment: { agentId: agent.agentId, expiresAt: agent.expiresAt } });
  });

  // The supervisor's live board: queues, agents and calls, whispers and reassigning waiting contacts.
  app.get('/v1/supervisor/ws', async (c) => {
    const supervisor = await socketToken(c, tokens, 'access');
    const role = await actors.switchboard(supervisor.tenantId).agentRole(supervisor.agentId, supervisor.issuedAt);
    if (!role) throw new ApiError(401, 'unauthorized', 'Missing or expired credentials.');
    if (!watchesBoard(role)) throw new ApiError(403, 'forbidden', 'The board is for supervisors and admins.');
    return options.connect(c, { actor: 'switchboard', tenantId: supervisor.tenantId, attachment: { agentId: supervisor.agentId, board: true, expiresAt: supervisor.expiresAt } });
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
  app.route('/v1', recordingRoutes({ ...options, anyAgent }));

  return app;
}

// Who a new contact's visitor is: agents call a verified customer by name (else email, else id), anyone else by a short id.
function visitorOfContact(visitor: VisitorClaims): { visitorId: string; visitorLabel: string; customer: Customer | null } {
  const { visitorId, customer = null } = visitor;
  return { visitorId, visitorLabel: customer ? customerLabel(customer) : `Visitor ${visitorId.slice(0, 4).toUpperCase()}`, customer };
}

function refuseContactRequest(result: ContactRequestResult): void {
  if (result === 'not_found') throw new ApiError(404, 'not_found', 'No such waiting call.');
  if (result === 'not_waiting') throw new ApiError(409, 'conflict', 'That call is no longer waiting.');
}
