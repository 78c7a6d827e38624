// Messages on the two WebSockets: the agent's presence socket (Switchboard)
// and each participant's conversation socket (Conversation).
import { limits } from './limits.ts';
import { boolean, integer, Invalid, nullableInteger, nullableString, object, oneOf, parseJson, strayInText, string } from './check.ts';
import type { CallbackTask } from './contact-requests.ts';
import type { Customer } from './identity.ts';
import type { ErrorCode } from './errors.ts';
import { dispositions, type ConversationMedia, type Disposition, type Media, type Outcome, type Role } from './http.ts';
import { parseQualitySummary, type QualitySummary } from './quality.ts';

export type AgentStatus = 'available' | 'away';
export type AwayReason = 'missed-offer' | 'connection-lost';
export const agentStatuses = ['available', 'away'] as const;
/** The close code of an agent socket whose agent may not work (removed by an admin): the console signs in again rather than reconnect. */
export const agentRefusedCloseCode = 4401;
/** The close code of a supervisor's board whose agent lost the role (an admin made them an agent): the console stops showing the Board. */
export const boardRefusedCloseCode = 4403;
/** The close code of a console or board whose access token ran out without a `renew`: reconnect with a fresh token. */
export const sessionExpiredCloseCode = 4408;

export interface SessionDescription { type: 'offer' | 'answer' | 'pranswer' | 'rollback'; sdp: string }
export interface IceCandidate {
  candidate: string;
  sdpMid: string | null;
  sdpMLineIndex: number | null;
  usernameFragment: string | null;
}
export type Signal = { description: SessionDescription } | { candidate: IceCandidate };

export interface IceServer { urls: string | string[]; username?: string; credential?: string }

/** A private chat line between a supervisor and an agent; the visitor never sees it. */
export interface Whisper { from: { id: string; name: string }; to: string; text: string; at: number }

/** What an agent's console sends on its presence socket. */
export type AgentClientMessage =
  | { type: 'presence'; status: AgentStatus }
  /** The console's fresh access token: the socket stays open past the old one's expiry. */
  | { type: 'renew'; token: string }
  /** A reply to a supervisor's whisper (`to` is the supervisor's agent id). */
  | { type: 'whisper'; to: string; text: string }
  /**
   * Hands a conversation on. Blind: to a queue or an agent at once, the visitor
   * waits again. Warm (to an agent only): it rings them while this agent stays
   * with the visitor, and moves when they accept.
   */
  | { type: 'transfer'; contactId: string; to: TransferTarget; warm: boolean; note: string }
  /** The listening connection a supervisor opened on this agent's call (see `monitor`). */
  | ({ type: 'monitor-signal'; monitorId: string } & Signal)
  /** The agent signs out: offline at once, with no grace period. */
  | { type: 'leave' }
  /** What the agent records after a call; ends their wrap-up. */
  /** `reason`: one of the tenant's wrap-up reasons (Admin → Settings), or null. */
  | { type: 'wrap-up'; contactId: string; disposition: Disposition; notes: string; reason: string | null }
  /**
   * Takes the ringing call. `signals`: the offer the console made while it
   * rang (see the offer's `peer`) and its candidates so far, for the host to
   * pass on right after `start`, so the offer need not wait for the console
   * to hear `start`.
   */
  | { type: 'accept'; offerId: string; signals?: Signal[] }
  | { type: 'decline'; offerId: string }
  /** Calls a visitor back: their widget rings, and the call starts once they accept. */
  | { type: 'call-back'; contactId: string }
  /** Closes a callback request without a call (the visitor left, or was reached another way). */
  | { type: 'callback-done'; contactId: string };

/** Who waits or talks: `customer` is there for a visitor the host site verified. */
export interface Caller { visitor: string; page: string; customer?: Customer }

export type TransferTarget = { queue: string } | { agent: string };

/** What the Switchboard sends to an agent's console. */
export type AgentServerMessage =
  /** `reason`: why the server set the agent Away (an offer rang out, or the console stayed disconnected too long). */
  | { type: 'presence'; status: AgentStatus; reason?: AwayReason }
  /**
   * A contact rings this agent; `transfer`: a colleague hands this conversation
   * on, with a note. `token` (not on a warm transfer) opens the conversation
   * socket while it rings; it hears nothing until assigned. `peer` (with
   * `token`): what `start` will most likely say, so the console can make its
   * peer connection and offer while it rings.
   */
  | { type: 'offer'; offerId: string; conversationId: string; media: ConversationMedia; caller: Caller; expiresAt: number; token?: string; peer?: PeerSettings; transfer?: { from: string; note: string } }
  /** What became of this agent's warm transfer; on `accepted` the conversation has moved on. */
  | { type: 'transfer-ended'; contactId: string; result: 'accepted' | 'declined' | 'missed' }
  | { type: 'offer-withdrawn'; offerId: string; reason: 'cancelled' | 'timeout' | 'taken' | 'reassigned' }
  | { type: 'assigned'; conversationId: string; token: string; media: ConversationMedia; caller: Caller }
  /** The call ended: the agent records it; no offers until `until` (ms since the epoch) or until they save. */
  /** `reasons`: the tenant's wrap-up reasons to choose from (none: no choice). */
  | { type: 'wrap-up'; contactId: string; until: number; reasons: string[] }
  /** Wrap-up is over (saved, or its time ran out): offers come again. */
  | { type: 'wrap-up-ended'; contactId: string; saved: boolean }
  | { type: 'whisper'; whisper: Whisper }
  /**
   * A supervisor listens in on this agent's call: the console sends the
   * visitor's and its own audio to them on a new peer connection (it offers).
   */
  | ({ type: 'monitor'; monitorId: string; contactId: string; supervisor: { name: string } } & MonitorConnection)
  | ({ type: 'monitor-signal'; monitorId: string } & Signal)
  | { type: 'monitor-ended'; monitorId: string }
  /** The callback requests this agent can take now (their queue is open, the agent has its skills); sent whenever the list changes. */
  | { type: 'callbacks'; callbacks: CallbackTask[] }
  /** The visitor this agent was calling back did not take the call. */
  | { type: 'callback-unanswered'; contactId: string; reason: CallbackUnanswered }
  | { type: 'error'; code: ErrorCode; message: string };

/** How a conversation's peer connection is made: this side's ICE servers, the relay policy, and the largest file it may carry. */
export interface PeerSettings { iceServers: IceServer[]; iceTransportPolicy: 'all' | 'relay'; maxFileBytes: number }

/** How a listening connection is made: each side's own ICE servers, under the tenant's relay policy. */
export interface MonitorConnection { iceServers: IceServer[]; iceTransportPolicy: 'all' | 'relay' }

/** The supervisor's live view of a tenant (times are ms since the epoch, on the server's clock `at`). */
export interface Board {
  at: number;
  queues: { id: string; name: string; waiting: number; longestWaitingSince: number | null; estimatedWaitSeconds: number | null }[];
  agents: {
    id: string;
    name: string;
    role: Role;
    status: 'offline' | AgentStatus;
    awayReason: AwayReason | null;
    statusSince: number | null;
    wrappingUp: boolean;
    contacts: { id: string; media: ConversationMedia; visitor: string; since: number }[];
  }[];
  waiting: { id: string; visitor: string; queue: string; media: ConversationMedia; since: number; ringing: string | null; reassignedTo: string | null }[];
  /** Live calls, with the recent quality of the agent side's latest summary (at most 10 s old) once one arrived; `heldSince` while on hold. */
  calls: { contactId: string; agentId: string; visitor: string; media: ConversationMedia; since: number; recentMos: number | null; recentLossPercent: number | null; heldSince: number | null }[];
}

/** What a supervisor's board socket sends. */
export type BoardClientMessage =
  | { type: 'whisper'; to: string; text: string }
  | { type: 'renew'; token: string }
  /** Offers a waiting contact to this agent alone (the ringing offer, if any, is withdrawn). */
  | { type: 'reassign'; contactId: string; agentId: string }
  /** Listen in on a live call, silently; the agent sees it. */
  | { type: 'monitor'; contactId: string }
  | ({ type: 'monitor-signal'; monitorId: string } & Signal)
  | { type: 'monitor-stop'; monitorId: string };

export type BoardServerMessage =
  | { type: 'board'; board: Board }
  | { type: 'whisper'; whisper: Whisper }
  | ({ type: 'monitor-started'; monitorId: string; contactId: string } & MonitorConnection)
  | ({ type: 'monitor-signal'; monitorId: string } & Signal)
  | { type: 'monitor-ended'; monitorId: string }
  | { type: 'error'; code: ErrorCode; message: string };

/** Why a callback did not connect: the visitor declined, let it ring out, or their page was closed. */
export type CallbackUnanswered = 'declined' | 'no-answer' | 'visitor-gone';

/** Why a call ended, as both sides are told. */
export type EndReason = 'hangup' | 'cancelled' | 'failed' | 'left' | 'declined' | 'missed' | 'transferred' | 'message' | 'callback-done';

export type Participant = 'visitor' | 'agent';

/** One chat message as both sides see it; `n` numbers the transcript 1, 2, 3…. */
export interface ChatMessage { n: number; id: string; from: Participant; text: string; at: number }

/**
 * What one side may ask of the other, who must consent first: to escalate the
 * conversation to `audio` or `video`, or (the agent only) to see the visitor's `screen`.
 */
export type RequestKind = Media | 'screen';
export const requestKinds = ['audio', 'video', 'screen'] as const;

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
  /** `id` is the sender's own, so a message re-sent after a reconnect is stored once. */
  | { type: 'chat'; id: string; text: string }
  /** This side has received (`delivered`) or seen (`read`) the other's messages up to transcript number `through`. */
  | { type: 'receipt'; kind: 'delivered' | 'read'; through: number }
  | { type: 'typing'; typing: boolean }
  /** Asks the other side to consent; `audio`/`video` below the current media (or `chat`) applies at once. */
  | { type: 'request'; kind: RequestKind | 'chat' }
  /** Answers the other side's pending request. */
  | { type: 'consent'; accept: boolean }
  /** Takes back this side's own pending request. */
  | { type: 'withdraw' }
  /** This side started (a stream id) or stopped (null) sharing its screen. */
  | { type: 'screen'; streamId: string | null }
  /** The visitor takes (or declines) the agent's call back. */
  | { type: 'callback-answer'; accept: boolean }
  /** The agent puts the call on hold (`on`), or takes it off. */
  | { type: 'hold'; on: boolean }
);

/** Server messages kept for a participant until they have seen them (`seq` increases by one per message). */
export type ConversationEventMessage =
  /** `estimatedWaitSeconds` is null when no agent who could answer is signed in (see docs/routing.md). */
  | { type: 'queued'; position: number; estimatedWaitSeconds: number | null }
  | { type: 'accepted'; agent: { name: string } }
  /** The conversation is being handed on to this queue or agent (by name). */
  | { type: 'transferred'; to: string }
  /** The visitor has waited past the queue's maximum wait: they keep their place and may leave a message or ask for a callback instead. */
  | { type: 'long-wait'; waitedSeconds: number }
  /** The visitor waits to be called back; their page must stay open for the call to reach them. */
  | { type: 'callback-waiting' }
  /** An agent is calling the visitor back: answer with `callback-answer`. */
  | { type: 'callback-ringing'; agent: { name: string } }
  /** Make a new peer connection (any earlier one is gone). */
  /** `recording`: the tenant records its calls, and the agent's console records this one's sound once it has any (the visitor is told). */
  /** `prepared` (to the agent): the signals sent with `accept` went to the other side right after this start, so the connection that made them is this call's. */
  | ({ type: 'start'; polite: boolean; recording: boolean; prepared?: true } & PeerSettings)
  | ({ type: 'signal' } & Signal)
  | { type: 'ended'; reason: EndReason; outcome: Outcome }
  | { type: 'chat'; message: ChatMessage }
  | { type: 'receipt'; participant: Participant; kind: 'delivered' | 'read'; through: number }
  /** A request waiting for consent (`by` asked), or its answer. */
  | { type: 'request'; kind: RequestKind; by: Participant }
  | { type: 'request-answered'; kind: RequestKind; by: Participant; accepted: boolean }
  /** `by` took their request back before it was answered. */
  | { type: 'request-withdrawn'; kind: RequestKind; by: Participant }
  /** What the conversation carries now; sides capture and send media to match. */
  | { type: 'media'; media: ConversationMedia }
  /** `participant` shares their screen as the stream `streamId`, or stopped (null). */
  | { type: 'screen'; participant: Participant; streamId: string | null }
  /**
   * The agent put the call on hold (`on`): neither side sends sound or
   * pictures until it is off again. `heldSeconds`: how long it has been on
   * hold, to a page that joins afresh (a reload) while it is.
   */
  | { type: 'hold'; on: boolean; heldSeconds?: number };

/** What the Conversation sends to a participant. */
export type ConversationServerMessage =
  | (ConversationEventMessage & { seq?: number })
  /** The client message with this `seq` has been handled. */
  | { type: 'ack'; seq: number }
  /** The other side is typing, or stopped; passed on as it happens and never kept. */
  | { type: 'typing'; participant: Participant; typing: boolean }
  /** `refusedSeq`: the `seq` of the client message it refuses, when it refuses one (`rate_limited`, `backlog_full`). */
  | { type: 'error'; code: ErrorCode; message: string; refusedSeq?: number };

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
    const type = oneOf(o.type, 'type', ['presence', 'renew', 'accept', 'decline', 'leave', 'wrap-up', 'whisper', 'transfer', 'monitor-signal', 'call-back', 'callback-done'] as const);
    if (type === 'renew') return parseRenew(o);
    if (type === 'monitor-signal') return { type, monitorId: string(o.monitorId, 'monitorId', limits.maxIdChars), ...parseSignal(o) };
    if (type === 'presence') return { type, status: oneOf(o.status, 'status', agentStatuses) };
    if (type === 'transfer') {
      const to = object(o.to, 'to');
      const target: TransferTarget = to.agent !== undefined ? { agent: string(to.agent, 'to.agent', limits.maxIdChars) } : { queue: string(to.queue, 'to.queue', limits.maxIdChars) };
      const warm = boolean(o.warm ?? false, 'warm');
      if (warm && !('agent' in target)) throw new Invalid('a warm transfer goes to an agent');
      return { type, contactId: string(o.contactId, 'contactId', limits.maxIdChars), to: target, warm, note: string(o.note ?? '', 'note', limits.maxNotesChars, 0) };
    }
    if (type === 'whisper') return parseWhisper(o);
    if (type === 'call-back' || type === 'callback-done') return { type, contactId: string(o.contactId, 'contactId', limits.maxIdChars) };
    if (type === 'leave') return { type };
    if (type === 'wrap-up') {
      return {
        type,
        contactId: string(o.contactId, 'contactId', limits.maxIdChars),
        disposition: oneOf(o.disposition, 'disposition', dispositions),
        notes: string(o.notes ?? '', 'notes', limits.maxNotesChars, 0),
        reason: nullableString(o.reason ?? null, 'reason', limits.maxNameChars),
      };
    }
    const offerId = string(o.offerId, 'offerId', limits.maxIdChars);
    if (type === 'accept' && o.signals !== undefined) return { type, offerId, signals: parsePreparedSignals(o.signals) };
    return { type, offerId };
  });
}

// An offer, then its candidates: what a console prepared while the call rang.
function parsePreparedSignals(value: unknown): Signal[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > limits.maxPreparedSignals) {
    throw new Invalid(`signals must be an offer and at most ${limits.maxPreparedSignals - 1} candidates`);
  }
  return value.map((item, index) => {
    const signal = parseSignal(object(item, `signals[${index}]`));
    const fits = index === 0 ? 'description' in signal && signal.description.type === 'offer' : 'candidate' in signal;
    if (!fits) throw new Invalid('signals must be an offer, then its candidates');
    return signal;
  });
}

/**
 * Validates a message from a supervisor's board.
 * @example parseBoardMessage('{"type":"reassign","contactId":"c1","agentId":"a2"}')
 */
export function parseBoardMessage(text: string): Parsed<BoardClientMessage> {
  return parseWith(text, (o) => {
    const type = oneOf(o.type, 'type', ['whisper', 'renew', 'reassign', 'monitor', 'monitor-signal', 'monitor-stop'] as const);
    if (type === 'whisper') return parseWhisper(o);
    if (type === 'renew') return parseRenew(o);
    if (type === 'monitor') return { type, contactId: string(o.contactId, 'contactId', limits.maxIdChars) };
    if (type === 'monitor-signal') return { type, monitorId: string(o.monitorId, 'monitorId', limits.maxIdChars), ...parseSignal(o) };
    if (type === 'monitor-stop') return { type, monitorId: string(o.monitorId, 'monitorId', limits.maxIdChars) };
    return { type, contactId: string(o.contactId, 'contactId', limits.maxIdChars), agentId: string(o.agentId, 'agentId', limits.maxIdChars) };
  });
}

function parseRenew(o: Record<string, unknown>): { type: 'renew'; token: string } {
  return { type: 'renew', token: string(o.token, 'token', limits.maxTokenChars) };
}

function parseWhisper(o: Record<string, unknown>): { type: 'whisper'; to: string; text: string } {
  return { type: 'whisper', to: string(o.to, 'to', limits.maxIdChars), text: chatText(o.text) };
}

/**
 * Validates a message from a conversation participant.
 * @example parseConversationMessage('{"type":"hangup","reason":"hangup"}')
 */
export function parseConversationMessage(text: string): Parsed<ConversationClientMessage> {
  return parseWith(text, (o): ConversationClientMessage => {
    const type = oneOf(o.type, 'type', ['signal', 'cancel', 'hangup', 'quality', 'chat', 'receipt', 'typing', 'request', 'consent', 'withdraw', 'screen', 'callback-answer', 'hold'] as const);
    const numbered = o.seq === undefined ? {} : { seq: nullableInteger(o.seq, 'seq', 1, Number.MAX_SAFE_INTEGER) ?? invalid('seq must be a number') };
    if (type === 'cancel' || type === 'withdraw') return { type, ...numbered };
    if (type === 'chat') return { type, id: string(o.id, 'id', limits.maxIdChars), text: chatText(o.text), ...numbered };
    if (type === 'receipt') {
      return { type, kind: oneOf(o.kind, 'kind', ['delivered', 'read'] as const), through: integer(o.through, 'through', 0, limits.maxChatMessages), ...numbered };
    }
    if (type === 'typing') return { type, typing: boolean(o.typing, 'typing'), ...numbered };
    if (type === 'request') return { type, kind: oneOf(o.kind, 'kind', [...requestKinds, 'chat'] as const), ...numbered };
    if (type === 'consent') return { type, accept: boolean(o.accept, 'accept'), ...numbered };
    if (type === 'screen') return { type, streamId: nullableString(o.streamId, 'streamId', limits.maxIdChars * 2), ...numbered };
    if (type === 'callback-answer') return { type, accept: boolean(o.accept, 'accept'), ...numbered };
    if (type === 'hold') return { type, on: boolean(o.on, 'on'), ...numbered };
    if (type === 'quality') return { type, summary: parseQualitySummary(o.summary), ...numbered };
    if (type === 'hangup') return { type, reason: oneOf(o.reason ?? 'hangup', 'reason', ['hangup', 'failed'] as const), ...numbered };
    return { type, ...parseSignal(o), ...numbered };
  });
}

// Whitespace-only text is no message; control characters other than new
// lines never reach the other side, nor do the bidirectional controls that
// could show a message's characters in another order than they were sent.
function chatText(value: unknown): string {
  const text = string(value, 'text', limits.maxChatChars)
    .replace(/\r\n?/g, '\n')
    .replace(strayInText, '');
  if (!text.trim()) throw new Invalid('text must not be empty');
  return text;
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
