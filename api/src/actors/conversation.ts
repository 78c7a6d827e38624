// One conversation: its two participants' sockets, the signaling relay
// between them, and where the call stands. A conversation can also wait for
// an agent to call the visitor back, and ring the visitor when one does.
import {
  conversationMediaKinds,
  limits,
  parseConversationMessage,
  recordingLimits,
  type ChatMessage,
  type ConversationClientMessage,
  type ConversationMedia,
  type ConversationEventMessage,
  type ConversationServerMessage,
  type EndReason,
  type Outcome,
  type Participant,
  type Recording,
  type RequestKind,
  type Signal,
} from '@beckon/protocol';
import { iceServersFor } from '../auth/turn.ts';
import { RateLimiter, waitInWords } from '../rate-limit/rate-limit.ts';
import { relayOnlySignal } from '../signaling/relay-only.ts';
import type { Storage } from '../storage/storage.ts';
import { CallRecordings, type PartResult } from './call-recordings.ts';
import { sendJson, sendText, type ActorContext, type ActorHost, type ActorSocket } from './host.ts';
import { SignalsInFlight } from './signals-in-flight.ts';

export interface ParticipantAttachment {
  participant: Participant;
  participantId: string;
  /** On a reconnect: the last message number this participant saw; absent on a fresh join. */
  since?: number;
}
type ParticipantSocket = ActorSocket<ParticipantAttachment>;

interface ConversationRow {
  id: string;
  tenant_id: string;
  visitor_id: string;
  media: ConversationMedia;
  /** `callback`: waiting to be called back; `ringing`: an agent is calling the visitor back. */
  state: 'queued' | 'callback' | 'ringing' | 'accepted' | 'ended';
  position: number | null;
  agent_id: string | null;
  agent_name: string | null;
  end_reason: EndReason | null;
  outcome: Outcome | null;
  leave_deadline: number | null;
  estimated_wait: number | null;
  call_started: 0 | 1;
  relay_only: 0 | 1;
  request_kind: RequestKind | null;
  request_by: Participant | null;
  waited_seconds: number | null;
  /** The agent has the call on hold. */
  held: 0 | 1;
  ended_at: number | null;
  /** The tenant recorded calls when this call started. */
  recording: 0 | 1;
}

interface ParticipantRow { participant: Participant; last_received: number; last_sent: number; delivered_through: number; read_through: number; screen: string | null }

/**
 * The last message number acted on from a participant, the last one sent to
 * them, and the one stored as sent: numbers up to it may be used without a
 * write, since a restarted host numbers on after it.
 */
interface MessageNumbers { received: number; sent: number; reserved: number }

// How many numbers a participant's signals in flight may use between two writes of the numbering.
const reservedNumbers = 1000;
// How much of a participant's signals in flight is held in memory: a call's
// signals are some tens of kilobytes; past this (a script sending signals
// without end), they are stored as if the participant were away.
const inFlightCharsHeld = 256 * 1024;

/** What the outbox keeps for a participant until they are back. */
interface Waiting { messages: number; chars: number }

/** Closes the older socket when the same participant joins afresh elsewhere (another tab). */
export const replacedCode = 4409;

/** How many reconnect grace periods a new call's visitor has to join it the first time. */
const firstJoinGraces = 4;

export class Conversation {
  #storage: Storage;
  #host: ActorHost<ParticipantAttachment>;
  #context: ActorContext;
  #undelivered: (() => void)[] | null = null;
  // The conversation's row and the participants' message numbers, read once
  // and kept: a relayed signal then needs no read. #update is the only writer
  // of the row; after a write that was undone both are read again (forget()).
  #memo: { row?: ConversationRow; numbers: Map<Participant, MessageNumbers>; waiting: Map<Participant, Waiting> } = { numbers: new Map(), waiting: new Map() };
  // Chat messages per participant lately: a script may not fill the transcript in a burst.
  #chatRate = new RateLimiter(limits.chatMessagesPerParticipant);
  #holdRate = new RateLimiter(limits.holdsPerCall);
  #recordings: CallRecordings;
  #inFlight = new SignalsInFlight();
  // Per participant, the question out to their sockets of what has reached them (#confirmInFlight).
  #confirming = new Map<Participant, object>();

  constructor(storage: Storage, host: ActorHost<ParticipantAttachment>, context: ActorContext) {
    this.#storage = storage;
    this.#recordings = new CallRecordings(storage);
    this.#host = host;
    this.#context = context;
  }

  /**
   * Starts the conversation of a new contact, waiting in the queue (or, with
   * `callback`, waiting to be called back). It notes the tenant's relay-only
   * policy as it stands now; the call reads it again when it starts.
   * @example await conversation.open({ id, tenantId: 'demo', visitorId, media: 'video' });
   */
  async open(conversation: { id: string; tenantId: string; visitorId: string; media: ConversationMedia; callback?: boolean }): Promise<void> {
    const relayOnly = await this.#context.actors.directory().relayOnly(conversation.tenantId);
    this.#update(
      'INSERT INTO conversation (id, tenant_id, visitor_id, media, state, relay_only, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      conversation.id, conversation.tenantId, conversation.visitorId, conversation.media,
      conversation.callback ? 'callback' : 'queued', relayOnly ? 1 : 0, this.#context.now(),
    );
    this.#log('opened', { media: conversation.media, relayOnly, callback: conversation.callback === true });
    // The visitor's page joins at once; one that never does counts as gone,
    // as if it had closed, so calls asked for and never joined (a script's,
    // by the hundred) do not wait in the queue for good. A few grace periods:
    // a page that was about to join when Beckon restarted still makes it.
    this.#setLeaveDeadline(this.#context.now() + firstJoinGraces * this.#context.reconnectGraceMs);
  }

  /**
   * The visitor has waited past the queue's maximum wait: they are told, and keep their place.
   * @example await conversation.longWait(300);
   */
  async longWait(waitedSeconds: number): Promise<void> {
    const row = this.#row();
    if (row?.state !== 'queued') return;
    this.#update('UPDATE conversation SET waited_seconds = ? WHERE id = ?', waitedSeconds, row.id);
    this.#send('visitor', { type: 'long-wait', waitedSeconds });
  }

  /**
   * The waiting visitor asked to be called back instead: they leave the queue
   * and wait for the call, which carries `media` (a waiting chat becomes a call).
   * @example await conversation.awaitCallback('audio');
   */
  async awaitCallback(media: ConversationMedia): Promise<void> {
    const row = this.#row();
    if (row?.state !== 'queued') return;
    this.#update("UPDATE conversation SET state = 'callback', position = NULL, media = ? WHERE id = ?", media, row.id);
    this.#log('callback', { media });
    this.#batch(() => {
      this.#send('visitor', { type: 'callback-waiting' });
      if (media !== row.media) this.#send('visitor', { type: 'media', media });
    });
  }

  /**
   * An agent calls the visitor back: their widget rings. False when the
   * visitor's page is not connected, so nothing can ring.
   * @example await conversation.ringVisitor('Ada') // true
   */
  async ringVisitor(agentName: string): Promise<boolean> {
    const row = this.#row();
    if (row?.state !== 'callback' || !this.#present('visitor')) return false;
    this.#update("UPDATE conversation SET state = 'ringing', agent_name = ? WHERE id = ?", agentName, row.id);
    this.#send('visitor', { type: 'callback-ringing', agent: { name: agentName } });
    return true;
  }

  /**
   * The call back rang out: the visitor waits for the next one.
   * @example await conversation.stopRinging();
   */
  async stopRinging(): Promise<void> {
    const row = this.#row();
    if (row?.state !== 'ringing') return;
    this.#update("UPDATE conversation SET state = 'callback', agent_name = NULL WHERE id = ?", row.id);
    this.#send('visitor', { type: 'callback-waiting' });
  }

  /**
   * Deletes everything the conversation keeps (its state, event log,
   * transcript, and what waited for either side), for an ended contact its
   * tenant deletes. A page that comes back later is refused as for a
   * conversation that never was.
   * @example await conversation.erase();
   */
  async erase(): Promise<void> {
    this.#batch(() => {
      for (const table of ['recording_parts', 'recordings', 'transcript', 'events', 'outbox', 'participants', 'conversation']) this.#storage.exec(`DELETE FROM ${table}`);
    });
    this.forget();
    this.#inFlight = new SignalsInFlight();
  }

  /**
   * The call's agent's console begins a recording of the call's sound; its
   * number, or why not: `not_recorded` (the tenant did not record calls when
   * the call started), `conflict` (no call with sound is under way, or it is another agent's).
   * @example await conversation.beginRecording(agentId) // 1
   */
  async beginRecording(agentId: string): Promise<number | 'not_recorded' | 'conflict' | 'too_many'> {
    const row = this.#row();
    if (row?.state !== 'accepted' || row.agent_id !== agentId || row.media === 'chat') return 'conflict';
    if (!row.recording) return 'not_recorded';
    const segment = this.#recordings.begin(agentId, this.#context.now());
    if (segment === 'too_many') return segment;
    this.#log('recording', { segment });
    return segment;
  }

  /**
   * A part of a recording the agent began, while the call is theirs or just
   * after it ended or they handed it on (what the console recorded up to
   * then); `conflict` later.
   * @example await conversation.addRecordingPart(agentId, 1, 0, bytes) // 'saved'
   */
  async addRecordingPart(agentId: string, segment: number, part: number, data: Uint8Array): Promise<PartResult | 'conflict'> {
    const row = this.#row();
    if (!row) return 'conflict';
    const theirs = row.state === 'accepted' && row.agent_id === agentId;
    const [transfer] = this.#storage.exec<{ at: number | null }>("SELECT MAX(at) AS at FROM events WHERE kind = 'transferred'");
    const left = Math.max(row.state === 'ended' ? (row.ended_at ?? 0) : 0, transfer?.at ?? 0);
    if (!theirs && this.#context.now() - left > recordingLimits.lateMs) return 'conflict';
    const result = this.#recordings.add(segment, agentId, part, data);
    // History shows the call as recorded once there is sound to play, not when a console merely began.
    if (result === 'saved' && part === 0) await this.#context.actors.switchboard(row.tenant_id).contactRecorded(row.id);
    return result;
  }

  /**
   * The call's recordings, and one recording's file (null when there is none).
   * @example (await conversation.recordings())[0]?.bytes // 48213
   */
  async recordings(): Promise<Recording[]> {
    return this.#recordings.list();
  }

  async recordingFile(segment: number): Promise<Uint8Array | null> {
    return this.#recordings.file(segment);
  }

  /**
   * Ends the conversation for a reason decided by the switchboard (the
   * visitor left a message instead, an agent closed the callback request, or
   * an admin removed the agent: `left`).
   * @example await conversation.end('message');
   */
  async end(reason: 'message' | 'callback-done' | 'left'): Promise<void> {
    await this.#end(reason, false);
  }

  /**
   * The switchboard tells the visitor their place in the queue and the wait it means.
   * @example await conversation.queued(2, 240);
   */
  async queued(position: number, estimatedWaitSeconds: number | null): Promise<void> {
    const row = this.#row();
    if (row?.state !== 'queued') return;
    this.#update('UPDATE conversation SET position = ?, estimated_wait = ? WHERE id = ?', position, estimatedWaitSeconds, row.id);
    this.#send('visitor', { type: 'queued', position, estimatedWaitSeconds });
  }

  /**
   * An agent accepted: tell the visitor, and start the call once both are here.
   * `prepared`: the offer the agent's console made while it rang, sent with
   * Accept; it goes to the visitor right after `start` if the call starts now.
   * @example await conversation.assign({ agentId, agentName: 'Ada' });
   */
  async assign(agent: { agentId: string; agentName: string; prepared?: Signal[] }): Promise<void> {
    const row = this.#row();
    if (row?.state !== 'queued' && row?.state !== 'ringing') return;
    this.#update(
      "UPDATE conversation SET state = 'accepted', agent_id = ?, agent_name = ? WHERE id = ?",
      agent.agentId, agent.agentName, row.id,
    );
    this.#log('accepted', { agentId: agent.agentId });
    this.#send('visitor', { type: 'accepted', agent: { name: agent.agentName } });
    // Sockets opened while it rang waited for this: the agent's own are brought up to date, anyone else's are refused.
    const waiting = this.#host.sockets().filter((socket) => socket.attachment.participant === 'agent');
    for (const socket of waiting) if (socket.attachment.participantId !== agent.agentId) socket.close(4403, 'not a participant');
    if (!waiting.some((socket) => socket.attachment.participantId === agent.agentId)) return this.#startIfBothJoined();
    // The call starts before the agent hears where things stand: a page
    // handles one socket's messages one at a time, each after the drawing
    // the one before caused, and the call's setup should wait on none of it.
    this.#batch(() => this.#startOver(this.#row()!, 'agent'));
    await this.#startIfBothJoined(agent.prepared);
    this.#batch(() => this.#whereThingsStand(this.#row()!, 'agent'));
  }

  /**
   * The agent hands the conversation on: to `next` at once (a warm transfer
   * they answered), or back to the queue (`null`). The agent who leaves is
   * told it ended for them; the visitor is told where it goes, and the call
   * starts again with whoever answers.
   * @example await conversation.handOver(null, 'Billing');
   */
  async handOver(next: { agentId: string; agentName: string } | null, to: string): Promise<void> {
    const row = this.#row();
    if (row?.state !== 'accepted') return;
    for (const socket of this.#host.sockets()) {
      if (socket.attachment.participant !== 'agent') continue;
      sendJson(socket, { type: 'ended', reason: 'transferred', outcome: 'completed' } satisfies ConversationServerMessage);
      socket.close(1000, 'transferred');
    }
    this.#batch(() => {
      this.#dropFromOutbox({ participant: 'agent' });
      this.#storage.exec("DELETE FROM participants WHERE participant = 'agent'");
      this.#restartNumbering('agent');
      this.#update(
        'UPDATE conversation SET state = ?, agent_id = ?, agent_name = ?, position = NULL, call_started = 0, request_kind = NULL, request_by = NULL, leave_deadline = NULL, held = 0 WHERE id = ?',
        next ? 'accepted' : 'queued', next?.agentId ?? null, next?.agentName ?? null, row.id,
      );
      this.#log('transferred', { to: next?.agentId ?? null });
      // The agent who held the call has gone; whoever answers next starts off hold.
      if (row.held) this.#send('visitor', { type: 'hold', on: false });
      this.#send('visitor', { type: 'transferred', to });
      if (next) this.#send('visitor', { type: 'accepted', agent: { name: next.agentName } });
    });
  }

  /**
   * A participant's socket opened: bring it up to date. A reconnect gets what
   * it missed, in order; a fresh join (a reload) gets where things stand and,
   * in a call, a new peer connection on both sides.
   * @example await conversation.socketOpened(socket);
   */
  async socketOpened(socket: ParticipantSocket): Promise<void> {
    const row = this.#row();
    const { participant, since } = socket.attachment;
    this.#confirming.delete(participant);
    // An agent whose console rings joins early, so a call starts as soon as they accept: the socket waits, hearing nothing, until `assign`.
    if (row?.state === 'queued' && participant === 'agent') return;
    if (!row || !isMember(row, socket.attachment)) return socket.close(4403, 'not a participant');
    if (row.state === 'ended') {
      sendJson(socket, { type: 'ended', reason: row.end_reason ?? 'hangup', outcome: row.outcome ?? 'completed' } satisfies ConversationServerMessage);
      return socket.close(1000, 'ended');
    }
    if (this.#present('visitor') && this.#present('agent')) this.#setLeaveDeadline(null);
    const waiting = row.state === 'queued' || row.state === 'callback' || row.state === 'ringing';
    if (waiting && participant === 'visitor') this.#setLeaveDeadline(null);
    if (since !== undefined) {
      this.#dropFromOutbox({ participant, through: since });
      const stored = this.#storage.exec<{ seq: number; message: string }>('SELECT seq, message FROM outbox WHERE participant = ? ORDER BY seq', participant);
      const missed = [...stored, ...this.#inFlight.of(participant).map(({ seq, text }) => ({ seq, message: text }))].sort((a, b) => a.seq - b.seq);
      for (const { seq, message } of missed) sendJson(socket, { ...(JSON.parse(message) as ConversationEventMessage), seq });
    } else {
      // A fresh page (a reload, another tab) takes over: the older one is told and stops.
      for (const older of this.#host.sockets()) {
        if (older !== socket && older.attachment.participant === participant) older.close(replacedCode, 'continued elsewhere');
      }
      this.#batch(() => this.#snapshot(row, participant));
    }
    // Back within reach of a call back (a page that reconnected, or came back after the grace period).
    if (participant === 'visitor' && row.state === 'callback') await this.#context.actors.switchboard(row.tenant_id).callbackReachable(row.id, true);
    await this.#startIfBothJoined();
  }

  /**
   * Relays a signal between two connected sides at once, as socketMessage
   * would, for a host that has no event of this conversation queued or
   * running: it takes no turn behind the others. False, having done
   * nothing, for anything else, which then takes its turn as a socket event.
   * @example if (!conversation.relaySignalNow(socket, text)) await conversation.socketMessage(socket, text);
   */
  relaySignalNow(socket: ParticipantSocket, text: string): boolean {
    const parsed = parseConversationMessage(text);
    if (!parsed.ok || parsed.message.type !== 'signal') return false;
    const row = this.#row();
    if (!row || !isMember(row, socket.attachment)) return false;
    // Past the bound, what is in flight is stored first, as a socket event.
    if (this.#inFlight.size(otherSide(socket.attachment.participant)).chars > inFlightCharsHeld) return false;
    return this.#relayAtOnce(socket, row, parsed.message);
  }

  /**
   * Handles one message from a participant.
   * @example await conversation.socketMessage(socket, '{"type":"hangup","reason":"hangup"}');
   */
  async socketMessage(socket: ParticipantSocket, text: string): Promise<void> {
    const parsed = parseConversationMessage(text);
    if (!parsed.ok) return sendJson(socket, { type: 'error', code: parsed.code, message: parsed.error } satisfies ConversationServerMessage);
    const message = parsed.message;
    const row = this.#row();
    if (!row || !isMember(row, socket.attachment)) return this.#refuse(socket, 'The conversation has not been handed to you yet.');
    if (message.type === 'typing') return this.#passOnTyping(socket, message.typing);
    // A signal for a participant who is here goes at once; anything else is
    // noted and kept in one commit, made before either side hears of it.
    if (message.type === 'signal' && this.#relayAtOnce(socket, row, message)) return;
    const fresh = this.#batch(() => {
      if (!this.#isNew(socket.attachment.participant, message.seq)) return false;
      // Refused, not dropped: it is acknowledged with an error, and what was kept before stays.
      if (this.#backlogged(row, socket.attachment.participant, message)) {
        this.#noteReceived(socket.attachment.participant, message.seq, false);
        this.#refuseBacklogged(socket, message.seq);
        return false;
      }
      const relayed = message.type === 'signal' && this.#relay(socket, row, message);
      this.#noteReceived(socket.attachment.participant, message.seq, relayed);
      if (message.type === 'chat') this.#chat(socket, message);
      if (message.type === 'receipt') this.#receipt(socket, message);
      if (message.type === 'screen') this.#screen(socket, message.streamId);
      return true;
    });
    if (message.seq !== undefined) sendJson(socket, { type: 'ack', seq: message.seq } satisfies ConversationServerMessage);
    if (fresh && (message.type === 'request' || message.type === 'consent' || message.type === 'withdraw')) await this.#negotiateRequest(socket, message);
    else if (fresh && (message.type === 'cancel' || message.type === 'hangup' || message.type === 'quality' || message.type === 'callback-answer')) await this.#handle(socket, message);
    else if (fresh && message.type === 'hold') await this.#hold(socket, message);
  }

  // Only the agent holds a call. Both sides stop sending sound and pictures
  // while it is on hold, each by itself, and the Switchboard times it.
  // Each hold and its end are kept and update the supervisors' Board, so a
  // script toggling it is held back; taking the call off hold never is.
  async #hold(socket: ParticipantSocket, { on, seq }: Extract<ConversationClientMessage, { type: 'hold' }>): Promise<void> {
    const row = this.#row()!;
    if (socket.attachment.participant !== 'agent') return this.#refuse(socket, 'Only the agent can put a call on hold.');
    if (row.state !== 'accepted' || row.media === 'chat') return this.#refuse(socket, 'There is no call to put on hold.');
    if ((row.held === 1) === on) return;
    const waitMs = on ? this.#holdRate.take('agent', this.#context.now()) : null;
    if (waitMs !== null) {
      const message = `You have put this call on hold too often in a short time. Please try again in ${waitInWords(waitMs)}.`;
      return sendJson(socket, { type: 'error', code: 'rate_limited', message, refusedSeq: seq } satisfies ConversationServerMessage);
    }
    await this.#setHeld(row, on);
  }

  async #setHeld(row: ConversationRow, on: boolean): Promise<void> {
    this.#update('UPDATE conversation SET held = ? WHERE id = ?', on ? 1 : 0, row.id);
    this.#log('hold', { on });
    await this.#context.actors.switchboard(row.tenant_id).holdChanged(row.id, on);
    this.#batch(() => {
      for (const side of bothSides) this.#send(side, { type: 'hold', on });
    });
  }

  // How long the call has been on hold, from when the hold it is on began: a reloaded console goes on counting.
  #heldSeconds(): number {
    const [since] = this.#storage.exec<{ at: number }>("SELECT at FROM events WHERE kind = 'hold' ORDER BY seq DESC LIMIT 1");
    return since ? Math.floor((this.#context.now() - since.at) / 1000) : 0;
  }

  #chat(socket: ParticipantSocket, message: Extract<ConversationClientMessage, { type: 'chat' }>): void {
    const row = this.#row()!;
    const from = socket.attachment.participant;
    if (row.state === 'ended') return this.#refuse(socket, 'The conversation has ended.');
    const [known] = this.#storage.exec<{ n: number }>('SELECT n FROM transcript WHERE sender = ? AND id = ?', from, message.id);
    if (known) return;
    if (this.#chatRate.take(from, this.#context.now()) !== null) {
      return sendJson(socket, { type: 'error', code: 'rate_limited', message: 'You are sending messages too quickly. Please wait a few seconds and send it again.', refusedSeq: message.seq } satisfies ConversationServerMessage);
    }
    const [{ count }] = this.#storage.exec<{ count: number }>('SELECT COUNT(*) AS count FROM transcript') as [{ count: number }];
    if (count >= limits.maxChatMessages) return this.#refuse(socket, 'This conversation has reached its message limit.');
    const chat: ChatMessage = { n: count + 1, id: message.id, from, text: message.text, at: this.#context.now() };
    this.#storage.exec('INSERT INTO transcript (n, id, sender, text, at) VALUES (?, ?, ?, ?, ?)', chat.n, chat.id, from, chat.text, chat.at);
    this.#send('visitor', { type: 'chat', message: chat });
    if (row.agent_id) this.#send('agent', { type: 'chat', message: chat });
  }

  #receipt(socket: ParticipantSocket, message: Extract<ConversationClientMessage, { type: 'receipt' }>): void {
    const { participant } = socket.attachment;
    const column = message.kind === 'read' ? 'read_through' : 'delivered_through';
    // Receipts only move forward: an older or repeated one is not passed on.
    if (this.#participant(participant)[column] >= message.through) return;
    this.#storage.exec(`UPDATE participants SET ${column} = ? WHERE participant = ?`, message.through, participant);
    this.#send(otherSide(participant), { type: 'receipt', participant, kind: message.kind, through: message.through });
  }

  #passOnTyping(socket: ParticipantSocket, typing: boolean): void {
    const { participant } = socket.attachment;
    if (this.#row()?.state !== 'accepted') return;
    for (const other of this.#host.sockets()) {
      if (other.attachment.participant !== participant) sendJson(other, { type: 'typing', participant, typing } satisfies ConversationServerMessage);
    }
  }

  #screen(socket: ParticipantSocket, streamId: string | null): void {
    const { participant } = socket.attachment;
    if (this.#row()!.state !== 'accepted') return this.#refuse(socket, 'The conversation has not started.');
    this.#participant(participant);
    this.#storage.exec('UPDATE participants SET screen = ? WHERE participant = ?', streamId, participant);
    this.#send(otherSide(participant), { type: 'screen', participant, streamId });
  }

  // Asking for more (audio, video, the visitor's screen) waits for the other
  // side's consent; stepping down (video to audio, a call back to chat) does not.
  async #negotiateRequest(socket: ParticipantSocket, message: Extract<ConversationClientMessage, { type: 'request' | 'consent' | 'withdraw' }>): Promise<void> {
    const row = this.#row()!;
    const { participant } = socket.attachment;
    if (row.state !== 'accepted') return this.#refuse(socket, 'The conversation has not started.');
    if (message.type === 'withdraw') {
      if (!row.request_kind || row.request_by !== participant) return this.#refuse(socket, 'You have no request waiting.');
      return this.#settleRequest(row, { type: 'request-withdrawn', kind: row.request_kind, by: participant });
    }
    if (message.type === 'consent') {
      if (!row.request_kind || row.request_by === participant) return this.#refuse(socket, 'There is nothing to answer.');
      const kind = row.request_kind;
      if (message.accept && (await this.#wouldBeSecondCall(row, kind))) {
        return this.#refuse(socket, 'You are in a call in another conversation; end it first, or decline.');
      }
      this.#settleRequest(row, { type: 'request-answered', kind, by: row.request_by!, accepted: message.accept });
      if (message.accept && kind !== 'screen') await this.#setMedia(row, kind);
      return;
    }
    const kind = message.kind;
    if (kind === 'screen' && participant !== 'agent') return this.#refuse(socket, 'Only the agent asks to see a screen.');
    if (kind === 'chat' || (kind !== 'screen' && rank(kind) <= rank(row.media))) return this.#setMedia(row, kind);
    if (row.request_kind) return this.#refuse(socket, 'A request is already waiting for an answer.');
    if (await this.#wouldBeSecondCall(row, kind)) {
      return this.#refuse(socket, participant === 'agent' ? 'You are in a call in another conversation; end it first.' : 'Your agent is in another call; ask again in a moment.');
    }
    this.#batch(() => {
      this.#update('UPDATE conversation SET request_kind = ?, request_by = ? WHERE id = ?', kind, participant, row.id);
      for (const side of ['visitor', 'agent'] as const) this.#send(side, { type: 'request', kind, by: participant });
    });
  }

  // One call at a time per agent: a chat may not become a call while its agent is in one elsewhere.
  async #wouldBeSecondCall(row: ConversationRow, kind: RequestKind): Promise<boolean> {
    return kind !== 'screen' && row.media === 'chat' && (await this.#context.actors.switchboard(row.tenant_id).agentOnAnotherCall(row.id));
  }

  // The request was answered or taken back: it is over, and both sides hear how.
  #settleRequest(row: ConversationRow, outcome: Extract<ConversationEventMessage, { type: 'request-answered' | 'request-withdrawn' }>): void {
    this.#batch(() => {
      this.#update('UPDATE conversation SET request_kind = NULL, request_by = NULL WHERE id = ?', row.id);
      for (const side of ['visitor', 'agent'] as const) this.#send(side, outcome);
    });
  }

  async #setMedia(row: ConversationRow, media: ConversationMedia): Promise<void> {
    if (media === row.media) return;
    // Back to chat ends the call, and with it a hold.
    if (media === 'chat' && row.held) await this.#setHeld(row, false);
    this.#update('UPDATE conversation SET media = ? WHERE id = ?', media, row.id);
    this.#log('media', { media });
    await this.#context.actors.switchboard(row.tenant_id).mediaChanged(row.id, media);
    this.#batch(() => {
      for (const side of ['visitor', 'agent'] as const) this.#send(side, { type: 'media', media });
    });
  }

  // Where things stand, for a page that starts from nothing; it numbers its messages from 1 again.
  #snapshot(row: ConversationRow, participant: Participant): void {
    this.#startOver(row, participant);
    this.#whereThingsStand(row, participant);
  }

  // A page that starts from nothing: what was kept for it goes, its messages are numbered from 1, and a call starts again.
  #startOver(row: ConversationRow, participant: Participant): void {
    this.#dropFromOutbox({ participant });
    this.#restartNumbering(participant);
    if (row.state === 'accepted') this.#update('UPDATE conversation SET call_started = 0 WHERE id = ?', row.id);
  }

  #whereThingsStand(row: ConversationRow, participant: Participant): void {
    if (participant === 'visitor' && row.state === 'queued' && row.position) {
      this.#send('visitor', { type: 'queued', position: row.position, estimatedWaitSeconds: row.estimated_wait });
    }
    if (participant === 'visitor' && row.state === 'queued' && row.waited_seconds) this.#send('visitor', { type: 'long-wait', waitedSeconds: row.waited_seconds });
    if (participant === 'visitor' && row.state === 'callback') this.#send('visitor', { type: 'callback-waiting' });
    if (participant === 'visitor' && row.state === 'ringing') this.#send('visitor', { type: 'callback-ringing', agent: { name: row.agent_name ?? '' } });
    if (participant === 'visitor' && row.state === 'accepted') this.#send('visitor', { type: 'accepted', agent: { name: row.agent_name ?? '' } });
    this.#send(participant, { type: 'media', media: row.media });
    if (row.held) this.#send(participant, { type: 'hold', on: true, heldSeconds: this.#heldSeconds() });
    for (const message of this.transcript()) this.#send(participant, { type: 'chat', message });
    for (const other of this.#storage.exec<ParticipantRow>('SELECT * FROM participants WHERE participant != ?', participant)) {
      if (other.delivered_through) this.#send(participant, { type: 'receipt', participant: other.participant, kind: 'delivered', through: other.delivered_through });
      if (other.read_through) this.#send(participant, { type: 'receipt', participant: other.participant, kind: 'read', through: other.read_through });
      if (other.screen) this.#send(participant, { type: 'screen', participant: other.participant, streamId: other.screen });
    }
    if (row.request_kind && row.request_by) this.#send(participant, { type: 'request', kind: row.request_kind, by: row.request_by });
  }

  /**
   * The chat so far, oldest first.
   * @example await conversation.transcript() // [{ n: 1, id: 'm1', from: 'visitor', text: 'Hello', at: 1700000000000 }]
   */
  transcript(): ChatMessage[] {
    return this.#storage
      .exec<{ n: number; id: string; sender: Participant; text: string; at: number }>('SELECT n, id, sender, text, at FROM transcript ORDER BY n')
      .map(({ sender, ...message }) => ({ ...message, from: sender }));
  }

  // False for a message re-sent after a reconnect: it is acknowledged again, never acted on twice.
  #isNew(participant: Participant, seq: number | undefined): boolean {
    return seq === undefined || seq > this.#numbers(participant).received;
  }

  // A relayed signal's outbox row keeps the number it came with; anything else has it written down.
  #noteReceived(participant: Participant, seq: number | undefined, kept: boolean): void {
    if (seq === undefined) return;
    if (!kept) this.#storage.exec('UPDATE participants SET last_received = ? WHERE participant = ?', seq, participant);
    this.#numbers(participant).received = seq;
  }

  // How far each side's messages are numbered. participants has the numbers
  // as of the last time outbox rows were dropped; the outbox the rest: its
  // own numbers, and the number of each message it relays (`relays`).
  #numbers(participant: Participant): MessageNumbers {
    let numbers = this.#memo.numbers.get(participant);
    if (numbers) return numbers;
    const stored = this.#participant(participant);
    const [kept] = this.#storage.exec<{ sent: number | null; received: number | null }>(
      'SELECT (SELECT MAX(seq) FROM outbox WHERE participant = ?) AS sent, (SELECT MAX(relays) FROM outbox WHERE participant = ?) AS received',
      participant, otherSide(participant),
    );
    // A failed commit makes the numbers be read again; signals in flight may have used some past what is stored.
    const inFlight = this.#inFlight.of(participant).at(-1)?.seq ?? 0;
    numbers = { received: Math.max(stored.last_received, kept?.received ?? 0), sent: Math.max(stored.last_sent, kept?.sent ?? 0, inFlight), reserved: stored.last_sent };
    this.#memo.numbers.set(participant, numbers);
    return numbers;
  }

  // What waits for one participant (or both), numbered up to `through`, or
  // only signals; in storage and in flight. The numbers the rows carry are
  // written down before the rows go.
  #dropFromOutbox(which: { participant?: Participant; through?: number; signals?: true } = {}): void {
    for (const participant of bothSides) {
      const numbers = this.#numbers(participant);
      numbers.reserved = Math.max(numbers.sent, numbers.reserved);
      this.#storage.exec('UPDATE participants SET last_received = ?, last_sent = ? WHERE participant = ?', numbers.received, numbers.reserved, participant);
      if (!which.participant || which.participant === participant) this.#inFlight.drop(participant, which.through);
    }
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (which.participant) (where.push('participant = ?'), params.push(which.participant));
    if (which.through !== undefined) (where.push('seq <= ?'), params.push(which.through));
    if (which.signals) where.push("json_extract(message, '$.type') = 'signal'");
    this.#storage.exec(`DELETE FROM outbox WHERE ${where.join(' AND ') || 'TRUE'}`, ...params);
    this.#memo.waiting.clear();
  }

  // What the outbox keeps for a participant: counted once, then kept up to date by #send.
  #waiting(participant: Participant): Waiting {
    let waiting = this.#memo.waiting.get(participant);
    if (waiting) return waiting;
    const [kept] = this.#storage.exec<Waiting>('SELECT COUNT(*) AS messages, COALESCE(SUM(LENGTH(message)), 0) AS chars FROM outbox WHERE participant = ?', participant);
    waiting = { messages: kept?.messages ?? 0, chars: kept?.chars ?? 0 };
    this.#memo.waiting.set(participant, waiting);
    return waiting;
  }

  // A participant whose page never takes what is kept for it (gone, or never
  // reconnecting) must not let the other side fill storage: past the cap,
  // messages that would be kept for them are refused until they are back.
  #backlogged(row: ConversationRow, sender: Participant, message: ConversationClientMessage): boolean {
    return keptFor(message.type, sender, row.agent_id !== null).some((receiver) => {
      const waiting = this.#waiting(receiver);
      const inFlight = this.#inFlight.size(receiver);
      return waiting.messages + inFlight.messages >= limits.maxWaitingMessages || waiting.chars + inFlight.chars >= limits.maxWaitingChars;
    });
  }

  // A page that starts from nothing (or a new agent) numbers its messages from 1 again.
  #restartNumbering(participant: Participant): void {
    this.#storage.exec('UPDATE participants SET last_received = 0 WHERE participant = ?', participant);
    this.#storage.exec('UPDATE outbox SET relays = NULL WHERE participant = ?', otherSide(participant));
    this.#inFlight.forgetSenderNumbers(otherSide(participant));
    this.#memo.numbers.delete(participant);
  }

  /**
   * A participant's socket closed. They may be reloading or changing
   * networks, so they get a grace period to come back before a waiting
   * visitor counts as cancelled, or a call as left.
   * @example await conversation.socketClosed(socket);
   */
  async socketClosed(socket: ParticipantSocket): Promise<void> {
    const row = this.#row();
    const { participant } = socket.attachment;
    this.#confirming.delete(participant);
    if (!row || row.state === 'ended' || this.#present(participant, socket)) return;
    this.#storeInFlight(participant);
    if (row.state === 'queued' && participant === 'agent') return;
    if (row.leave_deadline === null) this.#setLeaveDeadline(this.#context.now() + this.#context.reconnectGraceMs);
  }

  /**
   * The grace period ran out: whoever has not come back has left.
   * @example await conversation.alarm();
   */
  async alarm(): Promise<void> {
    const row = this.#row();
    if (!row || row.state === 'ended' || row.leave_deadline === null) return;
    if (row.leave_deadline > this.#context.now()) return this.#host.setAlarm(row.leave_deadline);
    this.#setLeaveDeadline(null);
    if (row.state === 'queued' && !this.#present('visitor')) await this.#end('cancelled', false);
    else if (row.state === 'accepted' && !(this.#present('visitor') && this.#present('agent'))) await this.#end('left', false);
    // A visitor waiting for a call back stays on the list, marked as gone: the agent may still write to them.
    else if ((row.state === 'callback' || row.state === 'ringing') && !this.#present('visitor')) {
      await this.#context.actors.switchboard(row.tenant_id).callbackReachable(row.id, false);
    }
  }

  // A numbered signal for a participant whose socket is open goes at once and
  // is kept in memory, not stored (signals-in-flight.ts): no write, no commit
  // to wait for. False when it takes the stored way, as anything for a
  // participant who is away does.
  #relayAtOnce(socket: ParticipantSocket, row: ConversationRow, message: Extract<ConversationClientMessage, { type: 'signal' }>): boolean {
    const from = socket.attachment.participant;
    const to = otherSide(from);
    const receivers = this.#host.sockets().filter((other) => other.attachment.participant === to);
    if (message.seq === undefined || row.state !== 'accepted' || !receivers.length) return false;
    // Past the bound, what is in flight is stored, and so is this signal, as for a participant who is away.
    if (this.#inFlight.size(to).chars > inFlightCharsHeld) return (this.#storeInFlight(to), false);
    if (this.#isNew(from, message.seq)) {
      const signal = 'description' in message ? { description: message.description } : { candidate: message.candidate };
      const relayed = row.relay_only ? relayOnlySignal(signal) : signal;
      if (this.#backlogged(row, from, message)) this.#refuseBacklogged(socket, message.seq);
      else if (relayed) {
        const numbers = this.#numbers(to);
        const seq = numbers.sent + 1;
        if (seq > numbers.reserved) this.#reserveNumbers(to, numbers);
        numbers.sent = seq;
        const text = JSON.stringify({ type: 'signal', ...relayed } satisfies ConversationEventMessage);
        this.#inFlight.add(to, { seq, text, relays: message.seq });
        // The kept text with its number, as `{ ...event, seq }` would be written: serialized once.
        const numbered = `${text.slice(0, -1)},"seq":${seq}}`;
        for (const receiver of receivers) sendText(receiver, numbered);
        this.#confirmInFlight(to, receivers);
      }
      this.#numbers(from).received = message.seq;
    }
    sendJson(socket, { type: 'ack', seq: message.seq } satisfies ConversationServerMessage);
    return true;
  }

  // Once a page has read what was sent to it so far (where the host can
  // tell), the signals in flight for it up to then are let go of. One
  // question at a time per participant; a socket that opens or closes
  // makes the next signal ask again.
  #confirmInFlight(participant: Participant, receivers: ParticipantSocket[]): void {
    if (this.#confirming.has(participant)) return;
    const question = {};
    this.#confirming.set(participant, question);
    const through = this.#numbers(participant).sent;
    const delivered = () => {
      if (this.#confirming.get(participant) !== question) return;
      this.#confirming.delete(participant);
      this.#inFlight.drop(participant, through);
    };
    for (const receiver of receivers) receiver.confirm?.(delivered);
  }

  // Numbers for signals in flight are stored ahead, a thousand at a time: a
  // restarted host numbers on after them, so no page sees a number twice.
  // What is sent meanwhile waits for this write, as for any other.
  #reserveNumbers(participant: Participant, numbers: MessageNumbers): void {
    numbers.reserved = numbers.sent + reservedNumbers;
    this.#storage.exec('UPDATE participants SET last_sent = ? WHERE participant = ?', numbers.reserved, participant);
  }

  // Signals in flight for a participant whose last socket closed (or too many of them) wait for them in storage.
  #storeInFlight(participant: Participant): void {
    const signals = this.#inFlight.drop(participant);
    if (!signals.length) return;
    this.#batch(() => {
      for (const { seq, text, relays } of signals) this.#storage.exec('INSERT INTO outbox (participant, seq, message, relays) VALUES (?, ?, ?, ?)', participant, seq, text, relays);
    });
    this.#memo.waiting.delete(participant);
  }

  #refuseBacklogged(socket: ParticipantSocket, seq: number | undefined): void {
    sendJson(socket, { type: 'error', code: 'backlog_full', message: 'Too much is waiting for the other side to receive; try again once they are back.', refusedSeq: seq } satisfies ConversationServerMessage);
  }

  // True when the signal went on to the other side.
  #relay(socket: ParticipantSocket, row: ConversationRow, message: Extract<ConversationClientMessage, { type: 'signal' }>): boolean {
    if (row.state !== 'accepted') return (this.#refuse(socket, 'The call has not started.'), false);
    const signal = 'description' in message ? { description: message.description } : { candidate: message.candidate };
    const relayed = row.relay_only ? relayOnlySignal(signal) : signal;
    if (relayed) this.#send(otherSide(socket.attachment.participant), { type: 'signal', ...relayed }, message.seq);
    return relayed !== null;
  }

  async #handle(socket: ParticipantSocket, message: Extract<ConversationClientMessage, { type: 'cancel' | 'hangup' | 'quality' | 'callback-answer' }>): Promise<void> {
    const row = this.#row()!;
    const { participant } = socket.attachment;
    if (message.type === 'cancel') {
      if (participant !== 'visitor' || (row.state !== 'queued' && row.state !== 'callback')) return this.#refuse(socket, 'Only a waiting visitor can cancel.');
      return this.#end('cancelled', false);
    }
    if (message.type === 'callback-answer') {
      if (participant !== 'visitor' || row.state !== 'ringing') return this.#refuse(socket, 'No call back is ringing.');
      const switchboard = this.#context.actors.switchboard(row.tenant_id);
      if (!(await switchboard.callbackAnswered(row.id, message.accept))) return this.#refuse(socket, 'The call back has stopped ringing.');
      if (!message.accept) return this.#end('declined', false);
      return;
    }
    if (message.type === 'quality') {
      if (row.state !== 'accepted') return this.#refuse(socket, 'The call has not started.');
      return this.#context.actors.switchboard(row.tenant_id).recordQuality(row.id, participant, message.summary);
    }
    if (row.state === 'accepted') return this.#end(message.reason, message.reason === 'failed');
    if (row.state !== 'ended') return this.#end('cancelled', false);
  }

  async #end(reason: EndReason, failed: boolean): Promise<void> {
    const row = this.#row();
    if (!row || row.state === 'ended') return;
    // Marked ended before any await, so a second hang-up in flight does nothing.
    this.#update("UPDATE conversation SET state = 'ended', ended_at = ?, end_reason = ? WHERE id = ?", this.#context.now(), reason, row.id);
    // What was kept for a page that reconnects is of no use once it has ended
    // (a reconnect hears `ended`), and its signals hold both sides' network
    // addresses: it goes, rather than stay in storage for good. The transcript stays.
    this.#dropFromOutbox();
    const outcome = (await this.#context.actors.switchboard(row.tenant_id).contactEnded(row.id, { failed })) ?? 'cancelled';
    this.#update('UPDATE conversation SET outcome = ? WHERE id = ?', outcome, row.id);
    this.#log('ended', { reason, outcome });
    for (const socket of this.#host.sockets()) {
      sendJson(socket, { type: 'ended', reason, outcome } satisfies ConversationServerMessage);
      socket.close(1000, 'ended');
    }
  }

  // `prepared`: signals the agent's console made ahead of this start (see assign).
  async #startIfBothJoined(prepared?: Signal[]): Promise<void> {
    const row = this.#row();
    if (row?.state !== 'accepted' || row.call_started || !this.#present('visitor') || !this.#present('agent')) return;
    this.#update('UPDATE conversation SET call_started = 1 WHERE id = ?', row.id);
    // Signals still waiting for either side belong to the peer connections this start replaces.
    this.#dropFromOutbox({ signals: true });
    const now = this.#context.now();
    const [visitorIce, agentIce, relayOnly] = await Promise.all([
      iceServersFor(this.#context.ice, row.visitor_id, now),
      iceServersFor(this.#context.ice, row.agent_id ?? '', now),
      this.#context.actors.directory().relayOnly(row.tenant_id),
    ]);
    // The tenant's relay-only policy as it stands when the call (re)starts:
    // one turned on while the visitor waited or chatted covers their call too.
    if (relayOnly !== (row.relay_only === 1)) this.#update('UPDATE conversation SET relay_only = ? WHERE id = ?', relayOnly ? 1 : 0, row.id);
    const iceTransportPolicy = relayOnly ? 'relay' : 'all';
    // Sent together once both credentials are minted, so no side hears the other's offer before its own start.
    // The visitor is polite: on glare it yields, so the agent's offer wins.
    // The tenant's file size limit as it stands when the call (re)starts.
    // And whether it records calls: a call that restarts (a reload) says it again, each time as the tenant has it then.
    const { maxFileBytes, recordCalls } = await this.#context.actors.switchboard(row.tenant_id).settings();
    if (recordCalls !== (row.recording === 1)) this.#update('UPDATE conversation SET recording = ? WHERE id = ?', recordCalls ? 1 : 0, row.id);
    this.#send('visitor', { type: 'start', polite: true, iceServers: visitorIce, iceTransportPolicy, maxFileBytes, recording: recordCalls });
    this.#send('agent', { type: 'start', polite: false, iceServers: agentIce, iceTransportPolicy, maxFileBytes, recording: recordCalls, ...(prepared && { prepared: true }) });
    // The agent's offer made while it rang goes on at once, as a relayed signal would.
    for (const signal of prepared ?? []) {
      const relayed = relayOnly ? relayOnlySignal(signal) : signal;
      if (relayed) this.#send('visitor', { type: 'signal', ...relayed });
    }
  }

  #present(participant: Participant, except?: ParticipantSocket): boolean {
    return this.#host.sockets().some((socket) => socket !== except && socket.attachment.participant === participant);
  }

  #setLeaveDeadline(at: number | null): void {
    this.#update('UPDATE conversation SET leave_deadline = ?', at);
    this.#host.setAlarm(at);
  }

  // The row is made the first time it is needed, not tried for each read.
  #participant(participant: Participant): ParticipantRow {
    const read = () => this.#storage.exec<ParticipantRow>('SELECT * FROM participants WHERE participant = ?', participant)[0];
    const row = read();
    if (row) return row;
    this.#storage.exec('INSERT INTO participants (participant) VALUES (?)', participant);
    return read()!;
  }

  #refuse(socket: ParticipantSocket, message: string): void {
    sendJson(socket, { type: 'error', code: 'conflict', message } satisfies ConversationServerMessage);
  }

  // Numbered and kept, so a participant who is reconnecting gets it when they
  // are back; a relayed message keeps the number the other side gave it.
  #send(participant: Participant, message: ConversationEventMessage, relays?: number): void {
    const numbers = this.#numbers(participant);
    const seq = numbers.sent + 1;
    const text = JSON.stringify(message);
    const waiting = this.#waiting(participant);
    this.#storage.exec('INSERT INTO outbox (participant, seq, message, relays) VALUES (?, ?, ?, ?)', participant, seq, text, relays ?? null);
    numbers.sent = seq;
    waiting.messages += 1;
    waiting.chars += text.length;
    const deliver = () => {
      for (const socket of this.#host.sockets()) {
        if (socket.attachment.participant === participant) sendJson(socket, { ...message, seq } satisfies ConversationServerMessage);
      }
    };
    if (this.#undelivered) this.#undelivered.push(deliver);
    else deliver();
  }

  // Work whose writes commit together; what it sends goes out only once they have.
  #batch<T>(work: () => T): T {
    if (this.#undelivered) return work();
    this.#undelivered = [];
    try {
      const result = this.#storage.transaction(work);
      for (const deliver of this.#undelivered) deliver();
      return result;
    } catch (error) {
      this.forget();
      throw error;
    } finally {
      this.#undelivered = null;
    }
  }


  #row(): ConversationRow | undefined {
    return (this.#memo.row ??= this.#storage.exec<ConversationRow>('SELECT * FROM conversation LIMIT 1')[0]);
  }

  #update(sql: string, ...params: (string | number | null)[]): void {
    this.#storage.exec(sql, ...params);
    this.#memo.row = undefined;
  }

  /**
   * Lets go of what it keeps of its storage, to read it again: for a host
   * whose writes were undone after the actor made them (a failed commit).
   * @example conversation.forget();
   */
  forget(): void {
    this.#memo = { numbers: new Map(), waiting: new Map() };
  }

  #log(kind: string, detail: Record<string, unknown>): void {
    this.#storage.exec('INSERT INTO events (at, kind, detail) VALUES (?, ?, ?)', this.#context.now(), kind, JSON.stringify(detail));
  }
}

function isMember(row: ConversationRow, { participant, participantId }: ParticipantAttachment): boolean {
  return participant === 'visitor' ? row.visitor_id === participantId : row.agent_id === participantId;
}

const bothSides: readonly Participant[] = ['visitor', 'agent'];
const visitorOnly: readonly Participant[] = ['visitor'];
const agentOnly: readonly Participant[] = ['agent'];
const nobody: readonly Participant[] = [];

// Who a client message of this type leaves something in the outbox for.
// Built from constants: it is asked for every signal relayed.
function keptFor(type: ConversationClientMessage['type'], sender: Participant, hasAgent: boolean): readonly Participant[] {
  switch (type) {
    case 'signal':
    case 'receipt':
    case 'screen':
      return sender === 'visitor' ? agentOnly : visitorOnly;
    case 'request':
    case 'consent':
    case 'withdraw':
    case 'hold':
      return bothSides;
    case 'chat':
      return hasAgent ? bothSides : visitorOnly;
    default:
      return nobody;
  }
}

function otherSide(participant: Participant): Participant {
  return participant === 'visitor' ? 'agent' : 'visitor';
}

function rank(media: ConversationMedia): number {
  return conversationMediaKinds.indexOf(media);
}
