// One conversation: its two participants' sockets, the signaling relay
// between them, and where the call stands.
import {
  parseConversationMessage,
  type ConversationClientMessage,
  type ConversationServerMessage,
  type EndReason,
  type Media,
  type Outcome,
} from '@beckon/protocol';
import type { Storage } from '../storage/storage.ts';
import { sendJson, type ActorContext, type ActorHost, type ActorSocket } from './host.ts';

export interface ParticipantAttachment { participant: 'visitor' | 'agent'; participantId: string }
type ParticipantSocket = ActorSocket<ParticipantAttachment>;

interface ConversationRow {
  id: string;
  tenant_id: string;
  visitor_id: string;
  media: Media;
  state: 'queued' | 'accepted' | 'ended';
  position: number | null;
  agent_id: string | null;
  agent_name: string | null;
  end_reason: EndReason | null;
  outcome: Outcome | null;
}

export class Conversation {
  #storage: Storage;
  #host: ActorHost<ParticipantAttachment>;
  #context: ActorContext;

  constructor(storage: Storage, host: ActorHost<ParticipantAttachment>, context: ActorContext) {
    this.#storage = storage;
    this.#host = host;
    this.#context = context;
  }

  /**
   * Starts the conversation of a new contact, waiting in the queue.
   * @example await conversation.open({ id, tenantId: 'demo', visitorId, media: 'video' });
   */
  async open(conversation: { id: string; tenantId: string; visitorId: string; media: Media }): Promise<void> {
    this.#storage.exec(
      "INSERT INTO conversation (id, tenant_id, visitor_id, media, state, created_at) VALUES (?, ?, ?, ?, 'queued', ?)",
      conversation.id, conversation.tenantId, conversation.visitorId, conversation.media, this.#context.now(),
    );
    this.#log('opened', { media: conversation.media });
  }

  /**
   * The switchboard tells the visitor their place in the queue.
   * @example await conversation.queued(2);
   */
  async queued(position: number): Promise<void> {
    const row = this.#row();
    if (row?.state !== 'queued') return;
    this.#storage.exec('UPDATE conversation SET position = ? WHERE id = ?', position, row.id);
    this.#send('visitor', { type: 'queued', position });
  }

  /**
   * An agent accepted: tell the visitor, and start the call once both are here.
   * @example await conversation.assign({ agentId, agentName: 'Ada' });
   */
  async assign(agent: { agentId: string; agentName: string }): Promise<void> {
    const row = this.#row();
    if (row?.state !== 'queued') return;
    this.#storage.exec(
      "UPDATE conversation SET state = 'accepted', agent_id = ?, agent_name = ? WHERE id = ?",
      agent.agentId, agent.agentName, row.id,
    );
    this.#log('accepted', { agentId: agent.agentId });
    this.#send('visitor', { type: 'accepted', agent: { name: agent.agentName } });
    this.#startIfBothJoined();
  }

  /**
   * A participant's socket opened: bring it up to date.
   * @example await conversation.socketOpened(socket);
   */
  async socketOpened(socket: ParticipantSocket): Promise<void> {
    const row = this.#row();
    const { participant, participantId } = socket.attachment;
    const member = row && (participant === 'visitor' ? row.visitor_id === participantId : row.agent_id === participantId);
    if (!row || !member) return socket.close(4403, 'not a participant');
    if (row.state === 'ended') {
      sendJson(socket, { type: 'ended', reason: row.end_reason ?? 'hangup', outcome: row.outcome ?? 'completed' } satisfies ConversationServerMessage);
      return socket.close(1000, 'ended');
    }
    if (participant === 'visitor') {
      if (row.state === 'queued' && row.position) sendJson(socket, { type: 'queued', position: row.position } satisfies ConversationServerMessage);
      if (row.state === 'accepted') sendJson(socket, { type: 'accepted', agent: { name: row.agent_name ?? '' } } satisfies ConversationServerMessage);
    }
    this.#startIfBothJoined();
  }

  /**
   * Handles one message from a participant.
   * @example await conversation.socketMessage(socket, '{"type":"hangup","reason":"hangup"}');
   */
  async socketMessage(socket: ParticipantSocket, text: string): Promise<void> {
    const parsed = parseConversationMessage(text);
    if (!parsed.ok) return sendJson(socket, { type: 'error', code: parsed.code, message: parsed.error } satisfies ConversationServerMessage);
    await this.#handle(socket, parsed.message);
  }

  /**
   * A participant's socket closed: a visitor who leaves ends the contact.
   * @example await conversation.socketClosed(socket);
   */
  async socketClosed(socket: ParticipantSocket): Promise<void> {
    const { participant } = socket.attachment;
    const stillHere = this.#host.sockets().some((other) => other !== socket && other.attachment.participant === participant);
    if (stillHere) return;
    const row = this.#row();
    if (row?.state === 'queued' && participant === 'visitor') await this.#end('cancelled', false);
    else if (row?.state === 'accepted') await this.#end('left', false);
  }

  async #handle(socket: ParticipantSocket, message: ConversationClientMessage): Promise<void> {
    const row = this.#row()!;
    const { participant } = socket.attachment;
    if (message.type === 'signal') {
      if (row.state !== 'accepted') return this.#refuse(socket, 'The call has not started.');
      return this.#send(participant === 'visitor' ? 'agent' : 'visitor', message);
    }
    if (message.type === 'cancel') {
      if (participant !== 'visitor' || row.state !== 'queued') return this.#refuse(socket, 'Only a waiting visitor can cancel.');
      return this.#end('cancelled', false);
    }
    if (message.type === 'quality') {
      if (row.state !== 'accepted') return this.#refuse(socket, 'The call has not started.');
      return this.#context.actors.switchboard(row.tenant_id).recordQuality(row.id, participant, message.summary);
    }
    if (row.state === 'queued') return this.#end('cancelled', false);
    if (row.state === 'accepted') return this.#end(message.reason, message.reason === 'failed');
  }

  async #end(reason: EndReason, failed: boolean): Promise<void> {
    const row = this.#row();
    if (!row || row.state === 'ended') return;
    // Marked ended before any await, so a second hang-up in flight does nothing.
    this.#storage.exec("UPDATE conversation SET state = 'ended', ended_at = ?, end_reason = ? WHERE id = ?", this.#context.now(), reason, row.id);
    const outcome = (await this.#context.actors.switchboard(row.tenant_id).contactEnded(row.id, { failed })) ?? 'cancelled';
    this.#storage.exec('UPDATE conversation SET outcome = ? WHERE id = ?', outcome, row.id);
    this.#log('ended', { reason, outcome });
    for (const socket of this.#host.sockets()) {
      sendJson(socket, { type: 'ended', reason, outcome } satisfies ConversationServerMessage);
      socket.close(1000, 'ended');
    }
  }

  #startIfBothJoined(): void {
    const row = this.#row();
    if (row?.state !== 'accepted') return;
    const sockets = this.#host.sockets();
    const visitor = sockets.filter((socket) => socket.attachment.participant === 'visitor');
    const agent = sockets.filter((socket) => socket.attachment.participant === 'agent');
    if (!visitor.length || !agent.length) return;
    const iceServers = this.#context.iceServers();
    // The visitor is polite: on glare it yields, so the agent's offer wins.
    for (const socket of visitor) sendJson(socket, { type: 'start', polite: true, iceServers, iceTransportPolicy: 'all' } satisfies ConversationServerMessage);
    for (const socket of agent) sendJson(socket, { type: 'start', polite: false, iceServers, iceTransportPolicy: 'all' } satisfies ConversationServerMessage);
  }

  #refuse(socket: ParticipantSocket, message: string): void {
    sendJson(socket, { type: 'error', code: 'conflict', message } satisfies ConversationServerMessage);
  }

  #send(participant: ParticipantAttachment['participant'], message: ConversationServerMessage): void {
    for (const socket of this.#host.sockets()) {
      if (socket.attachment.participant === participant) sendJson(socket, message);
    }
  }

  #row(): ConversationRow | undefined {
    return this.#storage.exec<ConversationRow>('SELECT * FROM conversation LIMIT 1')[0];
  }

  #log(kind: string, detail: Record<string, unknown>): void {
    this.#storage.exec('INSERT INTO events (at, kind, detail) VALUES (?, ?, ?)', this.#context.now(), kind, JSON.stringify(detail));
  }
}
