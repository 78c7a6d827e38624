// The JSON Schemas of the OpenAPI document: every body the API reads or
// writes, with the bounds the validators in protocol/ enforce (read from
// the same constants, so a changed limit changes both).
import { contactRequestLimits, conversationMediaKinds, dispositions, errorCodes, hoursLimits, identityLimits, limits, maxBlockDays, maxSavedReplies, maxWrapUpReasons, mediaKinds, outcomes, roles, settingBounds, webhookEvents } from '@beckon/protocol';

type Schema = Record<string, unknown>;

/**
 * A reference to a schema of the document.
 * @example ref('Contact') // { $ref: '#/components/schemas/Contact' }
 */
export function ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

// An object whose listed properties are all required unless named in `optional`.
function object(properties: Record<string, Schema>, optional: string[] = []): Schema {
  const required = Object.keys(properties).filter((name) => !optional.includes(name));
  return { type: 'object', properties, ...(required.length && { required }) };
}

const text = (maxLength: number, minLength = 1): Schema => ({ type: 'string', minLength, maxLength });
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
const integer = (minimum: number, maximum: number): Schema => ({ type: 'integer', minimum, maximum });
const epochMs: Schema = { type: 'integer', description: 'Milliseconds since the Unix epoch.' };
const slug: Schema = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$', maxLength: limits.maxIdChars };
const skills: Schema = { type: 'array', items: slug, maxItems: limits.maxSkills, uniqueItems: true };
// As protocol's oneLine() checks it.
const oneLine = (maxLength: number): Schema => ({ ...text(maxLength), description: 'On one line: no control characters (line breaks among them), line or paragraph separators, or bidirectional controls.' });
const name = oneLine(limits.maxNameChars);
const chatText = text(limits.maxChatChars);
const email: Schema = { type: 'string', format: 'email', maxLength: limits.maxEmailChars };
const origin: Schema = { type: 'string', format: 'uri', description: 'A page origin: scheme, host and port, no path.', examples: ['https://shop.example'] };
const capacity = integer(1, limits.maxCapacity);
const priority: Schema = { ...integer(-100, 100), description: 'Higher is served first.' };
const password = text(limits.maxPasswordChars, limits.minPasswordChars);

const qualitySummary = object({
  samples: integer(0, 86_400),
  averageMos: nullable({ type: 'number', minimum: 1, maximum: 4.5 }),
  worstMos: nullable({ type: 'number', minimum: 1, maximum: 4.5 }),
  averageLossPercent: nullable({ type: 'number', minimum: 0, maximum: 100 }),
  worstLossPercent: nullable({ type: 'number', minimum: 0, maximum: 100 }),
  averageVideoLossPercent: nullable({ type: 'number', minimum: 0, maximum: 100, description: "The video's loss, apart from the audio's; null without video." }),
  worstVideoLossPercent: nullable({ type: 'number', minimum: 0, maximum: 100 }),
  recentMos: nullable({ type: 'number', minimum: 1, maximum: 4.5, description: 'Mean MOS of the last 30 samples this side sent a summary with.' }),
  recentLossPercent: nullable({ type: 'number', minimum: 0, maximum: 100, description: 'Mean audio loss of those 30 samples.' }),
  relayUsed: { type: 'boolean', description: "Whether this side's own candidate was a TURN relay at any point." },
  peerRelayUsed: nullable({ type: 'boolean', description: "Whether the other side's candidate was, as this side saw it." }),
  reconnects: integer(0, 10_000),
});

const agentProfile = object({ id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, role: ref('Role') });
const adminAgent = object({
  ...(agentProfile.properties as Record<string, Schema>),
  skills,
  capacity,
  state: { enum: ['invited', 'active'], description: '`invited` until the agent sets a password from their link (again after a reset).' },
});
const widgetKey = object({
  id: { type: 'string' },
  preview: { type: 'string', description: 'The first characters of the key; the key itself is shown only when it is made.' },
  label: { type: 'string' },
  createdAt: epochMs,
  expiresAt: { ...nullable(epochMs), description: 'When a rotated key stops working; null for a key that has not been rotated.' },
});
const bounded = (setting: keyof typeof settingBounds) => integer(settingBounds[setting].min, settingBounds[setting].max);
const settingsProperties = {
  relayOnly: { type: 'boolean', description: 'Calls go through the TURN relay only.' },
  recordCalls: { type: 'boolean', description: 'The agents\' consoles record the sound of each call (the visitor is told), kept with its contact.' },
  wrapUpSeconds: { ...bounded('wrapUpSeconds'), description: 'How long the wrap-up after a call holds back the agent\'s next offer (0: none).' },
  ringTimeoutSeconds: { ...bounded('ringTimeoutSeconds'), description: 'How long an offer rings before it goes to someone else.' },
  maxFileBytes: { ...bounded('maxFileBytes'), description: 'The largest file a participant may send in a call.' },
  keepContactsDays: { ...nullable(bounded('keepContactsDays')), description: 'How many days an ended contact is kept, with its transcript, before it is deleted; null: for good.' },
  wrapUpReasons: { type: 'array', maxItems: maxWrapUpReasons, items: name, description: 'What an agent may say a contact was about as they wrap it up, in the order the console lists them (trimmed; a name repeated in any case is kept once); empty: no choice.' },
};

/** Every schema the document names. */
export const schemas: Record<string, Schema> = {
  Error: object({ error: object({ code: { enum: [...errorCodes] }, message: { type: 'string', description: 'For people; may change.' } }) }),
  Role: { enum: [...roles], description: 'Each role may do what the ones before it may.' },
  Health: object({ ok: { const: true } }),
  SignInRequest: object({ email: text(limits.maxEmailChars), password: text(limits.maxPasswordChars) }),
  RefreshRequest: object({ refreshToken: text(limits.maxTokenChars) }),
  AgentProfile: agentProfile,
  SignInResponse: object({
    accessToken: { type: 'string', description: 'ES256 JWT; 15 minutes.' },
    refreshToken: { type: 'string', description: 'Works once; 30 days.' },
    expiresIn: { type: 'integer', description: 'Seconds until the access token expires.' },
    agent: ref('AgentProfile'),
  }),
  VisitorSessionRequest: object(
    { key: text(limits.maxIdChars), identity: { ...text(limits.maxTokenChars), description: "The host site's identity token for its signed-in customer: an HS256 JWT signed with the tenant's identity secret (see docs/widget-api.md). Refused with `401 invalid_identity`." } },
    ['identity'],
  ),
  Customer: object({
    id: { ...text(identityLimits.maxCustomerIdChars), description: "The customer's id in the host site's own system (the identity token's `sub`)." },
    name: nullable(name),
    email: nullable(email),
  }),
  VisitorSessionResponse: object({
    token: { type: 'string' },
    visitorId: { type: 'string' },
    expiresIn: { type: 'integer' },
    customerId: { ...nullable(text(identityLimits.maxCustomerIdChars)), description: "The verified customer's id (the identity token's `sub`) the session carries; null for an anonymous visitor's." },
  }),
  CallRequest: object({ media: { enum: [...conversationMediaKinds], description: '`chat` starts a chat-first conversation.' }, page: text(limits.maxUrlChars, 0), queue: { ...slug, default: 'support' } }, ['page', 'queue']),
  CallResponse: {
    oneOf: [
      object({ conversationId: { type: 'string' }, token: { type: 'string', description: 'The visitor\'s conversation token.' }, position: { type: 'integer', minimum: 1 } }),
      ref('ClosedQueue'),
    ],
  },
  ClosedQueue: object({ closed: { const: true }, queue: slug, nextOpening: nullable(epochMs) }),
  QueueStatus: object({ queue: slug, open: { type: 'boolean' }, nextOpening: nullable(epochMs) }),
  MessageRequest: object(
    { queue: { ...slug, default: 'support' }, page: text(limits.maxUrlChars, 0), media: { enum: [...conversationMediaKinds], description: '`chat` when the visitor was writing rather than calling.' }, name: oneLine(contactRequestLimits.maxNameChars), email, text: text(contactRequestLimits.maxMessageChars), conversationId: { type: 'string', description: 'A waiting conversation of the same visitor that the message replaces.' } },
    ['queue', 'page', 'conversationId'],
  ),
  MessageResponse: object({ contactId: { type: 'string' } }),
  CallbackRequest: object(
    { queue: { ...slug, default: 'support' }, page: text(limits.maxUrlChars, 0), media: { enum: [...mediaKinds] }, name: oneLine(contactRequestLimits.maxNameChars), email: nullable(email), conversationId: { type: 'string', description: 'A waiting conversation of the same visitor that becomes the request; a waiting chat becomes a call with `media`.' } },
    ['queue', 'page', 'email', 'conversationId'],
  ),
  CallbackResponse: object({ conversationId: { type: 'string' }, token: { type: 'string', description: 'The visitor\'s token for the conversation the call back comes through.' } }),
  BusinessHours: object({
    timeZone: { type: 'string', description: 'An IANA time zone, e.g. Europe/Berlin.' },
    weekly: object(
      Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, {
        type: 'array',
        maxItems: hoursLimits.maxRangesPerDay,
        items: { type: 'array', prefixItems: [{ type: 'string', pattern: '^\\d{2}:\\d{2}$' }, { type: 'string', pattern: '^\\d{2}:\\d{2}$' }], minItems: 2, maxItems: 2 },
      }])),
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    ),
    closedOn: { type: 'array', items: { type: 'string', format: 'date' }, maxItems: hoursLimits.maxClosedDates },
  }, ['closedOn']),
  QueueHoursRequest: object({ hours: nullable(ref('BusinessHours')), maxWaitSeconds: nullable({ type: 'integer', minimum: 1 }) }),
  QueueHoursResponse: object({ hours: nullable(ref('BusinessHours')), maxWaitSeconds: nullable({ type: 'integer' }), open: { type: 'boolean' }, nextOpening: nullable(epochMs) }),
  ChatMessage: object({ n: { type: 'integer', minimum: 1 }, id: { type: 'string' }, from: { enum: ['visitor', 'agent'] }, text: chatText, at: epochMs }),
  TranscriptResponse: object({ messages: { type: 'array', items: ref('ChatMessage') } }),
  Recording: object({
    segment: { type: 'integer', minimum: 1, description: 'Its number within the call: a console that reloads, or a transfer, begins another.' },
    startedAt: epochMs,
    bytes: { type: 'integer', minimum: 1 },
  }),
  RecordingsResponse: object({ recordings: { type: 'array', items: ref('Recording') } }),
  RecordingStarted: object({ segment: { type: 'integer', minimum: 1 } }),
  TransferTargets: object({
    queues: { type: 'array', items: object({ id: slug, name: { type: 'string' } }) },
    agents: { type: 'array', items: object({ id: { type: 'string' }, name: { type: 'string' }, status: { enum: ['offline', 'available', 'away'] } }) },
  }),
  QualitySummary: qualitySummary,
  Survey: object({ rating: integer(1, 5), comment: nullable(text(1000, 0)) }, ['comment']),
  Contact: object(
    {
      id: { type: 'string' },
      visitor: { type: 'string', description: 'The verified customer\'s name (else email, else `Customer <id>`), or `Visitor 4F2A` for an anonymous visitor.' },
      customer: { ...nullable(ref('Customer')), description: 'Who the host site verified the visitor as; null for an anonymous visitor.' },
      page: { type: 'string' },
      media: { enum: [...conversationMediaKinds], description: 'The richest media the conversation reached.' },
      agent: nullable(object({ id: { type: 'string' }, name: { type: 'string' } })),
      createdAt: epochMs,
      connectedAt: nullable(epochMs),
      endedAt: nullable(epochMs),
      durationSeconds: { type: 'integer', minimum: 0 },
      outcome: nullable({ enum: [...outcomes] }),
      quality: object({ visitor: ref('QualitySummary'), agent: ref('QualitySummary') }, ['visitor', 'agent']),
      wrapUp: nullable(object({ disposition: { enum: [...dispositions] }, notes: { type: 'string' }, seconds: nullable({ type: 'integer' }), reason: { ...nullable({ type: 'string' }), description: 'The wrap-up reason the agent chose, as it was named then.' } })),
      survey: ref('Survey'),
      hold: object({ times: { type: 'integer', minimum: 1 }, seconds: { type: 'integer', minimum: 0 } }),
    },
    ['quality', 'survey', 'hold'],
  ),
  ContactsResponse: object({
    contacts: { type: 'array', items: ref('Contact') },
    next: nullable({ type: 'string', description: 'Pass as `before` for the older contacts; null when there are none.' }),
  }),
  SurveyResponse: object({ survey: ref('Survey') }),
  WebhookDelivery: object({
    id: { type: 'string' },
    event: { enum: [...webhookEvents] },
    url: { type: 'string' },
    status: { enum: ['pending', 'delivered', 'failed'] },
    attempts: { type: 'integer', minimum: 0 },
    responseCode: nullable({ type: 'integer' }),
    error: nullable({ type: 'string' }),
    createdAt: epochMs,
    lastAttemptAt: nullable(epochMs),
    nextAttemptAt: nullable(epochMs),
  }),
  Report: object({
    from: epochMs,
    to: epochMs,
    contacts: { type: 'integer', minimum: 0 },
    live: { type: 'integer', minimum: 0 },
    outcomes: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, description: 'How many ended each way (only outcomes that occurred).' },
    media: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, description: 'By the richest media each reached.' },
    answered: { type: 'integer', minimum: 0 },
    averageWaitSeconds: nullable({ type: 'integer', minimum: 0 }),
    longestWaitSeconds: nullable({ type: 'integer', minimum: 0 }),
    averageHandleSeconds: nullable({ type: 'integer', minimum: 0 }),
    averageHoldSeconds: nullable({ type: 'integer', minimum: 0 }),
    averageWrapUpSeconds: nullable({ type: 'integer', minimum: 0 }),
    surveys: { type: 'integer', minimum: 0 },
    averageRating: nullable({ type: 'number', minimum: 1, maximum: 5 }),
    averageMos: nullable({ type: 'number', minimum: 1, maximum: 5 }),
    agents: {
      type: 'array',
      items: object({
        id: { type: 'string' },
        name: { type: 'string' },
        answered: { type: 'integer', minimum: 0 },
        averageHandleSeconds: nullable({ type: 'integer', minimum: 0 }),
        averageRating: nullable({ type: 'number', minimum: 1, maximum: 5 }),
      }),
    },
    reasons: { type: 'array', description: 'How many contacts were wrapped up with each wrap-up reason, the most first.', items: object({ name: { type: 'string' }, contacts: { type: 'integer', minimum: 1 } }) },
  }),
  WebhookDeliveriesResponse: object({ deliveries: { type: 'array', items: ref('WebhookDelivery') } }),
  AdminAgent: adminAgent,
  AgentsResponse: object({ agents: { type: 'array', items: ref('AdminAgent') } }),
  AgentResponse: object({ agent: ref('AdminAgent') }),
  AgentInvite: object({ name, email, role: { ...ref('Role'), default: 'agent' }, skills: { ...skills, default: [] }, capacity: { ...capacity, default: 1 } }, ['role', 'skills', 'capacity']),
  AgentChange: { ...object({ name, role: ref('Role'), skills, capacity }, ['name', 'role', 'skills', 'capacity']), minProperties: 1 },
  InviteLink: object({
    token: { type: 'string', description: 'Works once, for 72 hours; stored only as a hash.' },
    url: { type: 'string', format: 'uri', description: 'The console page that takes the token (in the fragment, so it stays out of server logs).' },
    expiresAt: epochMs,
  }),
  InviteResponse: object({ agent: ref('AdminAgent'), invite: ref('InviteLink') }),
  InviteDetails: object({ name: { type: 'string' }, email: { type: 'string' }, expiresAt: epochMs }),
  AcceptInviteRequest: object({ password }),
  Queue: object({ id: slug, name, priority, skills }),
  NewQueue: object({ id: slug, name, priority: { ...priority, default: 0 }, skills: { ...skills, default: [] } }, ['priority', 'skills']),
  QueueChange: { ...object({ name, priority, skills }, ['name', 'priority', 'skills']), minProperties: 1 },
  QueuesResponse: object({ queues: { type: 'array', items: ref('Queue') } }),
  QueueResponse: object({ queue: ref('Queue') }),
  SavedReply: object({ id: { type: 'string' }, title: name, text: chatText }),
  NewSavedReply: object({ title: name, text: chatText }),
  SavedReplyChange: { ...object({ title: name, text: chatText }, ['title', 'text']), minProperties: 1 },
  SavedRepliesResponse: object({ savedReplies: { type: 'array', items: ref('SavedReply'), maxItems: maxSavedReplies } }),
  SavedReplyResponse: object({ savedReply: ref('SavedReply') }),
  NewVisitorBlock: object({ days: integer(1, maxBlockDays), reason: text(limits.maxNameChars, 0) }, ['reason']),
  VisitorBlock: object({
    id: { type: 'string' },
    visitor: { type: 'string', description: 'The visitor as agents knew them ("Visitor 4F2A", a verified customer\'s name); "A deleted contact\'s visitor" once the contact is deleted.' },
    contactId: nullable({ type: 'string', description: 'Null once the contact is deleted.' }),
    reason: text(limits.maxNameChars, 0),
    blockedBy: { type: 'string', description: 'The name of the agent who blocked them.' },
    createdAt: epochMs,
    expiresAt: epochMs,
  }),
  VisitorBlockResponse: object({ block: ref('VisitorBlock') }),
  VisitorBlocksResponse: object({ blocks: { type: 'array', items: ref('VisitorBlock') } }),
  OriginRequest: object({ origin }),
  OriginsResponse: object({ origins: { type: 'array', items: origin } }),
  IdentitySecret: object({
    preview: { type: 'string', description: 'The first characters of the secret; the secret itself is shown only when it is made.' },
    createdAt: epochMs,
  }),
  IdentitySecretResponse: object({ identitySecret: { ...nullable(ref('IdentitySecret')), description: 'Null when the tenant has none: no visitor can be verified.' } }),
  NewIdentitySecretResponse: object({
    identitySecret: ref('IdentitySecret'),
    secret: { type: 'string', description: 'The secret itself, for the site\'s server to sign identity tokens with (HS256); shown only here.' },
  }),
  WidgetKey: widgetKey,
  WidgetKeysResponse: object({ widgetKeys: { type: 'array', items: ref('WidgetKey') } }),
  NewWidgetKeyRequest: object({ label: name }),
  NewWidgetKeyResponse: object({ widgetKey: ref('WidgetKey'), key: { type: 'string', description: 'The key itself, for the script tag\'s data-key; shown only here.' } }),
  RotatedWidgetKeyResponse: object({
    widgetKey: ref('WidgetKey'),
    key: { type: 'string', description: 'The new key; shown only here.' },
    previous: { ...ref('WidgetKey'), description: 'The rotated key, which keeps working until its expiresAt (one hour).' },
  }),
  TenantSettings: object({
    ...settingsProperties,
    // The server's default (BECKON_RING_TIMEOUT_MS) is in milliseconds and need not lie within what a tenant may choose.
    ringTimeoutSeconds: { type: 'number', minimum: 0, description: `${settingsProperties.ringTimeoutSeconds.description} The server's default, where the tenant chose none, may be a fraction of a second or outside ${settingBounds.ringTimeoutSeconds.min}–${settingBounds.ringTimeoutSeconds.max}.` },
  }),
  SettingsChange: {
    ...object(
      {
        relayOnly: settingsProperties.relayOnly,
        recordCalls: settingsProperties.recordCalls,
        wrapUpSeconds: nullable(settingsProperties.wrapUpSeconds),
        ringTimeoutSeconds: nullable(settingsProperties.ringTimeoutSeconds),
        maxFileBytes: nullable(settingsProperties.maxFileBytes),
        keepContactsDays: settingsProperties.keepContactsDays,
        wrapUpReasons: settingsProperties.wrapUpReasons,
      },
      Object.keys(settingsProperties),
    ),
    minProperties: 1,
    description: 'A value sets a setting; null returns it to the server\'s default, or keeps contacts for good.',
  },
  SettingsResponse: object({ settings: ref('TenantSettings') }),
};
