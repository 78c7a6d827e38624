// Messages on the two WebSockets: the agent's presence socket (Switchboard)
// and each participant's conversation socket (Conversation).
import { limits } from './limits.ts';
import { Invalid, nullableInteger, nullableString, object, oneOf, parseJson, string } from './check.ts';
import type { ErrorCode } from './errors.ts';
import { dispositions, type Disposition, type Media, type Outcome } from './http.ts';
import { parseQualitySummary, type QualitySummary } from './quality.ts';

export type AgentStatus = 'available' | 'away';
export type AwayReason = 'missed-offer' | 'connection-lost';
export const agentStatuses = ['available', 'away'] as const;
/** The close code of an agent socket whose agent may not work (removed by an admin): the console signs in again rather than reconnect. */
export const agentRefusedCloseCode = 4401;

export interface SessionDescription { type: 'offer' | 'answer' | 'pranswer' | 'rollback'; sdp: string }
export interface IceCandidate {
  candidate: string;
  sdpMid: string | null;
  sdpMLineIndex: number | null;
  usernameFragment: string | null;
}
export type Signal = { description: SessionDescription } | { candidate: IceCandidate };

export interface IceServer { urls: string | string[]; username?: string; credential?: string }

/** What an agent's console sends on its presence socket. */
export type AgentClientMessage =
  | { type: 'presence'; status: AgentStatus }
  /** The agent signs out: offline at once, with no grace period. */
  | { type: 'leave' }
  /** What the agent records after a call; ends their wrap-up. */
  | { type: 'wrap-up'; contactId: string; disposition: Disposition; notes: string }
  | { type: 'accept'; offerId: string }
  | { type: 'decline'; offerId: string };

export interface Caller { visitor: string; page: string }

/** What the Switchboard sends to an agent's console. */
export type AgentServerMessage =
  /** `reason`: why the server set the agent Away (an offer rang out, or the console stayed disconnected too long). */
  | { type: 'presence'; status: AgentStatus; reason?: AwayReason }
  | { type: 'offer'; offerId: string; conversationId: string; media: Media; caller: Caller; expiresAt: number }
  | { type: 'offer-withdrawn'; offerId: string; reason: 'cancelled' | 'timeout' | 'taken' }
  | { type: 'assigned'; conversationId: string; token: string; media: Media; caller: Caller }
  /** The call ended: the agent records it; no offers until `until` (ms since the epoch) or until they save. */
  | { type: 'wrap-up'; contactId: string; until: number }
  /** Wrap-up is over (saved, or its time ran out): offers come again. */
  | { type: 'wrap-up-ended'; contactId: string; saved: boolean }
  | { type: 'error'; code: ErrorCode; message: string };

/** Why a call ended, as both sides are told. */
export type EndReason = 'hangup' | 'cancelled' | 'failed' | 'left' | 'declined' | 'missed';

/**
 * What a participant sends on a conversation socket. `seq` numbers a
 * participant's messages 1, 2, 3…; the server acts on each number once and
 * acknowledges it, so a client that reconnects re-sends what was not yet
 * acknowledged without anything happening twice.
 */
export type ConversationClientMessage = { seq?: number } & (
  | ({ type: 'signal' } & Signal)
  | { type: 'cancel' }
  | { type: 'hangup'; reason: 'hangup' | 'failed' }
  | { type: 'quality'; summary: QualitySummary }
);

/** Server messages kept for a participant until they have seen them (`seq` increases by one per message). */
export type ConversationEventMessage =
  /** `estimatedWaitSeconds` is null when no agent who could answer is signed in (see docs/routing.md). */
  | { type: 'queued'; position: number; estimatedWaitSeconds: number | null }
  | { type: 'accepted'; agent: { name: string } }
  /** Make a new peer connection (any earlier one is gone). */
  | { type: 'start'; polite: boolean; iceServers: IceServer[]; iceTransportPolicy: 'all' | 'relay' }
  | ({ type: 'signal' } & Signal)
  | { type: 'ended'; reason: EndReason; outcome: Outcome };

/** What the Conversation sends to a participant. */
export type ConversationServerMessage =
  | (ConversationEventMessage & { seq?: number })
  /** The client message with this `seq` has been handled. */
  | { type: 'ack'; seq: number }
  | { type: 'error'; code: ErrorCode; message: string };

/** A parse result: the message, or why it was refused. */
export type Parsed<T> = { ok: true; message: T } | { ok: false; code: ErrorCode; error: string };

function parseWith<T>(text: string, read: (o: Record<string, unknown>) => T): Parsed<T> {
  try {
    return { ok: true, message: read(object(parseJson(text, limits.maxMessageBytes), 'message')) };
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    const tooLarge = error.message.startsWith('message is larger');
    return { ok: false, code: tooLarge ? 'message_too_large' : 'invalid_message', error: error.message };
  }
}

/**
 * Validates a message from an agent's console.
 * @example parseAgentMessage('{"type":"presence","status":"away"}')
 */
export function parseAgentMessage(text: string): Parsed<AgentClientMessage> {
  return parseWith(text, (o) => {
    const type = oneOf(o.type, 'type', ['presence', 'accept', 'decline', 'leave', 'wrap-up'] as const);
    if (type === 'presence') return { type, status: oneOf(o.status, 'status', agentStatuses) };
    if (type === 'leave') return { type };
    if (type === 'wrap-up') {
      return {
        type,
        contactId: string(o.contactId, 'contactId', limits.maxIdChars),
        disposition: oneOf(o.disposition, 'disposition', dispositions),
        notes: string(o.notes ?? '', 'notes', limits.maxNotesChars, 0),
      };
    }
    return { type, offerId: string(o.offerId, 'offerId', limits.maxIdChars) };
  });
}

/**
 * Validates a message from a conversation participant.
 * @example parseConversationMessage('{"type":"hangup","reason":"hangup"}')
 */
export function parseConversationMessage(text: string): Parsed<ConversationClientMessage> {
  return parseWith(text, (o): ConversationClientMessage => {
    const type = oneOf(o.type, 'type', ['signal', 'cancel', 'hangup', 'quality'] as const);
    const numbered = o.seq === undefined ? {} : { seq: nullableInteger(o.seq, 'seq', 1, Number.MAX_SAFE_INTEGER) ?? invalid('seq must be a number') };
    if (type === 'cancel') return { type, ...numbered };
    if (type === 'quality') return { type, summary: parseQualitySummary(o.summary), ...numbered };
    if (type === 'hangup') return { type, reason: oneOf(o.reason ?? 'hangup', 'reason', ['hangup', 'failed'] as const), ...numbered };
    return { type, ...parseSignal(o), ...numbered };
  });
}

function invalid(message: string): never {
  throw new Invalid(message);
}

/**
 * Validates the signal part of a message: exactly one description or candidate.
 * @example parseSignal({ candidate: { candidate: '', sdpMid: '0', sdpMLineIndex: 0 } })
 */
export function parseSignal(o: Record<string, unknown>): Signal {
  if ((o.description === undefined) === (o.candidate === undefined)) {
    throw new Invalid('a signal carries exactly one of description or candidate');
  }
  if (o.description !== undefined) {
    const d = object(o.description, 'description');
    const type = oneOf(d.type, 'description.type', ['offer', 'answer', 'pranswer', 'rollback'] as const);
    return { description: { type, sdp: string(d.sdp ?? '', 'description.sdp', limits.maxSdpChars, 0) } };
  }
  const c = object(o.candidate, 'candidate');
  return {
    candidate: {
      candidate: string(c.candidate, 'candidate.candidate', limits.maxCandidateChars, 0),
      sdpMid: nullableString(c.sdpMid, 'candidate.sdpMid', 64),
      sdpMLineIndex: nullableInteger(c.sdpMLineIndex, 'candidate.sdpMLineIndex', 0, 255),
      usernameFragment: nullableString(c.usernameFragment, 'candidate.usernameFragment', 256),
    },
  };
}
