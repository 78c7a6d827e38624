// Request and response bodies of the admin API (`/v1/admin/…`) and of
// invite links (`/v1/invites/…`); see docs/admin.md.
import { Invalid, boolean, integer, object, oneLine, oneOf, slug, string, type Obj } from './check.ts';
import { limits } from './limits.ts';
import { roles, type AgentProfile, type Role } from './http.ts';

/** An agent as admins see them. */
export interface AdminAgent extends AgentProfile {
  skills: string[];
  /** How many calls at once. */
  capacity: number;
  /** `invited` until the agent sets a password from their link (again after a reset); then `active`. */
  state: 'invited' | 'active';
}
export interface AgentsResponse { agents: AdminAgent[] }
export interface AgentResponse { agent: AdminAgent }

/** Who to invite; `role` defaults to `agent`, `skills` to none, `capacity` to 1. */
export interface AgentInvite { name: string; email: string; role: Role; skills: string[]; capacity: number }
/** What an admin may change about an agent; at least one field. */
export type AgentChange = Partial<Pick<AdminAgent, 'name' | 'role' | 'skills' | 'capacity'>>;

/** A one-time link that lets an agent set their password; shown once, stored only as a hash. */
export interface InviteLink {
  token: string;
  /** The console page that takes the token. */
  url: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}
export interface InviteResponse { agent: AdminAgent; invite: InviteLink }
/** What the invite page shows before the password is set. */
export interface InviteDetails { name: string; email: string; expiresAt: number }
export interface AcceptInviteRequest { password: string }

/** A queue a call can wait in. */
export interface Queue { id: string; name: string; priority: number; skills: string[] }
export interface QueuesResponse { queues: Queue[] }
export interface QueueResponse { queue: Queue }
export type QueueChange = Partial<Omit<Queue, 'id'>>;

/** A reply agents insert into their message box instead of typing it again. */
export interface SavedReply { id: string; title: string; text: string }
export interface SavedRepliesResponse { savedReplies: SavedReply[] }
export interface SavedReplyResponse { savedReply: SavedReply }
export type NewSavedReply = Omit<SavedReply, 'id'>;
/** Most saved replies one tenant keeps. */
export const maxSavedReplies = 200;

/**
 * A visitor an agent blocked: from the address they came from, the tenant's
 * widget opens no session and starts no conversation until `expiresAt`.
 */
export interface VisitorBlock {
  id: string;
  /** The visitor as agents knew them ("Visitor 4F2A", a verified customer's name); "A deleted contact's visitor" once the contact is deleted. */
  visitor: string;
  /** The contact the visitor was blocked from; null once it is deleted. */
  contactId: string | null;
  /** Why, for the team; may be empty. */
  reason: string;
  /** The name of the agent who blocked them. */
  blockedBy: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  expiresAt: number;
}
export interface VisitorBlocksResponse { blocks: VisitorBlock[] }
export interface VisitorBlockResponse { block: VisitorBlock }
/** What an agent says when they block a visitor. */
export interface NewVisitorBlock { days: number; reason: string }
/** How many days a block lasts at most. */
export const maxBlockDays = 365;
/** How long a contact keeps the address its visitor came from, so that they can be blocked. */
export const visitorAddressKeptDays = 7;

export interface OriginsResponse { origins: string[] }

/** A widget key as lists show it: never the key itself, only its first characters. */
export interface WidgetKey {
  id: string;
  /** The first characters of the key, to tell keys apart. */
  preview: string;
  label: string;
  createdAt: number;
  /** When a rotated key stops working; null for a key that has not been rotated. */
  expiresAt: number | null;
}
export interface WidgetKeysResponse { widgetKeys: WidgetKey[] }
/** A new key: the only answer that carries the key in full. */
export interface NewWidgetKeyResponse { widgetKey: WidgetKey; key: string }
export interface RotatedWidgetKeyResponse extends NewWidgetKeyResponse { previous: WidgetKey }

/** The tenant's identity secret as the Admin page shows it: never the secret, only its first characters; null when none is set. */
export interface IdentitySecret { preview: string; createdAt: number }
export interface IdentitySecretResponse { identitySecret: IdentitySecret | null }
/** A secret made just now (or in place of the one before): the only answer that carries it in full. */
export interface NewIdentitySecretResponse { identitySecret: IdentitySecret; secret: string }

/** A tenant's settings. */
export interface TenantSettings {
  /** Calls go through the TURN relay only, so neither side learns the other's IP address. */
  relayOnly: boolean;
  /** How long an agent's wrap-up after a call holds back their next offer (0: none). */
  wrapUpSeconds: number;
  /** How long an offer rings before it goes to someone else. */
  ringTimeoutSeconds: number;
  /** The largest file a participant may send in a call. */
  maxFileBytes: number;
  /** How many days an ended contact is kept, with its transcript, before it is deleted; null: for good. */
  keepContactsDays: number | null;
  /** The agents' consoles record the sound of each call (the visitor is told), kept with its contact. */
  recordCalls: boolean;
  /** What an agent may say a contact was about as they wrap it up, in the order the console lists them; none: no choice. */
  wrapUpReasons: string[];
}
export interface SettingsResponse { settings: TenantSettings }
/** The settings a tenant can return to the server's default. */
export type DefaultedSetting = 'wrapUpSeconds' | 'ringTimeoutSeconds' | 'maxFileBytes';
/** A change to the settings: a value sets it; null returns a setting to the server's default, or keeps contacts for good. */
export type SettingsChange = { relayOnly?: boolean; recordCalls?: boolean; keepContactsDays?: number | null; wrapUpReasons?: string[] } & { [K in DefaultedSetting]?: number | null };

/** The bounds of each setting an admin can change. */
export const settingBounds = {
  wrapUpSeconds: { min: 0, max: 3600 },
  ringTimeoutSeconds: { min: 5, max: 300 },
  // 4 GiB, written out: esbuild cannot fold 4 * 1024 ** 3 and then keeps this object in every bundle, the widget's too.
  maxFileBytes: { min: 1, max: 4_294_967_296 },
  keepContactsDays: { min: 1, max: 3650 },
} as const;

const priorityBounds = { min: -100, max: 100 };

// Text that must say something, trimmed: a name, or a saved reply's text (a chat message's length, as it is sent as one).
function filled(value: unknown, field: string, max: number): string {
  const text = string(value, field, max).trim();
  if (!text) throw new Invalid(`${field} must not be blank`);
  return text;
}

function name(value: unknown, field: string): string {
  return oneLine(filled(value, field, limits.maxNameChars), field);
}

function email(value: unknown): string {
  const text = string(value, 'email', limits.maxEmailChars).trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(text)) throw new Invalid('email must be an email address');
  return oneLine(text, 'email');
}

function skills(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > limits.maxSkills) throw new Invalid(`skills must be a list of at most ${limits.maxSkills} skill names`);
  // A skill named in the error as written, unless it is too long to quote.
  const named = (skill: unknown, index: number) => (typeof skill === 'string' && skill.length <= limits.maxIdChars ? `skill "${skill}"` : `skill ${index + 1}`);
  return [...new Set(value.map((skill, index) => slug(skill, named(skill, index), limits.maxIdChars)))];
}

function capacity(value: unknown): number {
  return integer(value, 'capacity', 1, limits.maxCapacity);
}

// Each field that is there, validated; an empty change is refused so a typo in a field name is not a silent no-op.
function change<T extends object>(o: Obj, fields: { [K in keyof T]-?: (value: unknown) => T[K] }): T {
  const result: Partial<T> = {};
  for (const key of Object.keys(fields) as (keyof T & string)[]) {
    if (o[key] !== undefined) result[key] = fields[key](o[key]);
  }
  if (Object.keys(result).length === 0) throw new Invalid(`body must change at least one of ${Object.keys(fields).join(', ')}`);
  return result as T;
}

/**
 * Validates an invite.
 * @example parseAgentInvite({ name: 'Ada', email: 'Ada@Example.com', skills: ['billing'] }) // { name: 'Ada', email: 'ada@example.com', role: 'agent', skills: ['billing'], capacity: 1 }
 */
export function parseAgentInvite(body: unknown): AgentInvite {
  const o = object(body, 'body');
  return {
    name: name(o.name, 'name'),
    email: email(o.email),
    role: oneOf(o.role ?? 'agent', 'role', roles),
    skills: skills(o.skills ?? []),
    capacity: capacity(o.capacity ?? 1),
  };
}

/**
 * Validates a change to an agent.
 * @example parseAgentChange({ role: 'supervisor' }) // { role: 'supervisor' }
 */
export function parseAgentChange(body: unknown): AgentChange {
  return change<AgentChange>(object(body, 'body'), {
    name: (value) => name(value, 'name'),
    role: (value) => oneOf(value, 'role', roles),
    skills,
    capacity,
  });
}

/**
 * Validates the password an agent sets from an invite link.
 * @example parseAcceptInvite({ password: 'correct horse' })
 */
export function parseAcceptInvite(body: unknown): AcceptInviteRequest {
  const password = string(object(body, 'body').password, 'password', limits.maxPasswordChars);
  if (password.length < limits.minPasswordChars) throw new Invalid(`password must be at least ${limits.minPasswordChars} characters`);
  return { password };
}

/**
 * Validates a new queue; `priority` defaults to 0 and `skills` to none.
 * @example parseNewQueue({ id: 'vip', name: 'VIP', priority: 5 })
 */
export function parseNewQueue(body: unknown): Queue {
  const o = object(body, 'body');
  return {
    id: slug(o.id, 'id', limits.maxIdChars),
    name: name(o.name, 'name'),
    priority: integer(o.priority ?? 0, 'priority', priorityBounds.min, priorityBounds.max),
    skills: skills(o.skills ?? []),
  };
}

/**
 * Validates a change to a queue.
 * @example parseQueueChange({ skills: ['es'] })
 */
export function parseQueueChange(body: unknown): QueueChange {
  return change<QueueChange>(object(body, 'body'), {
    name: (value) => name(value, 'name'),
    priority: (value) => integer(value, 'priority', priorityBounds.min, priorityBounds.max),
    skills,
  });
}

/**
 * Validates a new saved reply.
 * @example parseNewSavedReply({ title: 'Refunds', text: 'Refunds take 5 working days.' })
 */
export function parseNewSavedReply(body: unknown): NewSavedReply {
  const o = object(body, 'body');
  return { title: name(o.title, 'title'), text: filled(o.text, 'text', limits.maxChatChars) };
}

/**
 * Validates a change to a saved reply.
 * @example parseSavedReplyChange({ text: 'Refunds take 3 working days.' })
 */
export function parseSavedReplyChange(body: unknown): Partial<NewSavedReply> {
  return change<Partial<NewSavedReply>>(object(body, 'body'), { title: (value) => name(value, 'title'), text: (value) => filled(value, 'text', limits.maxChatChars) });
}

/**
 * Validates a block: how many days, and why (may be empty).
 * @example parseNewVisitorBlock({ days: 7, reason: 'Abusive' }) // { days: 7, reason: 'Abusive' }
 */
export function parseNewVisitorBlock(body: unknown): NewVisitorBlock {
  const o = object(body, 'body');
  const reason = o.reason === undefined ? '' : oneLine(string(o.reason, 'reason', limits.maxNameChars, 0).trim(), 'reason');
  return { days: integer(o.days, 'days', 1, maxBlockDays), reason };
}

/**
 * Validates a page origin (scheme, host and port, nothing else) and returns it as browsers send it.
 * @example parseOrigin('https://Shop.Example/') // 'https://shop.example'
 */
export function parseOrigin(value: unknown): string {
  const text = string(value, 'origin', limits.maxUrlChars).trim();
  const wrong = new Invalid('origin must be a page origin such as https://shop.example, without a path');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw wrong;
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !text.endsWith('?') && !text.endsWith('#');
  if (!['http:', 'https:'].includes(url.protocol) || !bare) throw wrong;
  if (!isHostName(url.hostname)) throw new Invalid(`origin "${url.origin}" names no host a page could be on`);
  return url.origin;
}

// Browsers take names no DNS can hold (empty or 64-character labels, a leading hyphen); a website has none of them.
const hostLabel = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function isHostName(host: string): boolean {
  if (host.startsWith('[')) return true;
  return host.length <= 253 && host.split('.').every((label) => hostLabel.test(label));
}

/**
 * Validates a body that carries one origin.
 * @example parseOriginBody({ origin: 'https://shop.example' }) // 'https://shop.example'
 */
export function parseOriginBody(body: unknown): string {
  return parseOrigin(object(body, 'body').origin);
}

/**
 * Validates a new widget key's label (what it is for, e.g. the site it sits on).
 * @example parseNewWidgetKey({ label: 'Main site' }) // { label: 'Main site' }
 */
export function parseNewWidgetKey(body: unknown): { label: string } {
  return { label: name(object(body, 'body').label, 'label') };
}

/**
 * Validates a change to the tenant's settings.
 * @example parseSettingsChange({ wrapUpSeconds: 60, ringTimeoutSeconds: null }) // { wrapUpSeconds: 60, ringTimeoutSeconds: null }
 */
export function parseSettingsChange(body: unknown): SettingsChange {
  const bounded = (field: keyof typeof settingBounds) => (value: unknown) =>
    value === null ? null : integer(value, field, settingBounds[field].min, settingBounds[field].max);
  return change<SettingsChange>(object(body, 'body'), {
    relayOnly: (value) => boolean(value, 'relayOnly'),
    recordCalls: (value) => boolean(value, 'recordCalls'),
    wrapUpSeconds: bounded('wrapUpSeconds'),
    ringTimeoutSeconds: bounded('ringTimeoutSeconds'),
    maxFileBytes: bounded('maxFileBytes'),
    keepContactsDays: bounded('keepContactsDays'),
    wrapUpReasons,
  });
}

/** How many wrap-up reasons a tenant may have. */
export const maxWrapUpReasons = 50;

// Each a name on one line; the same name twice (in any case) is one.
function wrapUpReasons(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > maxWrapUpReasons) throw new Invalid(`wrapUpReasons must be a list of at most ${maxWrapUpReasons} names`);
  const reasons = value.map((reason, index) => name(reason, `wrapUpReasons[${index}]`));
  return reasons.filter((reason, index) => reasons.findIndex((other) => other.toLowerCase() === reason.toLowerCase()) === index);
}
