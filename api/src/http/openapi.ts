// The OpenAPI 3.1 document of the whole API, served at GET /v1/openapi.json.
// openapi.test.ts fails when a route of the app is missing here, or when
// this describes a route the app does not have.
import { limits, outcomes, recordingLimits, visitorAddressKeptDays } from '@beckon/protocol';
import { ref, schemas } from './openapi-schemas.ts';

type Security = 'agent' | 'visitor' | 'conversation' | 'none';

interface Operation {
  summary: string;
  tag: string;
  security: Security;
  description?: string;
  parameters?: Record<string, unknown>[];
  /** The schema name of the JSON body. */
  body?: string;
  /** Status → schema name of the JSON answer, or null for no body. */
  ok: Record<number, string | null>;
  /** Error statuses beyond the ones every operation of its kind can answer. */
  errors?: number[];
}

const errorText: Record<number, string> = {
  400: 'The body or a parameter is malformed (`bad_request`), or names something the tenant does not have.',
  401: 'Missing, forged or expired credentials.',
  403: 'The credentials do not allow this.',
  404: 'No such thing, or not the tenant\'s.',
  409: 'The request conflicts with the current state; the message says how.',
  413: `The body is larger than ${limits.maxBodyBytes} bytes.`,
  429: 'Too many attempts or requests (`too_many_attempts`, `rate_limited`); the message and, for `rate_limited`, the `Retry-After` header say when to try again.',
  500: 'Something went wrong on the server; details are logged there, never sent.',
  503: 'The server cannot store data right now (`unavailable`): send traffic elsewhere until it answers 200 again.',
};

const securityOf: Record<Security, Record<string, string[]>[]> = {
  agent: [{ agentToken: [] }],
  visitor: [{ visitorToken: [] }],
  conversation: [{ conversationToken: [] }],
  none: [],
};

const pathParameter = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const queryParameter = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });

function operation(op: Operation): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(op.ok)) {
    responses[status] = schema
      ? { description: 'Done.', content: { 'application/json': { schema: ref(schema) } } }
      : { description: 'Done; no body.' };
  }
  const errors = new Set([...(op.body ? [400, 413] : []), ...(op.security === 'none' ? [] : [401]), ...(op.errors ?? []), 500]);
  for (const status of [...errors].sort((a, b) => a - b)) responses[status] = { $ref: `#/components/responses/Error${status}` };
  return {
    summary: op.summary,
    ...(op.description && { description: op.description }),
    tags: [op.tag],
    security: securityOf[op.security],
    ...(op.parameters && { parameters: op.parameters }),
    ...(op.body && { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body) } } } }),
    responses,
  };
}

// An admin endpoint: behind the admin gate, so any other role is answered 403.
function admin(op: Omit<Operation, 'tag' | 'security'>): Record<string, unknown> {
  return operation({ ...op, tag: 'Admin', security: 'agent', errors: [403, ...(op.errors ?? [])] });
}

// A WebSocket entry point: a GET that upgrades, its token in the query because browsers cannot set headers on sockets.
function socket(summary: string, description: string, scheme: string, parameters: Record<string, unknown>[] = []): Record<string, unknown> {
  return {
    get: {
      summary,
      description: `${description} The messages both ways are described in docs/protocol.md.`,
      tags: ['WebSockets'],
      security: [{ [scheme]: [] }],
      parameters: [
        { name: 'Upgrade', in: 'header', required: true, schema: { const: 'websocket' } },
        ...parameters,
      ],
      responses: {
        101: { description: 'Switching Protocols: the socket is open; every message is a JSON text frame.' },
        400: { $ref: '#/components/responses/Error400' },
        401: { $ref: '#/components/responses/Error401' },
        403: { $ref: '#/components/responses/Error403' },
      },
    },
  };
}

const agentId = pathParameter('id', 'The agent\'s id.');
const queueId = pathParameter('id', 'The queue\'s id.');
const keyId = pathParameter('id', 'The widget key\'s id (not the key).');
const savedReplyId = pathParameter('id', 'The saved reply\'s id.');
const blockId = pathParameter('id', 'The block\'s id.');
const inviteToken = pathParameter('token', 'The token of the link.');

/** The document. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Beckon API',
    version: '1',
    description:
      'The API of Beckon, the customer-support call widget: agent sign-in, visitor sessions, calls, contact history, ' +
      'the admin API and the WebSocket entry points. Every error has one JSON shape (`Error`). See docs/protocol.md and docs/admin.md.',
  },
  servers: [{ url: '/', description: 'The host that serves this document.' }],
  tags: [
    { name: 'Health' },
    { name: 'Agents', description: 'Signing in and what agents read.' },
    { name: 'Visitors', description: 'What the widget calls from customers\' pages.' },
    { name: 'Conversations', description: 'What the agent\'s console of a call sends with its conversation token: the call\'s recording.' },
    { name: 'Invites', description: 'One-time links with which invited or reset agents set a password.' },
    { name: 'Admin', description: 'Managing the admin\'s own tenant; needs the `admin` role (403 `forbidden` otherwise).' },
    { name: 'WebSockets' },
  ],
  components: {
    securitySchemes: {
      agentToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An agent\'s access token from sign-in or refresh (15 minutes).' },
      visitorToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A visitor token from POST /v1/visitor/session (2 hours).' },
      conversationToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'One participant\'s token for one conversation (4 hours).' },
      agentSocketToken: { type: 'apiKey', in: 'header', name: 'Sec-WebSocket-Protocol', description: 'An agent\'s access token, offered as `beckon, <token>`; the server answers `beckon`.' },
      conversationSocketToken: { type: 'apiKey', in: 'header', name: 'Sec-WebSocket-Protocol', description: 'A conversation token, offered as `beckon, <token>`; the server answers `beckon`.' },
    },
    schemas,
    responses: Object.fromEntries(
      Object.entries(errorText).map(([status, description]) => [
        `Error${status}`,
        { description, content: { 'application/json': { schema: ref('Error') } } },
      ]),
    ),
  },
  paths: {
    '/v1/health': { get: operation({ summary: 'Answers once the host serves requests, and 503 while it cannot store', tag: 'Health', security: 'none', ok: { 200: 'Health' }, errors: [503] }) },
    '/v1/openapi.json': {
      get: { summary: 'This document', tags: ['Health'], security: [], responses: { 200: { description: 'The OpenAPI 3.1 document.', content: { 'application/json': {} } } } },
    },
    '/v1/auth/sign-in': {
      post: operation({
        summary: 'Signs an agent in with email and password',
        description: 'After 10 failed sign-ins for an email (an agent\'s or not) from one client address within 10 minutes, its sign-ins from that address are answered 429 `too_many_attempts`, with `Retry-After` in seconds, until the oldest is 10 minutes old.',
        tag: 'Agents', security: 'none', body: 'SignInRequest', ok: { 200: 'SignInResponse' }, errors: [401, 429],
      }),
    },
    '/v1/auth/refresh': {
      post: operation({
        summary: 'Trades a refresh token for a new session; the old refresh token stops working',
        description: 'A refresh token used again more than 30 s after its first use is taken for a stolen copy: every refresh token descending from the same sign-in stops working, and the answer is 401; the agent signs in again. Within 30 s (a duplicated console tab, a retry) it gets a successor of its own.',
        tag: 'Agents', security: 'none', body: 'RefreshRequest', ok: { 200: 'SignInResponse' }, errors: [401],
      }),
    },
    '/v1/auth/sign-out': {
      post: operation({
        summary: 'Signs an agent out: the refresh token, and every other from the same sign-in, stops working (an unknown one is no error)',
        tag: 'Agents', security: 'none', body: 'RefreshRequest', ok: { 204: null },
      }),
    },
    '/v1/visitor/session': {
      post: operation({
        summary: 'Starts a visitor session for a page whose Origin the widget key allows',
        description: 'With `identity`, the session carries the customer the identity token vouches for; a token that does not verify is refused with `401 invalid_identity` (open the session again without it to go on anonymously). A blocked address or verified customer is refused with `403 visitor_blocked`; a session verified with an identity secret since replaced or removed goes on as an anonymous visitor\'s.',
        tag: 'Visitors', security: 'none', body: 'VisitorSessionRequest', ok: { 200: 'VisitorSessionResponse' }, errors: [401, 403, 429],
      }),
    },
    '/v1/calls': {
      post: operation({ summary: 'Puts a visitor\'s call in a queue', tag: 'Visitors', security: 'visitor', body: 'CallRequest', ok: { 200: 'CallResponse' }, errors: [403, 429] }),
    },
    '/v1/queues/{id}/status': {
      get: operation({
        summary: 'Whether a queue takes calls now, and when it opens next',
        tag: 'Visitors', security: 'visitor', parameters: [pathParameter('id', 'The queue id.')], ok: { 200: 'QueueStatus' }, errors: [400],
      }),
    },
    '/v1/messages': {
      post: operation({
        summary: 'The visitor leaves a message instead of calling (kept as a contact with outcome `message`)',
        tag: 'Visitors', security: 'visitor', body: 'MessageRequest', ok: { 200: 'MessageResponse' }, errors: [403, 404, 409, 429],
      }),
    },
    '/v1/callbacks': {
      post: operation({
        summary: 'The visitor asks to be called back; the conversation the call comes through stays open',
        tag: 'Visitors', security: 'visitor', body: 'CallbackRequest', ok: { 200: 'CallbackResponse' }, errors: [403, 404, 409, 429],
      }),
    },
    '/v1/contacts': {
      get: operation({
        summary: 'The tenant\'s contacts, newest first, a page at a time',
        description: `A search by \`text\` reads all the tenant's contacts: an agent may make ${limits.searchesPerAgent.max} such searches and reports in any minute, past which they are answered 429 \`rate_limited\` with \`Retry-After\`. Reading on at the \`next\` of the agent's last search, with the same \`text\`, is that search still; paging without \`text\` is not counted.`,
        tag: 'Agents',
        security: 'agent',
        parameters: [
          queryParameter('limit', 'How many (1–500, default 500).', { type: 'integer', minimum: 1, maximum: 500 }),
          queryParameter('before', 'The `next` of the page before: its older contacts.'),
          queryParameter('agent', 'Only the contacts this agent (id) took.'),
          queryParameter('outcome', 'Only contacts with this outcome.', { enum: [...outcomes] }),
          queryParameter('text', 'Only contacts whose visitor, verified customer\'s id or email, page, agent, wrap-up notes, message or call-back request has this text (any case, at most 100 characters).'),
          queryParameter('customer', 'Only the contacts of this verified customer: their id in the site\'s own system, exactly (not a search, so not counted as one).'),
        ],
        ok: { 200: 'ContactsResponse' },
        errors: [400, 429],
      }),
    },
    '/v1/contacts/{id}/transcript': {
      get: operation({
        summary: 'The chat of one of the tenant\'s contacts, oldest first',
        tag: 'Agents', security: 'agent', parameters: [pathParameter('id', 'The contact (conversation) id.')], ok: { 200: 'TranscriptResponse' }, errors: [404],
      }),
    },
    '/v1/contacts/{id}/recordings': {
      get: operation({
        summary: 'The recordings of one of the tenant\'s calls, when the tenant records calls',
        tag: 'Agents', security: 'agent', parameters: [pathParameter('id', 'The contact (conversation) id.')], ok: { 200: 'RecordingsResponse' }, errors: [404],
      }),
    },
    '/v1/contacts/{id}/recordings/{segment}': {
      get: {
        ...operation({
          summary: 'One recording of a call, as a file',
          tag: 'Agents', security: 'agent',
          parameters: [pathParameter('id', 'The contact (conversation) id.'), pathParameter('segment', 'The recording\'s number, from 1.')],
          ok: { 200: null }, errors: [404],
        }),
        responses: { 200: { description: 'The recording: Opus sound in WebM.', content: { 'audio/webm': { schema: { type: 'string', format: 'binary' } } } }, 401: { $ref: '#/components/responses/Error401' }, 404: { $ref: '#/components/responses/Error404' }, 500: { $ref: '#/components/responses/Error500' } },
      },
    },
    '/v1/conversations/{id}/recordings': {
      post: operation({
        summary: 'The call\'s agent\'s console begins a recording of the call\'s sound',
        description: `Only while a call with sound is under way, of a tenant that records calls, and up to ${recordingLimits.maxPerCall} recordings a call (\`409\` otherwise); the visitor was told as the call started (\`start\` with \`recording: true\`).`,
        tag: 'Conversations', security: 'conversation', parameters: [pathParameter('id', 'The conversation id.')], ok: { 201: 'RecordingStarted' }, errors: [403, 409],
      }),
    },
    '/v1/conversations/{id}/recordings/{segment}/parts/{part}': {
      put: {
        ...operation({
          summary: 'One part of a recording, in order from 0',
          description: `The request body is the part (\`audio/webm\`, at most ${recordingLimits.maxPartBytes} bytes); a part sent again is taken once, a part ahead of those received is \`409\`. Taken while the call is the agent's and for ${recordingLimits.lateMs / 1000} s after it ended or they transferred it; a call keeps at most ${recordingLimits.maxCallBytes} bytes of recordings (\`413\`).`,
          tag: 'Conversations', security: 'conversation',
          parameters: [pathParameter('id', 'The conversation id.'), pathParameter('segment', 'The recording\'s number.'), pathParameter('part', 'The part\'s number, from 0.')],
          ok: { 204: null }, errors: [400, 403, 404, 409, 413],
        }),
        requestBody: { required: true, content: { 'audio/webm': { schema: { type: 'string', format: 'binary' } } } },
      },
    },
    '/v1/contacts/{id}/block': {
      post: operation({
        summary: 'Blocks the visitor of one of the tenant\'s contacts for some days',
        description: `The address the visitor came from (an IPv6 address's /64), and a verified customer from any address, opens no visitor session, starts no conversation and rates no call until the block runs out or an admin lifts it: \`403 visitor_blocked\`; their other conversations (of the same session or verified customer) still waiting, under way or waiting for a call back end. A visitor has one block at most: blocking them again, from any of their contacts, replaces it. A contact keeps that address for ${visitorAddressKeptDays} days; after them, \`409\`.`,
        tag: 'Agents', security: 'agent', parameters: [pathParameter('id', 'The contact (conversation) id.')], body: 'NewVisitorBlock', ok: { 201: 'VisitorBlockResponse' }, errors: [404, 409],
      }),
    },
    '/v1/saved-replies': {
      get: operation({ summary: 'The tenant\'s saved replies, by title', tag: 'Agents', security: 'agent', ok: { 200: 'SavedRepliesResponse' } }),
    },
    '/v1/transfer-targets': {
      get: operation({ summary: 'Where an agent can hand a conversation on: queues, and the other agents with their status', tag: 'Agents', security: 'agent', ok: { 200: 'TransferTargets' } }),
    },
    '/v1/admin/queues/{id}/hours': {
      get: admin({ summary: 'A queue\'s business hours and maximum wait', parameters: [pathParameter('id', 'The queue id.')], ok: { 200: 'QueueHoursResponse' }, errors: [404] }),
      put: admin({
        summary: 'Sets a queue\'s business hours (null: open around the clock) and maximum wait (null: none)',
        parameters: [pathParameter('id', 'The queue id.')], body: 'QueueHoursRequest', ok: { 200: 'QueueHoursResponse' }, errors: [404],
      }),
    },
    '/v1/contacts/{id}/survey': {
      post: operation({
        summary: 'The visitor rates a call that connected and ended; once per contact',
        tag: 'Visitors', security: 'conversation', parameters: [pathParameter('id', 'The contact (conversation) id.')],
        body: 'Survey', ok: { 200: 'SurveyResponse' }, errors: [403, 409],
      }),
    },
    '/v1/reports': {
      get: operation({
        summary: 'How the contacts begun in a span went: outcomes, waits, handling, hold, wrap-up, surveys, voice quality, each agent',
        description: `For supervisors and admins (403 for agents). At most 366 days. Counted with the asker's searches of History by text (see \`GET /v1/contacts\`): past ${limits.searchesPerAgent.max} in any minute, 429 \`rate_limited\` with \`Retry-After\`.`,
        tag: 'Agents',
        security: 'agent',
        parameters: [
          { ...queryParameter('from', 'From (ms since the epoch, included).', { type: 'integer', minimum: 0 }), required: true },
          { ...queryParameter('to', 'Until (ms since the epoch, not included).', { type: 'integer', minimum: 0 }), required: true },
        ],
        ok: { 200: 'Report' },
        errors: [400, 403, 429],
      }),
    },
    '/v1/webhooks/deliveries': {
      get: operation({
        summary: 'The tenant\'s webhook delivery log, newest first',
        description: 'For supervisors and admins (403 for agents).',
        tag: 'Agents', security: 'agent', ok: { 200: 'WebhookDeliveriesResponse' }, errors: [403],
      }),
    },
    '/v1/invites/{token}': {
      get: operation({
        summary: 'Who an unused, unexpired invite link is for',
        tag: 'Invites', security: 'none', parameters: [inviteToken], ok: { 200: 'InviteDetails' }, errors: [404],
      }),
      post: operation({
        summary: 'Sets the agent\'s password from an invite link and signs them in; the link stops working',
        tag: 'Invites', security: 'none', parameters: [inviteToken], body: 'AcceptInviteRequest', ok: { 200: 'SignInResponse' }, errors: [404, 409],
      }),
    },
    '/v1/admin/agents': {
      get: admin({ summary: 'The team (removed agents are not listed)', ok: { 200: 'AgentsResponse' } }),
      post: admin({
        summary: 'Invites an agent: answers a one-time link (72 hours) with which they set a password',
        body: 'AgentInvite', ok: { 201: 'InviteResponse' }, errors: [409],
      }),
    },
    '/v1/admin/agents/{id}': {
      patch: admin({
        summary: 'Changes an agent\'s name, role, skills or capacity; the last admin stays an admin',
        parameters: [agentId], body: 'AgentChange', ok: { 200: 'AgentResponse' }, errors: [404, 409],
      }),
      delete: admin({
        summary: 'Removes (deactivates) an agent; not yourself, not the last admin. History keeps their name',
        parameters: [agentId], ok: { 204: null }, errors: [404, 409],
      }),
    },
    '/v1/admin/agents/{id}/reset': {
      post: admin({
        summary: 'Signs the agent out everywhere (password, refresh and access tokens, open console) and answers a new one-time link; resetting yourself keeps your own session',
        parameters: [agentId], ok: { 200: 'InviteResponse' }, errors: [404],
      }),
    },
    '/v1/admin/queues': {
      get: admin({ summary: 'The tenant\'s queues, highest priority first', ok: { 200: 'QueuesResponse' } }),
      post: admin({ summary: 'Adds a queue', body: 'NewQueue', ok: { 201: 'QueueResponse' }, errors: [409] }),
    },
    '/v1/admin/queues/{id}': {
      patch: admin({ summary: 'Changes a queue', parameters: [queueId], body: 'QueueChange', ok: { 200: 'QueueResponse' }, errors: [404] }),
      delete: admin({ summary: 'Deletes a queue nobody waits in; `support` stays', parameters: [queueId], ok: { 204: null }, errors: [404, 409] }),
    },
    '/v1/admin/saved-replies': {
      post: admin({ summary: 'Adds a saved reply', body: 'NewSavedReply', ok: { 201: 'SavedReplyResponse' }, errors: [409] }),
    },
    '/v1/admin/saved-replies/{id}': {
      patch: admin({ summary: 'Changes a saved reply', parameters: [savedReplyId], body: 'SavedReplyChange', ok: { 200: 'SavedReplyResponse' }, errors: [404] }),
      delete: admin({ summary: 'Deletes a saved reply', parameters: [savedReplyId], ok: { 204: null }, errors: [404] }),
    },
    '/v1/admin/visitor-blocks': {
      get: admin({ summary: 'The visitors blocked now, newest first', ok: { 200: 'VisitorBlocksResponse' } }),
    },
    '/v1/admin/visitor-blocks/{id}': {
      delete: admin({ summary: 'Lifts a block', parameters: [blockId], ok: { 204: null }, errors: [404] }),
    },
    '/v1/admin/contacts/{id}': {
      delete: admin({
        summary: 'Deletes an ended contact and everything kept of it (transcript, survey, quality, left message, webhook deliveries); `contact.deleted` tells the tenant\'s systems',
        parameters: [pathParameter('id', 'The contact (conversation) id.')], ok: { 204: null }, errors: [404, 409],
      }),
    },
    '/v1/admin/origins': {
      get: admin({ summary: 'The page origins allowed to use the tenant\'s widget keys', ok: { 200: 'OriginsResponse' } }),
      post: admin({ summary: 'Allows an origin (already allowed is fine)', body: 'OriginRequest', ok: { 201: 'OriginsResponse' } }),
    },
    '/v1/admin/origins/{origin}': {
      delete: admin({
        summary: 'Stops allowing an origin: no new visitor sessions and no new calls from its pages',
        parameters: [pathParameter('origin', 'The origin, URL-encoded (https%3A%2F%2Fshop.example).')], ok: { 204: null }, errors: [400, 404],
      }),
    },
    '/v1/admin/widget-keys': {
      get: admin({ summary: 'The tenant\'s widget keys, each shown by its first characters only', ok: { 200: 'WidgetKeysResponse' } }),
      post: admin({
        summary: 'Makes a widget key; the answer is the only one that carries the key',
        body: 'NewWidgetKeyRequest', ok: { 201: 'NewWidgetKeyResponse' },
      }),
    },
    '/v1/admin/widget-keys/{id}/rotate': {
      post: admin({
        summary: 'Replaces a key with a new one; the old one keeps working for an hour, or until revoked',
        parameters: [keyId], ok: { 201: 'RotatedWidgetKeyResponse' }, errors: [404, 409],
      }),
    },
    '/v1/admin/widget-keys/{id}': {
      delete: admin({ summary: 'Revokes a key at once', parameters: [keyId], ok: { 204: null }, errors: [404] }),
    },
    '/v1/admin/identity-secret': {
      get: admin({ summary: 'Whether the tenant has an identity secret, shown by its first characters only', ok: { 200: 'IdentitySecretResponse' } }),
      post: admin({
        summary: 'Makes the identity secret the site signs its customers with, in place of the one before (whose tokens are refused from then on); the answer is the only one that carries it',
        ok: { 201: 'NewIdentitySecretResponse' },
      }),
      delete: admin({ summary: 'Removes the identity secret: identity tokens are refused until a new one is made', ok: { 204: null }, errors: [404] }),
    },
    '/v1/admin/settings': {
      get: admin({ summary: 'The tenant\'s settings', ok: { 200: 'SettingsResponse' } }),
      patch: admin({
        summary: 'Changes some of the tenant\'s settings; null returns one (not relayOnly) to the server\'s default',
        description: 'Relay-only needs a TURN relay on the server (409 otherwise).',
        body: 'SettingsChange', ok: { 200: 'SettingsResponse' }, errors: [409],
      }),
    },
    '/v1/agent/ws': socket(
      'The agent\'s console socket: presence, offers, accept or decline, wrap-up',
      'Opening it makes the agent Available (or keeps their status after a dropped connection).',
      'agentSocketToken',
    ),
    '/v1/supervisor/ws': socket(
      'A supervisor\'s board: queues, agents, waiting contacts and calls as they change; whispers, reassigning, listening in',
      'For supervisors and admins (403 for agents).',
      'agentSocketToken',
    ),
    '/v1/conversations/{id}/ws': socket(
      'One participant\'s socket in a conversation: queue updates, chat, consent, signaling, hang-up',
      'A reconnecting client passes `since`, the last message number it handled, to be sent only what it missed.',
      'conversationSocketToken',
      [pathParameter('id', 'The conversation id.'), { name: 'since', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } }],
    ),
  },
};
