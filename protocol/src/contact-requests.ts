// What a visitor leaves when support cannot take the call now (the queue is
// closed, or the wait passed its maximum): a message, or a request to be
// called back (see docs/routing.md and docs/protocol.md).
import { Invalid, object, oneLine, oneOf, string } from './check.ts';
import { conversationMediaKinds, mediaKinds, parsePage, parseQueueId, type ConversationMedia, type Media } from './http.ts';
import { limits } from './limits.ts';

export const contactRequestLimits = { maxNameChars: 100, maxMessageChars: 2000 } as const;

/**
 * `media`: the conversation the visitor asked for (`chat` when they were
 * writing). `conversationId`: the visitor's waiting conversation this
 * replaces; it leaves the queue. Without it, `queue` says where the message goes.
 */
export interface MessageRequest { queue: string; page: string; media: ConversationMedia; name: string; email: string; text: string; conversationId?: string }
export interface MessageResponse { contactId: string }

/**
 * `media`: the call the visitor is called back with. `conversationId`: the
 * visitor's waiting conversation that becomes the request (a waiting chat
 * becomes this call). `email`: how to reach the visitor once their page is
 * closed; null when not given.
 */
export interface CallbackRequest { queue: string; page: string; media: Media; name: string; email: string | null; conversationId?: string }
/** The conversation the callback comes through, and the visitor's token for it. */
export interface CallbackResponse { conversationId: string; token: string }

/** A visitor's message as agents see it with the contact. */
export interface VisitorMessage { name: string; email: string; text: string }

/** A callback as agents see it in the console's Callbacks list. */
export interface CallbackTask {
  contactId: string;
  queue: string;
  name: string;
  email: string | null;
  page: string;
  media: ConversationMedia;
  /** Milliseconds since the epoch. */
  requestedAt: number;
  /** Whether the visitor's page is still open, so a call can reach them. */
  reachable: boolean;
  /** Whether an agent is calling the visitor back right now. */
  calling: boolean;
}

/** An email address, deliberately loose: one @, something either side, no spaces. The visitor reads it back; mail servers decide the rest. */
export const emailPattern = /^[^\s@]+@[^\s@]+$/;

function name(value: unknown): string {
  const trimmed = string(value, 'name', contactRequestLimits.maxNameChars).trim();
  if (!trimmed) throw new Invalid('name must not be empty');
  return oneLine(trimmed, 'name');
}

function email(value: unknown): string {
  const trimmed = string(value, 'email', limits.maxEmailChars).trim();
  if (!emailPattern.test(trimmed)) throw new Invalid('email must be an email address');
  return oneLine(trimmed, 'email');
}

function conversation(o: Record<string, unknown>): { conversationId?: string } {
  return o.conversationId === undefined ? {} : { conversationId: string(o.conversationId, 'conversationId', limits.maxIdChars) };
}

/**
 * Validates a visitor's message: name, email and text are required and trimmed.
 * @example parseMessageRequest({ queue: 'support', media: 'video', name: 'Ada', email: 'ada@example.com', text: 'Please call me about my order.' })
 */
export function parseMessageRequest(body: unknown): MessageRequest {
  const o = object(body, 'body');
  const text = string(o.text, 'text', contactRequestLimits.maxMessageChars).trim();
  if (!text) throw new Invalid('text must not be empty');
  return {
    queue: parseQueueId(o.queue),
    page: parsePage(o.page),
    media: oneOf(o.media, 'media', conversationMediaKinds),
    name: name(o.name),
    email: email(o.email),
    text,
    ...conversation(o),
  };
}

/**
 * Validates a callback request; the email is optional.
 * @example parseCallbackRequest({ queue: 'billing', media: 'audio', name: 'Ada' })
 */
export function parseCallbackRequest(body: unknown): CallbackRequest {
  const o = object(body, 'body');
  const given = o.email === undefined || o.email === null ? '' : string(o.email, 'email', limits.maxEmailChars, 0).trim();
  return {
    queue: parseQueueId(o.queue),
    page: parsePage(o.page),
    media: oneOf(o.media, 'media', mediaKinds),
    name: name(o.name),
    email: given ? email(given) : null,
    ...conversation(o),
  };
}
