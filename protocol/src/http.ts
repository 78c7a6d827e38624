// Request and response bodies of the HTTP API (see docs/protocol.md).
import { limits } from './limits.ts';
import { Invalid, object, oneOf, slug, string } from './check.ts';
import type { ChatMessage } from './messages.ts';
import type { VisitorMessage } from './contact-requests.ts';
import type { CallSide, QualitySummary } from './quality.ts';
import type { Survey } from './survey.ts';
import type { Customer } from './identity.ts';

/** What a call carries. */
export type Media = 'audio' | 'video';
export const mediaKinds = ['audio', 'video'] as const;
/** What a conversation carries now: chat only, or a call as well (chat goes on during calls). */
export type ConversationMedia = 'chat' | Media;
export const conversationMediaKinds = ['chat', 'audio', 'video'] as const;

export type Role = 'agent' | 'supervisor' | 'admin';
/** The roles, each allowed what the ones before it are. */
export const roles = ['agent', 'supervisor', 'admin'] as const;

/**
 * Whether a role may watch the supervisor's board (and whisper, reassign and listen in from it).
 * @example watchesBoard('supervisor') // true
 */
export function watchesBoard(role: Role | null | undefined): boolean {
  return role === 'supervisor' || role === 'admin';
}

export interface SignInRequest { email: string; password: string }
export interface RefreshRequest { refreshToken: string }
export interface AgentProfile { id: string; name: string; email: string; role: Role }
export interface SignInResponse {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  agent: AgentProfile;
}

/** `identity`: the host site's signed identity token for a signed-in customer (see docs/widget-api.md). */
export interface VisitorSessionRequest { key: string; identity?: string }
/** `customerId`: the verified customer's id (the identity token's `sub`) the session carries; null for an anonymous visitor's. */
export interface VisitorSessionResponse { token: string; visitorId: string; expiresIn: number; customerId: string | null }

/** `queue` is a queue id of the tenant (`support` when left out). */
export interface CallRequest { media: ConversationMedia; page: string; queue?: string }
export interface QueuedCall { conversationId: string; token: string; position: number }
/** The queue is outside its business hours: nothing was queued. `nextOpening` is null when no opening is scheduled. */
export interface ClosedQueue { closed: true; queue: string; nextOpening: number | null }
export type CallResponse = QueuedCall | ClosedQueue;

/**
 * `message`: the visitor left a message instead of waiting; `callback-done`:
 * an agent closed a callback request without a call.
 */
export type Outcome = 'completed' | 'cancelled' | 'declined' | 'missed' | 'failed' | 'message' | 'callback-done';
export const outcomes = ['completed', 'cancelled', 'declined', 'missed', 'failed', 'message', 'callback-done'] as const;

/** One finished (or live) contact as agents see it in History and `GET /v1/contacts`. */
export interface Contact {
  id: string;
  /** What agents call the visitor: the verified customer's name (else email, else id), or `Visitor 4F2A` for an anonymous visitor. */
  visitor: string;
  /** The customer the host site verified the visitor as; null for an anonymous visitor. */
  customer: Customer | null;
  page: string;
  /** The richest media the conversation reached: a chat escalated to video is `video`. */
  media: ConversationMedia;
  agent: { id: string; name: string } | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
  connectedAt: number | null;
  endedAt: number | null;
  /** Seconds connected; 0 when the call never connected. */
  durationSeconds: number;
  outcome: Outcome | null;
  /** Each side's quality summary, for the sides that sent one. */
  quality?: Partial<Record<CallSide, QualitySummary>>;
  /** How often the agent put the call on hold and for how long in all, once they did. */
  hold?: { times: number; seconds: number };
  /** What the agent recorded after the call; null until then. */
  wrapUp: { disposition: Disposition; notes: string; seconds: number | null; reason: string | null } | null;
  /** The visitor's survey, once they sent one. */
  survey?: Survey;
  /** What the visitor wrote, for a contact that is a message. */
  message?: VisitorMessage;
  /** Who asked to be called back and how to reach them, for a contact that began as a callback request. */
  callback?: { name: string; email: string | null };
  /** The call was recorded: `GET /v1/contacts/:id/recordings` lists its recordings. */
  recorded?: true;
}

/** One recording of a call's sound: an agent's console records from the moment it has the call until the call ends (a reload or a transfer starts another). */
export interface Recording {
  /** Its number within the call, from 1. */
  segment: number;
  /** Milliseconds since the epoch. */
  startedAt: number;
  /** Its size; `audio/webm` (Opus). */
  bytes: number;
}
export interface RecordingsResponse { recordings: Recording[] }
/** A recording begun: send its parts, in order, as `PUT …/recordings/:segment/parts/:part` from 0. */
export interface RecordingStarted { segment: number }

/** How a call ended for the customer, as the agent records it in wrap-up. */
export type Disposition = 'resolved' | 'follow-up' | 'unresolved' | 'other';
export const dispositions = ['resolved', 'follow-up', 'unresolved', 'other'] as const;
/** A page of contacts, newest first; `next` asks for the older ones (`?before=`), null when there are none. */
export interface ContactsResponse { contacts: Contact[]; next: string | null }

/** Which contacts `GET /v1/contacts` lists, newest first: at most `limit`, older than the cursor `before`, begun from `from` until before `to` (ms since the epoch), of one agent or outcome, or whose text has `text`. */
export interface ContactsQuery {
  before?: { createdAt: number; id: string };
  limit: number;
  from?: number;
  to?: number;
  agent?: string;
  outcome?: Outcome;
  text?: string;
  /** Only the contacts of this verified customer (their id in the host site's system). */
  customer?: string;
}
/**
 * How the contacts begun from `from` until before `to` (ms since the epoch)
 * went (`GET /v1/reports`). Waits and handling are of the contacts an agent
 * answered; times are whole seconds, each null with nothing to average.
 */
export interface Report {
  from: number;
  to: number;
  contacts: number;
  /** Contacts not over yet. */
  live: number;
  outcomes: Partial<Record<Outcome, number>>;
  /** By the richest media each reached. */
  media: Partial<Record<'chat' | 'audio' | 'video', number>>;
  answered: number;
  averageWaitSeconds: number | null;
  longestWaitSeconds: number | null;
  averageHandleSeconds: number | null;
  /** Over the calls answered, those never held counting as 0. */
  averageHoldSeconds: number | null;
  averageWrapUpSeconds: number | null;
  surveys: number;
  averageRating: number | null;
  /** Over each side's summary of the calls (voice quality, 1 to 5). */
  averageMos: number | null;
  agents: { id: string; name: string; answered: number; averageHandleSeconds: number | null; averageRating: number | null }[];
  /** How many contacts were wrapped up with each wrap-up reason, the most first. */
  reasons: { name: string; contacts: number }[];
}

/** The longest span one report covers. */
export const maxReportDays = 366;

/**
 * Validates the query of `GET /v1/reports`: `from` and `to`, ms since the epoch.
 * @example parseReportQuery({ from: '1764000000000', to: '1764086400000' }) // { from: 1764000000000, to: 1764086400000 }
 */
export function parseReportQuery(query: Record<string, string | undefined>): { from: number; to: number } {
  const [from, to] = (['from', 'to'] as const).map((name) => {
    const value = query[name];
    if (value === undefined || !/^\d{1,15}$/.test(value)) throw new Invalid(`${name} must be a time in milliseconds since 1970`);
    return Number(value);
  }) as [number, number];
  if (to <= from) throw new Invalid('to must be after from');
  if (to - from > maxReportDays * 86_400_000) throw new Invalid(`a report covers at most ${maxReportDays} days`);
  return { from, to };
}

/** The most contacts one page of `GET /v1/contacts` lists, and how many it lists unless asked for fewer. */
export const maxContactsPage = 500;

/**
 * Validates the query of `GET /v1/contacts`.
 * @example parseContactsQuery({ limit: '50', outcome: 'missed' }) // { limit: 50, outcome: 'missed' }
 */
export function parseContactsQuery(query: Record<string, string | undefined>): ContactsQuery {
  const { before, limit = String(maxContactsPage), from, to, agent, outcome, text, customer } = query;
  if (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > maxContactsPage) throw new Invalid(`limit must be a whole number from 1 to ${maxContactsPage}`);
  const cursor = before === undefined ? undefined : /^(\d{1,15})\.(.{1,64})$/.exec(before);
  if (cursor === null) throw new Invalid('before must be the next cursor of an earlier page');
  const searched = text?.trim();
  const moment = (value: string | undefined, name: string) => {
    if (value !== undefined && !/^\d{1,15}$/.test(value)) throw new Invalid(`${name} must be a time in milliseconds since 1970`);
    return value === undefined ? {} : { [name]: Number(value) };
  };
  return {
    limit: Number(limit),
    ...moment(from, 'from'),
    ...moment(to, 'to'),
    ...(cursor && { before: { createdAt: Number(cursor[1]), id: cursor[2]! } }),
    ...(agent !== undefined && { agent: string(agent, 'agent', limits.maxIdChars) }),
    ...(outcome !== undefined && { outcome: oneOf(outcome, 'outcome', outcomes) }),
    ...(searched && { text: string(searched, 'text', 100) }),
    // A customer id is at most identityLimits.maxCustomerIdChars (128), written out: importing identity.ts here puts it in the widget's bundle.
    ...(customer !== undefined && { customer: string(customer, 'customer', 128) }),
  };
}
export interface TranscriptResponse { messages: ChatMessage[] }
/** Where an agent can hand a conversation on (`GET /v1/transfer-targets`). */
export interface TransferTargets {
  queues: { id: string; name: string }[];
  agents: { id: string; name: string; status: 'offline' | 'available' | 'away' }[];
}

/**
 * Validates a sign-in body.
 * @example parseSignIn({ email: 'a@b.c', password: 'secret' })
 */
export function parseSignIn(body: unknown): SignInRequest {
  const o = object(body, 'body');
  return {
    email: string(o.email, 'email', limits.maxEmailChars).trim().toLowerCase(),
    password: string(o.password, 'password', limits.maxPasswordChars),
  };
}

/**
 * Validates a refresh body.
 * @example parseRefresh({ refreshToken: 'abc' })
 */
export function parseRefresh(body: unknown): RefreshRequest {
  return { refreshToken: string(object(body, 'body').refreshToken, 'refreshToken', limits.maxTokenChars) };
}

/**
 * Validates a visitor session body; `identity` is the host site's signed identity token, if it sent one.
 * @example parseVisitorSession({ key: 'demo', identity: 'eyJ…' })
 */
export function parseVisitorSession(body: unknown): VisitorSessionRequest {
  const o = object(body, 'body');
  const key = string(o.key, 'key', limits.maxIdChars);
  return o.identity === undefined ? { key } : { key, identity: string(o.identity, 'identity', limits.maxTokenChars) };
}

/** The queue a call waits in when it names none. */
export const defaultQueue = 'support';

/**
 * Validates a queue id; a missing one is the default queue.
 * @example parseQueueId(undefined) // 'support'
 */
export function parseQueueId(value: unknown): string {
  return slug(value ?? defaultQueue, 'queue', limits.maxIdChars);
}

/**
 * Validates the page a visitor writes or calls from, and keeps it without its
 * fragment: browsers never send that part to a server, and pages keep secrets
 * in it (sign-in tokens, one-time links) that agents, History and webhooks
 * must not hold.
 * @example parsePage('https://shop.example/help#access_token=abc') // 'https://shop.example/help'
 */
export function parsePage(value: unknown): string {
  return string(value ?? '', 'page', limits.maxUrlChars, 0).split('#')[0]!;
}

/**
 * Validates a call request body.
 * @example parseCallRequest({ media: 'video', page: 'https://shop.example/help' })
 */
export function parseCallRequest(body: unknown): CallRequest {
  const o = object(body, 'body');
  return {
    media: oneOf(o.media, 'media', conversationMediaKinds),
    page: parsePage(o.page),
    queue: parseQueueId(o.queue),
  };
}

/** The WebSocket subprotocol of every Beckon socket; the server answers with it. */
export const socketProtocol = 'beckon';

/**
 * The subprotocols a client offers to open a socket: Beckon's, then the
 * token. Browsers cannot set headers on a WebSocket, and a token in the URL
 * ends up in logs; `Sec-WebSocket-Protocol` is a header that can carry it.
 * @example new WebSocket(url, socketProtocols(accessToken)) // offers 'beckon, eyJ…'
 */
export function socketProtocols(token: string): string[] {
  return [socketProtocol, token];
}
