// One tenant's switchboard: agents and their presence, the queues with their
// business hours, ringing offers with their timeouts, callback requests, the
// contact history with its surveys and messages, the supervisor's board, the
// tenant's webhook deliveries, and what its admins manage (team, queues,
// settings).
import {
  agentRefusedCloseCode,
  boardRefusedCloseCode,
  conversationMediaKinds,
  defaultQueue,
  limits,
  maxContactsPage,
  parseAgentMessage,
  parseBoardMessage,
  parseBusinessHours,
  sessionExpiredCloseCode,
  watchesBoard,
  type AdminAgent,
  type AgentChange,
  type AgentClientMessage,
  type AgentInvite,
  type AgentProfile,
  type AgentServerMessage,
  type AwayReason,
  type Board,
  type BoardClientMessage,
  type BoardServerMessage,
  type CallbackTask,
  type CallbackUnanswered,
  type Caller,
  type Disposition,
  type CallSide,
  type ChatMessage,
  type Contact,
  type ContactsQuery,
  type ContactsResponse,
  type ConversationMedia,
  type Customer,
  type InviteDetails,
  type NewSavedReply,
  type NewVisitorBlock,
  type Outcome,
  type PeerSettings,
  type QualitySummary,
  type Queue,
  type QueueChange,
  type QueueHours,
  type QueueStatus,
  type Recording,
  type Report,
  type Role,
  type Signal,
  type SavedReply,
  type SettingsChange,
  type Survey,
  type TransferTargets,
  type VisitorBlock,
  type VisitorMessage,
  type WebhookDelivery,
  type Whisper,
} from '@beckon/protocol';
import { verifyNobodysPassword, verifyPassword } from '../auth/passwords.ts';
import { iceServersFor } from '../auth/turn.ts';
import { RateLimiter } from '../rate-limit/rate-limit.ts';
import { isOpen, nextChange, nextOpening } from '../routing/hours.ts';
import {
  averageHandleSeconds,
  canTake,
  contactOutcome,
  isFree,
  estimatedWaitSeconds,
  planOffers,
  queuePositions,
  type RoutingAgent,
  type UnansweredResult,
  type WaitingContact,
} from '../routing/routing.ts';
import type { SqlValue, Storage } from '../storage/storage.ts';
import { WebhookOutbox, type WebhookEndpoint } from '../webhooks/outbox.ts';
import { sendJson, type ActorContext, type ActorHost, type ActorSocket } from './host.ts';
import { RefreshTokens } from './refresh-tokens.ts';
import { SavedReplies } from './saved-replies.ts';
import { Team, type InviteHash, type TeamRefusal } from './team.ts';
import { TenantSettingsStore, type SwitchboardSettings } from './tenant-settings.ts';
import { VisitorBlocks } from './visitor-blocks.ts';

/**
 * A console's socket: an agent's presence socket, or a supervisor's board
 * (`board`), which takes no offers; `expiresAt` (ms since the epoch) is when
 * its access token stops letting it hear anything, unless renewed.
 */
export interface AgentAttachment { agentId: string; board?: boolean; expiresAt: number }
type AgentSocket = ActorSocket<AgentAttachment>;

interface AgentRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  status: 'offline' | 'available' | 'away';
  idle_since: number | null;
  busy_with: string | null;
  skills: string;
  capacity: number;
  disconnected_at: number | null;
  away_reason: AwayReason | null;
  wrap_up_contact: string | null;
  wrap_up_until: number | null;
  status_since: number | null;
  deactivated_at: number | null;
}

interface QueueRow { id: string; name: string; priority: number; skills: string; hours: string | null; max_wait_seconds: number | null }

/** What became of a queue an admin asked to delete. */
export type QueueDeletion = 'deleted' | 'not_found' | 'default' | 'waiting';
/** What became of a contact an admin deletes: `live` while it is not over, `wrapping-up` while its agent's wrap-up runs. */
export type ContactDeletion = 'deleted' | 'not_found' | 'live' | 'wrapping-up';

interface ContactRow {
  id: string;
  visitor_id: string;
  visitor_label: string;
  visitor_address: string | null;
  recorded: 0 | 1;
  /** The wrap-up reason the agent chose, as it was named then. */
  reason: string | null;
  customer_id: string | null;
  customer_name: string | null;
  customer_email: string | null;
  page: string;
  media: ConversationMedia;
  richest_media: ConversationMedia | null;
  /** `callback`: waiting for an agent to call the visitor back. */
  state: 'queued' | 'callback' | 'connected' | 'ended';
  position: number | null;
  agent_id: string | null;
  created_at: number;
  connected_at: number | null;
  ended_at: number | null;
  outcome: Outcome | null;
  last_offer_result: UnansweredResult;
  queue_id: string;
  estimated_wait: number | null;
  disposition: Disposition | null;
  notes: string | null;
  wrap_up_seconds: number | null;
  reassigned_to: string | null;
  transfer_from: string | null;
  transfer_note: string | null;
  long_wait_at: number | null;
  held_since: number | null;
  holds: number;
  hold_ms: number;
}

interface CallbackRow {
  contact_id: string;
  name: string;
  email: string | null;
  reachable: 0 | 1;
  agent_id: string | null;
  ringing_until: number | null;
}

interface QualityRow {
  contact_id: string;
  side: CallSide;
  samples: number;
  average_mos: number | null;
  worst_mos: number | null;
  average_loss_percent: number | null;
  worst_loss_percent: number | null;
  average_video_loss_percent: number | null;
  worst_video_loss_percent: number | null;
  recent_mos: number | null;
  recent_loss_percent: number | null;
  relay_used: number;
  peer_relay_used: number | null;
  reconnects: number;
}

/** What routing reads of a waiting contact. */
type WaitingRow = Pick<ContactRow, 'id' | 'created_at' | 'queue_id' | 'position' | 'estimated_wait' | 'media' | 'reassigned_to'>;

interface SurveyRow { contact_id: string; rating: number; comment: string | null }

/** What became of a survey: kept, or why not. */
export type SurveyResult = 'saved' | 'not_found' | 'not_ended' | 'already_submitted' | 'blocked';

/** What became of a message or a callback request: kept, or why not (the call it replaces is not the visitor's, or no longer waiting). */
export type ContactRequestResult = 'saved' | 'not_found' | 'not_waiting';

/**
 * A visitor's message or callback request. `replacesWaitingCall`: `contactId`
 * is the visitor's waiting call, which leaves the queue and becomes this
 * request (its page, media and queue stay); otherwise it is a new contact.
 */
export interface ContactRequest {
  contactId: string;
  replacesWaitingCall: boolean;
  visitorId: string;
  visitorLabel: string;
  /** Where the visitor came from, as blocks hold it; null (or left out) when the host does not know. */
  visitorAddress?: string | null;
  /** Who the host site verified the visitor as; null (or left out) for an anonymous visitor. */
  customer?: Customer | null;
  page: string;
  media: ConversationMedia;
  queueId: string;
}

interface OfferRow { id: string; contact_id: string; agent_id: string; expires_at: number }

interface MonitorRow { id: string; contact_id: string; supervisor_id: string; agent_id: string }

/** The agent a refresh token was spent for, and the family its successor joins. */
export interface RefreshedAgent { agent: AgentProfile; family: string }

export interface NewContact { id: string; visitorId: string; visitorLabel: string; visitorAddress?: string | null; customer?: Customer | null; page: string; media: ConversationMedia; queueId: string }

// How many of a queue's latest calls its average talk time is taken from.
const handleTimeWindow = 20;
// How far ahead the alarm looks for a queue opening or closing; past it, it wakes and looks again.
const hoursHorizonDays = 8;
const dayMs = 86_400_000;
// How many contacts past the tenant's time to keep them one alarm deletes.
const forgetBatch = 100;

export class Switchboard {
  #storage: Storage;
  #host: ActorHost<AgentAttachment>;
  #context: ActorContext;
  #tenantId: string;
  #webhooks: WebhookOutbox;
  #lastBoard = '';
  // The callback list each agent was last sent, so only changes go out.
  #callbacksSent = new Map<string, string>();
  #team: Team;
  #refreshTokens: RefreshTokens;
  #settings: TenantSettingsStore;
  #savedReplies: SavedReplies;
  #visitorBlocks: VisitorBlocks;
  // A search by text and a report read all the tenant's contacts, on Node on the
  // one event loop of every tenant: each agent may ask for a few a minute.
  #searches: RateLimiter;
  // The next page of each agent's last search by text, and its text: reading it on is not another search.
  #searchNext = new Map<string, { text: string; before: string }>();

  constructor(tenantId: string, storage: Storage, host: ActorHost<AgentAttachment>, context: ActorContext) {
    this.#tenantId = tenantId;
    this.#storage = storage;
    this.#host = host;
    this.#context = context;
    this.#webhooks = new WebhookOutbox(tenantId, storage, context.webhookRetry, context.now);
    this.#team = new Team(storage, context.now);
    this.#refreshTokens = new RefreshTokens(storage, context.now);
    this.#settings = new TenantSettingsStore(storage, context);
    this.#savedReplies = new SavedReplies(storage, context.now);
    this.#visitorBlocks = new VisitorBlocks(storage, context.now);
    this.#searches = new RateLimiter({ ...limits.searchesPerAgent, windowMs: context.searchWindowMs ?? limits.searchesPerAgent.windowMs });
  }

  /**
   * Adds an agent who can sign in (used by seeding and admin tools).
   * @example await switchboard.addAgent({ email: 'a@b.c', name: 'Ada', role: 'agent', passwordHash });
   */
  async addAgent(agent: { email: string; name: string; role: Role; passwordHash: string }): Promise<string> {
    const id = crypto.randomUUID();
    this.#storage.exec(
      'INSERT INTO agents (id, email, name, role, password_hash) VALUES (?, ?, ?, ?, ?)',
      id, agent.email, agent.name, agent.role, agent.passwordHash,
    );
    return id;
  }

  /**
   * Replaces an agent's password hash; false when no agent has that email.
   * @example await switchboard.setAgentPassword('a@b.c', passwordHash);
   */
  async setAgentPassword(email: string, passwordHash: string): Promise<boolean> {
    this.#storage.exec('UPDATE agents SET password_hash = ? WHERE email = ?', passwordHash, email);
    return this.#storage.exec('SELECT id FROM agents WHERE email = ?', email).length > 0;
  }

  /**
   * The agent's profile when the password is right, otherwise null (the
   * directory holds back sign-ins after too many wrong passwords).
   * @example await switchboard.verifyAgent('agent@demo.test', 'secret')
   */
  async verifyAgent(email: string, password: string): Promise<AgentProfile | null> {
    const [agent] = this.#storage.exec<AgentRow>('SELECT * FROM agents WHERE email = ? AND deactivated_at IS NULL', email);
    if (agent && (await verifyPassword(password, agent.password_hash))) return profile(agent);
    if (!agent) await verifyNobodysPassword(password);
    return null;
  }

  /**
   * Remembers a refresh token (by its hash) for an agent, in the family of
   * the sign-in it descends from.
   * @example await switchboard.saveRefreshToken(agentId, await sha256(token), Date.now() + 86_400_000, family);
   */
  async saveRefreshToken(agentId: string, tokenHash: string, expiresAt: number, family: string): Promise<void> {
    this.#refreshTokens.save(agentId, tokenHash, expiresAt, family);
  }

  /**
   * Spends a refresh token for an agent who is still on the team (see refresh-tokens.ts for when a spent one ends its family).
   * @example await switchboard.useRefreshToken(hash) // { agent, family } or null
   */
  async useRefreshToken(tokenHash: string): Promise<RefreshedAgent | null> {
    const spent = this.#refreshTokens.spend(tokenHash);
    const agent = spent && this.#agent(spent.agentId);
    return agent && agent.deactivated_at === null ? { agent: profile(agent), family: spent.family } : null;
  }

  /**
   * Ends the session a refresh token belongs to (signing out): every token of
   * its family stops working, spent or not. An unknown token ends nothing.
   * @example await switchboard.endRefreshTokenFamily(hash);
   */
  async endRefreshTokenFamily(tokenHash: string): Promise<void> {
    this.#refreshTokens.endFamily(tokenHash);
  }

  /**
   * Puts a new contact in the queue and routes; returns its queue position.
   * @example await switchboard.enqueue({ id, visitorId, visitorLabel: 'Visitor 4F2A', page, media: 'video' }) // 1
   */
  async enqueue(contact: NewContact): Promise<number> {
    this.#storage.exec(
      `INSERT INTO contacts (id, visitor_id, visitor_label, visitor_address, page, media, richest_media, state, created_at, queue_id, customer_id, customer_name, customer_email)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
      contact.id, contact.visitorId, contact.visitorLabel, contact.visitorAddress ?? null, contact.page, contact.media, contact.media, this.#context.now(), contact.queueId,
      ...customerColumns(contact.customer),
    );
    this.#tellCreated(this.#contact(contact.id)!);
    await this.#route();
    return this.#contact(contact.id)?.position ?? 1;
  }

  /**
   * Whether a queue takes calls now and, if not, when it opens next; null for a queue the tenant does not have.
   * @example await switchboard.queueStatus('support') // { queue: 'support', open: true, nextOpening: 1767682800000 }
   */
  async queueStatus(queueId: string): Promise<QueueStatus | null> {
    const queue = this.#queue(queueId);
    if (!queue) return null;
    const now = this.#context.now();
    const hours = queueHours(queue).hours;
    return { queue: queueId, open: isOpen(hours, now), nextOpening: nextOpening(hours, now) };
  }

  /**
   * A queue's business hours and maximum wait; null for a queue the tenant does not have.
   * @example await switchboard.queueHours('support') // { hours: null, maxWaitSeconds: null }
   */
  async queueHours(queueId: string): Promise<QueueHours | null> {
    const queue = this.#queue(queueId);
    return queue ? queueHours(queue) : null;
  }

  /**
   * Sets a queue's business hours (null: around the clock) and maximum wait (null: none); false for a queue the tenant does not have.
   * @example await switchboard.setQueueHours('support', { hours: null, maxWaitSeconds: 300 }) // true
   */
  async setQueueHours(queueId: string, settings: QueueHours): Promise<boolean> {
    const [row] = this.#storage.exec<{ id: string }>(
      'UPDATE queues SET hours = ?, max_wait_seconds = ? WHERE id = ? RETURNING id',
      settings.hours && JSON.stringify(settings.hours), settings.maxWaitSeconds, queueId,
    );
    if (!row) return false;
    this.#tellCallbacks();
    await this.alarm();
    return true;
  }

  /**
   * Creates or updates a queue (used by seeding and admin tools).
   * @example await switchboard.saveQueue({ id: 'billing', name: 'Billing', priority: 0, skills: ['billing'] });
   */
  async saveQueue(queue: Queue): Promise<void> {
    this.#storage.exec(
      `INSERT INTO queues (id, name, priority, skills) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, priority = excluded.priority, skills = excluded.skills`,
      queue.id, queue.name, queue.priority, JSON.stringify(queue.skills),
    );
    await this.#route();
  }

  /**
   * Sets what an agent can take: skills and how many calls at once; false when no agent has that email.
   * @example await switchboard.setAgentRouting('a@b.c', { skills: ['es'], capacity: 1 });
   */
  async setAgentRouting(email: string, routing: { skills: string[]; capacity: number }): Promise<boolean> {
    const [row] = this.#storage.exec<{ id: string }>('UPDATE agents SET skills = ?, capacity = ? WHERE email = ? RETURNING id', JSON.stringify(routing.skills), routing.capacity, email);
    if (!row) return false;
    this.#tellCallbacks();
    await this.#route();
    return true;
  }

  /**
   * Ends a contact (hang-up, cancel, visitor gone) and returns the outcome recorded.
   * @example await switchboard.contactEnded(conversationId, { failed: false }) // 'completed'
   */
  async contactEnded(contactId: string, how: { failed: boolean }): Promise<Outcome | null> {
    const contact = this.#contact(contactId);
    if (!contact) return null;
    if (contact.state === 'ended') return contact.outcome;
    const outcome = contactOutcome({
      connected: contact.connected_at !== null,
      failed: how.failed,
      lastOfferResult: contact.last_offer_result,
    });
    const withdrawn = this.#storage.transaction(() => {
      const offers = this.#storage.exec<OfferRow>('SELECT * FROM offers WHERE contact_id = ?', contactId);
      this.#storage.exec('DELETE FROM offers WHERE contact_id = ?', contactId);
      this.#endHold(contactId);
      this.#storage.exec(
        "UPDATE contacts SET state = 'ended', ended_at = ?, outcome = ?, position = NULL WHERE id = ?",
        this.#context.now(), outcome, contactId,
      );
      if (contact.agent_id) {
        this.#storage.exec('UPDATE agents SET busy_with = NULL, idle_since = ? WHERE id = ? AND busy_with = ?', this.#context.now(), contact.agent_id, contactId);
      }
      return offers;
    });
    this.#endMonitors('contact_id = ?', contactId);
    this.#tellEnded(contactId);
    for (const offer of withdrawn) this.#sendToAgent(offer.agent_id, { type: 'offer-withdrawn', offerId: offer.id, reason: 'cancelled' });
    if (contact.state === 'connected' && contact.agent_id) this.#startWrapUp(contact.agent_id, contactId);
    if (contact.state === 'callback') {
      this.#callbackOver(contactId, 'visitor-gone');
      this.#tellCallbacks();
    }
    await this.#route();
    return outcome;
  }

  /**
   * The chat of one of this tenant's contacts, or null when the tenant has no such contact.
   * @example await switchboard.transcript(contactId) // [{ n: 1, id: 'm1', from: 'visitor', text: 'Hello', at: 1700000000000 }]
   */
  async transcript(contactId: string): Promise<ChatMessage[] | null> {
    if (!this.#contact(contactId)) return null;
    return this.#context.actors.conversation(contactId).transcript();
  }

  /**
   * Marks a contact as recorded, for History: its conversation began its first recording.
   * @example await switchboard.contactRecorded(contactId);
   */
  async contactRecorded(contactId: string): Promise<void> {
    this.#storage.exec('UPDATE contacts SET recorded = 1 WHERE id = ?', contactId);
  }

  /**
   * The recordings of one of this tenant's contacts, and one recording's file; null when the tenant has no such contact (or recording).
   * @example (await switchboard.contactRecordings(contactId))?.[0]?.segment // 1
   */
  async contactRecordings(contactId: string): Promise<Recording[] | null> {
    if (!this.#contact(contactId)) return null;
    return this.#context.actors.conversation(contactId).recordings();
  }

  async contactRecordingFile(contactId: string, segment: number): Promise<Uint8Array | null> {
    if (!this.#contact(contactId)) return null;
    return this.#context.actors.conversation(contactId).recordingFile(segment);
  }

  /**
   * Deletes an ended contact and everything kept of it, as a visitor may ask
   * of a tenant: its record with the wrap-up, survey, quality, left message
   * or call-back request, the webhook deliveries that tell of it, and the
   * conversation with its transcript. The tenant's systems are told
   * (`contact.deleted`), so that they can delete their copies.
   * @example await switchboard.deleteContact(contactId) // 'deleted'
   */
  async deleteContact(contactId: string): Promise<ContactDeletion> {
    const contact = this.#contact(contactId);
    if (!contact) return 'not_found';
    if (contact.state !== 'ended') return 'live';
    if (this.#storage.exec('SELECT 1 FROM agents WHERE wrap_up_contact = ?', contactId).length) return 'wrapping-up';
    await this.#erase(contactId);
    this.#arm();
    return 'deleted';
  }

  // Deletes a contact and all that is kept of it, and tells the tenant's systems.
  async #erase(contactId: string): Promise<void> {
    await this.#context.actors.conversation(contactId).erase();
    this.#storage.transaction(() => {
      for (const table of ['contact_quality', 'contact_surveys', 'contact_messages', 'callbacks', 'declines', 'offers', 'monitors']) {
        this.#storage.exec(`DELETE FROM ${table} WHERE contact_id = ?`, contactId);
      }
      this.#storage.exec(
        "DELETE FROM webhook_deliveries WHERE json_extract(body, '$.data.contact.id') = ? OR json_extract(body, '$.data.contactId') = ?",
        contactId, contactId,
      );
      this.#storage.exec('DELETE FROM contacts WHERE id = ?', contactId);
      this.#visitorBlocks.contactDeleted(contactId);
      this.#webhooks.queue('contact.deleted', { contactId });
    });
  }

  // Contacts ended longer ago than the tenant keeps them go, oldest first, a
  // batch per alarm; the next alarm comes at once while more are due.
  async #forgetOldContacts(now: number): Promise<void> {
    const days = this.#settings.get().keepContactsDays;
    if (days === null) return;
    const due = this.#storage.exec<{ id: string }>(
      "SELECT id FROM contacts WHERE state = 'ended' AND ended_at <= ? ORDER BY ended_at LIMIT ?",
      now - days * dayMs, forgetBatch,
    );
    for (const { id } of due) await this.#erase(id);
  }

  // When the oldest ended contact is due to go, if the tenant keeps contacts for a time.
  #nextContactDue(): number | null {
    const days = this.#settings.get().keepContactsDays;
    if (days === null) return null;
    const [oldest] = this.#storage.exec<{ ended_at: number | null }>("SELECT MIN(ended_at) AS ended_at FROM contacts WHERE state = 'ended'");
    return oldest?.ended_at == null ? null : oldest.ended_at + days * dayMs;
  }

  /**
   * Where an agent can hand a conversation on: the tenant's queues, and the
   * other agents with their status (offline when their console is closed).
   * @example (await switchboard.transferTargets(agentId)).queues[0] // { id: 'support', name: 'Support' }
   */
  async transferTargets(agentId: string): Promise<TransferTargets> {
    const consoles = new Set(this.#consoles().map((socket) => socket.attachment.agentId));
    return {
      queues: this.#storage.exec<{ id: string; name: string }>('SELECT id, name FROM queues ORDER BY name'),
      agents: this.#storage
        .exec<AgentRow>('SELECT * FROM agents WHERE deactivated_at IS NULL AND id != ? ORDER BY name', agentId)
        .map((agent) => ({ id: agent.id, name: agent.name, status: consoles.has(agent.id) ? agent.status : 'offline' })),
    };
  }

  /**
   * The conversation escalated (or stepped down): routing counts the agent's
   * calls by what it carries now, History shows the richest it reached.
   * @example await switchboard.mediaChanged(conversationId, 'video');
   */
  async mediaChanged(contactId: string, media: ConversationMedia): Promise<void> {
    const contact = this.#contact(contactId);
    if (!contact || contact.state === 'ended') return;
    this.#setMedia(contact, media);
    await this.#route();
  }

  /**
   * The agent of a live call put it on hold (`on`) or took it off: timed for
   * History and shown on the Board.
   * @example await switchboard.holdChanged(conversationId, true);
   */
  async holdChanged(contactId: string, on: boolean): Promise<void> {
    const contact = this.#contact(contactId);
    if (contact?.state !== 'connected') return;
    if (!on) this.#endHold(contactId);
    else if (contact.held_since === null) this.#storage.exec('UPDATE contacts SET held_since = ?, holds = holds + 1 WHERE id = ?', this.#context.now(), contactId);
    this.#pushBoard();
  }

  // A hold that is on ends now (the call ended or went to another agent): its time counts.
  #endHold(contactId: string): void {
    this.#storage.exec('UPDATE contacts SET hold_ms = hold_ms + (? - held_since), held_since = NULL WHERE id = ? AND held_since IS NOT NULL', this.#context.now(), contactId);
  }

  /**
   * Whether the agent of a contact is in a call in another conversation: a
   * chat of theirs may not become a second call.
   * @example await switchboard.agentOnAnotherCall(conversationId) // false
   */
  async agentOnAnotherCall(contactId: string): Promise<boolean> {
    const agentId = this.#contact(contactId)?.agent_id;
    if (!agentId) return false;
    return this.#storage.exec("SELECT 1 FROM contacts WHERE agent_id = ? AND state = 'connected' AND media != 'chat' AND id != ? LIMIT 1", agentId, contactId).length > 0;
  }

  // What a contact carries now, and the richest it reached for History.
  #setMedia(contact: ContactRow, media: ConversationMedia): void {
    const richest = conversationMediaKinds.indexOf(media) > conversationMediaKinds.indexOf(contact.richest_media ?? contact.media) ? media : contact.richest_media;
    this.#storage.exec('UPDATE contacts SET media = ?, richest_media = ? WHERE id = ?', media, richest, contact.id);
  }

  /**
   * Keeps a visitor's message as a contact of its own, or in place of their
   * waiting call, which leaves the queue.
   * @example await switchboard.leaveMessage(request, { name: 'Ada', email: 'ada@example.com', text: 'Please call me.' }) // 'saved'
   */
  async leaveMessage(request: ContactRequest, message: VisitorMessage): Promise<ContactRequestResult> {
    const refused = this.#takeRequest(request, 'message', () =>
      this.#storage.exec('INSERT INTO contact_messages (contact_id, name, email, text) VALUES (?, ?, ?, ?)', request.contactId, message.name, message.email, message.text));
    if (refused) return refused;
    this.#tellEnded(request.contactId);
    if (request.replacesWaitingCall) await this.#context.actors.conversation(request.contactId).end('message');
    await this.#route();
    return 'saved';
  }

  /**
   * Keeps a visitor's request to be called back, as a new contact or in place
   * of their waiting call, which leaves the queue. It shows in the Callbacks
   * list of agents with the queue's skills while the queue is open.
   * @example await switchboard.requestCallback(request, { name: 'Ada', email: null }) // 'saved'
   */
  async requestCallback(request: ContactRequest, callback: { name: string; email: string | null }): Promise<ContactRequestResult> {
    const refused = this.#takeRequest(request, 'callback', () =>
      this.#storage.exec('INSERT INTO callbacks (contact_id, name, email) VALUES (?, ?, ?)', request.contactId, callback.name, callback.email));
    if (refused) return refused;
    if (request.replacesWaitingCall) await this.#context.actors.conversation(request.contactId).awaitCallback(request.media);
    this.#tellCallbacks();
    await this.#route();
    return 'saved';
  }

  // Makes a new contact for the request, or turns the visitor's waiting call
  // into it (withdrawing its offers), and keeps what the visitor wrote; says
  // why not when it cannot. A message is over at once; a callback waits.
  #takeRequest(request: ContactRequest, kind: 'message' | 'callback', keep: () => void): ContactRequestResult | null {
    const now = this.#context.now();
    const [state, endedAt, outcome] = kind === 'message' ? ['ended', now, 'message'] : ['callback', null, null];
    if (!request.replacesWaitingCall) {
      this.#storage.transaction(() => {
        this.#storage.exec(
          `INSERT INTO contacts (id, visitor_id, visitor_label, visitor_address, page, media, state, created_at, ended_at, outcome, queue_id, customer_id, customer_name, customer_email)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          request.contactId, request.visitorId, request.visitorLabel, request.visitorAddress ?? null, request.page, request.media, state, now, endedAt, outcome, request.queueId,
          ...customerColumns(request.customer),
        );
        keep();
      });
      this.#tellCreated(this.#contact(request.contactId)!);
      return null;
    }
    const contact = this.#contact(request.contactId);
    if (contact?.visitor_id !== request.visitorId) return 'not_found';
    if (contact.state !== 'queued') return 'not_waiting';
    const withdrawn = this.#storage.transaction(() => {
      const offers = this.#storage.exec<OfferRow>('DELETE FROM offers WHERE contact_id = ? RETURNING *', request.contactId);
      this.#storage.exec('UPDATE contacts SET state = ?, ended_at = ?, outcome = ?, position = NULL WHERE id = ?', state, endedAt, outcome, request.contactId);
      // A waiting chat that becomes a callback is called back as the call the visitor asked for.
      if (kind === 'callback') this.#setMedia(contact, request.media);
      keep();
      return offers;
    });
    for (const offer of withdrawn) this.#sendToAgent(offer.agent_id, { type: 'offer-withdrawn', offerId: offer.id, reason: 'cancelled' });
    return null;
  }

  /**
   * Whether the visitor who asked for a callback can be reached: their page is
   * open (true), or was closed past the grace period (false).
   * @example await switchboard.callbackReachable(conversationId, false);
   */
  async callbackReachable(contactId: string, reachable: boolean): Promise<void> {
    const [changed] = this.#storage.exec<CallbackRow>(
      'UPDATE callbacks SET reachable = ? WHERE contact_id = ? AND reachable != ? RETURNING *',
      reachable ? 1 : 0, contactId, reachable ? 1 : 0,
    );
    if (!changed) return;
    if (!reachable && changed.agent_id) {
      this.#callbackOver(contactId, 'visitor-gone');
      await this.#context.actors.conversation(contactId).stopRinging();
    }
    this.#tellCallbacks();
    await this.#route();
  }

  /**
   * The visitor answered the agent's call back: accepted, the call is assigned
   * to that agent; declined, the agent is told (the conversation then ends).
   * False when it was no longer ringing.
   * @example await switchboard.callbackAnswered(conversationId, true) // true
   */
  async callbackAnswered(contactId: string, accept: boolean): Promise<boolean> {
    const callback = this.#callback(contactId);
    if (!callback?.agent_id || this.#contact(contactId)?.state !== 'callback') return false;
    if (!accept) {
      this.#storage.exec("UPDATE contacts SET last_offer_result = 'declined' WHERE id = ?", contactId);
      this.#callbackOver(contactId, 'declined');
      return true;
    }
    await this.#assign(contactId, callback.agent_id);
    return true;
  }

  /**
   * Keeps one side's quality summary with a contact that connected; a later summary from the same side replaces it.
   * @example await switchboard.recordQuality(conversationId, 'visitor', summarizeQuality(samples));
   */
  async recordQuality(contactId: string, side: CallSide, summary: QualitySummary): Promise<void> {
    const contact = this.#contact(contactId);
    if (!contact?.connected_at) return;
    this.#storage.exec(
      `INSERT OR REPLACE INTO contact_quality
         (contact_id, side, samples, average_mos, worst_mos, average_loss_percent, worst_loss_percent,
          average_video_loss_percent, worst_video_loss_percent, recent_mos, recent_loss_percent, relay_used, peer_relay_used, reconnects)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      contactId, side, summary.samples, summary.averageMos, summary.worstMos,
      summary.averageLossPercent, summary.worstLossPercent, summary.averageVideoLossPercent, summary.worstVideoLossPercent,
      summary.recentMos, summary.recentLossPercent,
      summary.relayUsed ? 1 : 0, summary.peerRelayUsed === null ? null : summary.peerRelayUsed ? 1 : 0, summary.reconnects,
    );
    this.#pushBoard();
  }

  /**
   * Counts a search of the contacts (History by text, a report) by an agent
   * and answers null; past `limits.searchesPerAgent` it counts nothing and
   * answers how many ms until they may. Reading on at the next page of the
   * agent's last search (its text, and `before` as `contacts` answered it) is
   * that search still; another text from there is a search of its own.
   * @example await switchboard.admitSearch(agentId) // null, or 42000 after ten in a minute
   */
  async admitSearch(agentId: string, readingOn?: { text: string; before?: string }): Promise<number | null> {
    const last = this.#searchNext.get(agentId);
    // Taken once: pages asked for at once with one cursor are each counted but the first.
    if (last && readingOn?.before === last.before && readingOn.text === last.text) {
      this.#searchNext.delete(agentId);
      return null;
    }
    return this.#searches.take(agentId, this.#context.now());
  }

  /**
   * A page of the tenant's contacts, newest first, as `query` asks
   * (older than a cursor, of one agent or outcome, with some text), and the
   * cursor of the next page; a search by text remembers it as the `searcher`'s
   * to read on from (see `admitSearch`).
   * @example (await switchboard.contacts({ limit: 50 })).contacts[0]?.outcome // 'completed'
   */
  async contacts(query: ContactsQuery = { limit: maxContactsPage }, searcher?: string): Promise<ContactsResponse> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.before) {
      where.push('(c.created_at < ? OR (c.created_at = ? AND c.id < ?))');
      params.push(query.before.createdAt, query.before.createdAt, query.before.id);
    }
    if (query.from !== undefined) where.push('c.created_at >= ?'), params.push(query.from);
    if (query.to !== undefined) where.push('c.created_at < ?'), params.push(query.to);
    if (query.agent) where.push('c.agent_id = ?'), params.push(query.agent);
    if (query.outcome) where.push('c.outcome = ?'), params.push(query.outcome);
    if (query.customer) where.push('c.customer_id = ?'), params.push(query.customer);
    if (query.text) {
      // What a person would look a contact up by: who, where, what the agent noted, what a message or call-back request said.
      // instr, not LIKE '%…%': LIKE tries each place again letter by letter, which
      // text a visitor made repetitive (a page, a message) turns into seconds per search.
      // lower() on both sides folds case as LIKE does (A to Z), and % and _ are themselves.
      const matches = (columns: string[]) => columns.map((column) => `instr(lower(${column}), lower(?)) > 0`).join(' OR ');
      where.push(`(${matches(['c.visitor_label', 'c.customer_id', 'c.customer_email', 'c.page', 'c.notes', 'c.reason', 'a.name'])}
        OR EXISTS (SELECT 1 FROM contact_messages m WHERE m.contact_id = c.id AND (${matches(['m.name', 'm.email', 'm.text'])}))
        OR EXISTS (SELECT 1 FROM callbacks b WHERE b.contact_id = c.id AND (${matches(['b.name', 'b.email'])})))`);
      params.push(...Array<string>(12).fill(query.text));
    }
    const found = this.#storage.exec<ContactRow & { agent_name: string | null }>(
      `SELECT c.*, a.name AS agent_name FROM contacts c LEFT JOIN agents a ON a.id = c.agent_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
      ...params, query.limit + 1,
    );
    const rows = found.slice(0, query.limit);
    const last = rows.at(-1);
    const next = found.length > query.limit && last ? `${last.created_at}.${last.id}` : null;
    if (searcher !== undefined && query.text) {
      if (next) this.#searchNext.set(searcher, { text: query.text, before: next });
      else this.#searchNext.delete(searcher);
    }
    // What is kept beside each contact of the page, asked for with one bound list.
    const page = JSON.stringify(rows.map((row) => row.id));
    const ofPage = 'IN (SELECT value FROM json_each(?))';
    const quality = new Map<string, Contact['quality']>();
    const surveys = new Map(
      this.#storage
        .exec<SurveyRow>(`SELECT contact_id, rating, comment FROM contact_surveys WHERE contact_id ${ofPage}`, page)
        .map((row) => [row.contact_id, { rating: row.rating, comment: row.comment }]),
    );
    const requests = new Map<string, Pick<Contact, 'message' | 'callback'>>();
    for (const row of this.#storage.exec<VisitorMessage & { contact_id: string }>(`SELECT * FROM contact_messages WHERE contact_id ${ofPage}`, page)) {
      requests.set(row.contact_id, { message: { name: row.name, email: row.email, text: row.text } });
    }
    for (const row of this.#storage.exec<CallbackRow>(`SELECT * FROM callbacks WHERE contact_id ${ofPage}`, page)) {
      requests.set(row.contact_id, { callback: { name: row.name, email: row.email } });
    }
    for (const row of this.#storage.exec<QualityRow>(`SELECT * FROM contact_quality WHERE contact_id ${ofPage}`, page)) {
      quality.set(row.contact_id, { ...quality.get(row.contact_id), [row.side]: qualitySummary(row) });
    }
    const contacts = rows.map((row) => ({
      id: row.id,
      visitor: row.visitor_label,
      customer: customerOf(row),
      page: row.page,
      media: row.richest_media ?? row.media,
      agent: row.agent_id ? { id: row.agent_id, name: row.agent_name ?? '' } : null,
      createdAt: row.created_at,
      connectedAt: row.connected_at,
      endedAt: row.ended_at,
      durationSeconds: durationSeconds(row),
      outcome: row.outcome,
      ...holdOf(row),
      ...(quality.has(row.id) && { quality: quality.get(row.id) }),
      wrapUp: row.disposition ? { disposition: row.disposition, notes: row.notes ?? '', seconds: row.wrap_up_seconds, reason: row.reason } : null,
      ...(surveys.has(row.id) && { survey: surveys.get(row.id) }),
      ...requests.get(row.id),
      ...(row.recorded === 1 && { recorded: true as const }),
    }));
    return { contacts, next };
  }

  /**
   * How the contacts begun from `from` until before `to` went: outcomes,
   * waits, handling, hold, wrap-up, surveys, voice quality, and each agent's share.
   * @example (await switchboard.report(Date.now() - 86_400_000, Date.now())).answered // 12
   */
  async report(from: number, to: number): Promise<Report> {
    const span = 'c.created_at >= ? AND c.created_at < ?';
    const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
    const tenth = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
    const totals = this.#storage.exec<{ contacts: number; live: number; answered: number; wait: number | null; longest: number | null; handle: number | null; hold: number | null; wrap_up: number | null }>(
      `SELECT COUNT(*) AS contacts, COALESCE(SUM(c.outcome IS NULL), 0) AS live, COALESCE(SUM(c.connected_at IS NOT NULL), 0) AS answered,
         AVG(c.connected_at - c.created_at) AS wait, MAX(c.connected_at - c.created_at) AS longest,
         AVG(c.ended_at - c.connected_at) AS handle,
         AVG(CASE WHEN c.connected_at IS NOT NULL AND COALESCE(c.richest_media, c.media) != 'chat' THEN c.hold_ms END) AS hold,
         AVG(c.wrap_up_seconds) AS wrap_up
       FROM contacts c WHERE ${span}`,
      from, to,
    )[0]!;
    const counted = (column: string) =>
      Object.fromEntries(this.#storage.exec<{ key: string; n: number }>(`SELECT ${column} AS key, COUNT(*) AS n FROM contacts c WHERE ${span} AND ${column} IS NOT NULL GROUP BY key`, from, to).map(({ key, n }) => [key, n]));
    const surveys = this.#storage.exec<{ n: number; rating: number | null }>(
      `SELECT COUNT(*) AS n, AVG(s.rating) AS rating FROM contact_surveys s JOIN contacts c ON c.id = s.contact_id WHERE ${span}`, from, to,
    )[0]!;
    const quality = this.#storage.exec<{ mos: number | null }>(
      `SELECT AVG(q.average_mos) AS mos FROM contact_quality q JOIN contacts c ON c.id = q.contact_id WHERE ${span}`, from, to,
    )[0]!;
    const agents = this.#storage.exec<{ id: string; name: string; answered: number; handle: number | null; rating: number | null }>(
      `SELECT c.agent_id AS id, a.name, COUNT(*) AS answered, AVG(c.ended_at - c.connected_at) AS handle, AVG(s.rating) AS rating
       FROM contacts c JOIN agents a ON a.id = c.agent_id LEFT JOIN contact_surveys s ON s.contact_id = c.id
       WHERE ${span} AND c.connected_at IS NOT NULL GROUP BY c.agent_id ORDER BY answered DESC, a.name`,
      from, to,
    );
    return {
      from,
      to,
      contacts: totals.contacts,
      live: totals.live,
      outcomes: counted('c.outcome'),
      media: counted('COALESCE(c.richest_media, c.media)'),
      answered: totals.answered,
      averageWaitSeconds: seconds(totals.wait),
      longestWaitSeconds: seconds(totals.longest),
      averageHandleSeconds: seconds(totals.handle),
      averageHoldSeconds: seconds(totals.hold),
      averageWrapUpSeconds: totals.wrap_up === null ? null : Math.round(totals.wrap_up),
      surveys: surveys.n,
      averageRating: tenth(surveys.rating),
      averageMos: tenth(quality.mos),
      agents: agents.map((agent) => ({ id: agent.id, name: agent.name, answered: agent.answered, averageHandleSeconds: seconds(agent.handle), averageRating: tenth(agent.rating) })),
      reasons: this.#storage.exec<{ name: string; contacts: number }>(
        `SELECT c.reason AS name, COUNT(*) AS contacts FROM contacts c WHERE ${span} AND c.reason IS NOT NULL GROUP BY c.reason ORDER BY contacts DESC, c.reason`, from, to,
      ),
    };
  }

  /**
   * Keeps the visitor's survey of a call that connected and has ended; one per contact.
   * @example await switchboard.submitSurvey(conversationId, { rating: 4, comment: null }, '203.0.113.7') // 'saved'
   */
  async submitSurvey(contactId: string, survey: Survey, visitorAddress: string | null): Promise<SurveyResult> {
    const contact = this.#contact(contactId);
    if (!contact) return 'not_found';
    // A visitor blocked for what they said does not get to say it again as a rating's comment.
    if (this.#visitorBlocks.holds(visitorAddress, contact.customer_id, contact.visitor_id)) return 'blocked';
    if (contact.state !== 'ended' || !contact.connected_at) return 'not_ended';
    const [saved] = this.#storage.exec<{ contact_id: string }>(
      'INSERT INTO contact_surveys (contact_id, rating, comment, submitted_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING contact_id',
      contactId, survey.rating, survey.comment, this.#context.now(),
    );
    if (!saved) return 'already_submitted';
    this.#webhooks.queue('survey.submitted', { contactId, rating: survey.rating, comment: survey.comment });
    this.#arm();
    return 'saved';
  }

  /**
   * Replaces where the tenant's webhook events go (used by seeding and admin tools).
   * @example await switchboard.setWebhookEndpoints([{ url: 'https://crm.example/hooks/beckon', secret: 'whsec_…' }]);
   */
  async setWebhookEndpoints(endpoints: WebhookEndpoint[]): Promise<void> {
    this.#webhooks.setEndpoints(endpoints);
  }

  /**
   * The webhook delivery log, newest first.
   * @example (await switchboard.webhookDeliveries())[0]?.attempts // 1
   */
  async webhookDeliveries(): Promise<WebhookDelivery[]> {
    return this.#webhooks.deliveries();
  }

  /**
   * The role of an agent who may work now with an access token issued at
   * `issuedAt` (ms); null for an unknown or removed agent, and for a token from
   * before they were last reset or removed.
   * @example await switchboard.agentRole(agentId, claims.issuedAt) // 'admin'
   */
  async agentRole(agentId: string, issuedAt: number): Promise<Role | null> {
    return this.#team.role(agentId, issuedAt);
  }

  /**
   * The team as admins see it.
   * @example (await switchboard.teamAgents())[0]?.state // 'invited'
   */
  async teamAgents(): Promise<AdminAgent[]> {
    return this.#team.agents();
  }

  /**
   * Adds an invited agent, who signs in once they set a password from the link.
   * @example await switchboard.inviteAgent(invite, { tokenHash: await sha256(token), expiresAt }) // AdminAgent, or 'exists'
   */
  async inviteAgent(invite: AgentInvite, link: InviteHash): Promise<AdminAgent | 'exists'> {
    return this.#team.invite(invite, link);
  }

  /**
   * Who an unused, unexpired invite link is for.
   * @example await switchboard.inviteDetails(await sha256(token)) // { name, email, expiresAt } or null
   */
  async inviteDetails(tokenHash: string): Promise<InviteDetails | null> {
    return this.#team.inviteDetails(tokenHash);
  }

  /**
   * Spends an invite link and sets the agent's password; null for a link that is unknown, used or expired.
   * @example await switchboard.acceptInvite(await sha256(token), await hashPassword(password)) // AgentProfile
   */
  async acceptInvite(tokenHash: string, passwordHash: string): Promise<AgentProfile | null> {
    return this.#team.acceptInvite(tokenHash, passwordHash);
  }

  /**
   * Changes an agent's name, role, skills or capacity, and routes again.
   * @example await switchboard.updateAgent(agentId, { skills: ['es'] }) // AdminAgent, 'not_found' or 'last_admin'
   */
  async updateAgent(agentId: string, change: AgentChange): Promise<AdminAgent | Exclude<TeamRefusal, 'yourself'>> {
    const result = this.#team.update(agentId, change);
    if (typeof result !== 'object') return result;
    // A board open before the change must not keep powers the role no longer gives; closing it ends their listening in.
    if (!watchesBoard(result.role)) {
      for (const socket of this.#boards()) if (socket.attachment.agentId === agentId) socket.close(boardRefusedCloseCode, 'role');
    }
    await this.#route();
    return result;
  }

  /**
   * Signs an agent out everywhere: their password, refresh and access tokens
   * stop working and their console and board are closed; they set a new
   * password from the new link. Unlike a removal it ends no conversation. An admin resetting
   * their own password (`resetBy`) keeps the session they do it from, which
   * shows them the link: signed out, they could not sign in again.
   * @example await switchboard.resetAgent(agentId, { tokenHash, expiresAt }, adminId) // AdminAgent or null
   */
  async resetAgent(agentId: string, link: InviteHash, resetBy: string): Promise<AdminAgent | null> {
    const signOut = agentId !== resetBy;
    const agent = this.#team.reset(agentId, link, signOut);
    if (agent && signOut) this.#closeSockets(agentId, 'reset');
    return agent;
  }

  /**
   * Removes an agent: their console is closed, their conversations end, their offers go to others, History keeps their name.
   * @example await switchboard.removeAgent(agentId, adminId) // AdminAgent, 'not_found', 'last_admin' or 'yourself'
   */
  async removeAgent(agentId: string, removedBy: string): Promise<AdminAgent | TeamRefusal> {
    const live = this.#storage.exec<{ id: string }>("SELECT id FROM contacts WHERE agent_id = ? AND state = 'connected'", agentId);
    const result = this.#team.remove(agentId, removedBy);
    if (typeof result !== 'object') return result;
    this.#closeSockets(agentId, 'removed');
    // Their conversation tokens would otherwise keep them in their conversations for hours.
    for (const { id } of live) await this.#context.actors.conversation(id).end('left');
    await this.#route();
    return result;
  }

  /**
   * The tenant's queues, highest priority first.
   * @example (await switchboard.queues())[0]?.id // 'support'
   */
  async queues(): Promise<Queue[]> {
    return this.#storage.exec<QueueRow>('SELECT * FROM queues ORDER BY priority DESC, id').map(queueOf);
  }

  /**
   * Adds a queue; false when the tenant already has one with that id.
   * @example await switchboard.createQueue({ id: 'vip', name: 'VIP', priority: 5, skills: [] }) // true
   */
  async createQueue(queue: Queue): Promise<boolean> {
    const created = this.#storage.exec(
      'INSERT INTO queues (id, name, priority, skills) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id',
      queue.id, queue.name, queue.priority, JSON.stringify(queue.skills),
    ).length > 0;
    if (created) await this.#route();
    return created;
  }

  /**
   * Changes a queue's name, priority or skills, and routes again; null when there is no such queue.
   * @example await switchboard.updateQueue('vip', { priority: 10 }) // Queue
   */
  async updateQueue(queueId: string, change: QueueChange): Promise<Queue | null> {
    const [row] = this.#storage.exec<QueueRow>('SELECT * FROM queues WHERE id = ?', queueId);
    if (!row) return null;
    const next = { ...queueOf(row), ...change };
    this.#storage.exec('UPDATE queues SET name = ?, priority = ?, skills = ? WHERE id = ?', next.name, next.priority, JSON.stringify(next.skills), queueId);
    await this.#route();
    return next;
  }

  /**
   * Deletes a queue nobody is waiting in; the default queue stays.
   * @example await switchboard.deleteQueue('vip') // 'deleted'
   */
  async deleteQueue(queueId: string): Promise<QueueDeletion> {
    if (queueId === defaultQueue) return 'default';
    if (this.#storage.exec("SELECT 1 FROM contacts WHERE queue_id = ? AND state = 'queued' LIMIT 1", queueId).length) return 'waiting';
    return this.#storage.exec('DELETE FROM queues WHERE id = ? RETURNING id', queueId).length ? 'deleted' : 'not_found';
  }

  /**
   * The tenant's saved replies, by title.
   * @example (await switchboard.savedReplies())[0]?.title // 'Refunds'
   */
  async savedReplies(): Promise<SavedReply[]> {
    return this.#savedReplies.list();
  }

  /**
   * Keeps a new saved reply; `full` at the most a tenant may keep.
   * @example await switchboard.addSavedReply({ title: 'Refunds', text: 'Refunds take 5 working days.' })
   */
  async addSavedReply(reply: NewSavedReply): Promise<SavedReply | 'full'> {
    return this.#savedReplies.add(reply);
  }

  /**
   * Changes a saved reply; null when the tenant has none with this id.
   * @example await switchboard.changeSavedReply(id, { text: 'Refunds take 3 working days.' })
   */
  async changeSavedReply(id: string, change: Partial<NewSavedReply>): Promise<SavedReply | null> {
    return this.#savedReplies.change(id, change);
  }

  /**
   * Deletes a saved reply; false when the tenant has none with this id.
   * @example await switchboard.deleteSavedReply(id) // true
   */
  async deleteSavedReply(id: string): Promise<boolean> {
    return this.#savedReplies.remove(id);
  }

  /**
   * Whether a block holds the address a visitor comes from (null: not known),
   * the customer the site verified them as (null: anonymous), or the session
   * they already have (null: a session being opened).
   * @example await switchboard.visitorBlocked('203.0.113.7', null, visitorId) // false
   */
  async visitorBlocked(address: string | null, customerId: string | null, visitorId: string | null = null): Promise<boolean> {
    return (address !== null || customerId !== null || visitorId !== null) && this.#visitorBlocks.holds(address, customerId, visitorId);
  }

  /**
   * An agent blocks the visitor of a contact of the tenant for some days, from
   * the address the contact kept: `no_address` once it no longer keeps it.
   * Their other conversations (of the same session or verified customer) waiting, under way or waiting for a call back end.
   * @example await switchboard.blockVisitor(contactId, agentId, { days: 7, reason: 'Abusive' })
   */
  async blockVisitor(contactId: string, agentId: string, block: NewVisitorBlock): Promise<VisitorBlock | 'not_found' | 'no_address'> {
    const contact = this.#contact(contactId);
    const agent = this.#agent(agentId);
    if (!contact || !agent) return 'not_found';
    const added = this.#visitorBlocks.add(contact, agent.name, block);
    this.#arm();
    if (added === 'no_address') return added;
    // Their conversation tokens would otherwise keep them chatting for hours in
    // the conversations they have going; the one blocked from is ended by its agent.
    // Only their own (their session's, or the verified customer's): others on
    // their network keep the calls they are in.
    const live = this.#storage.exec<{ id: string }>(
      "SELECT id FROM contacts WHERE state IN ('queued', 'callback', 'connected') AND id != ? AND (visitor_id = ? OR customer_id = ?)",
      contactId, contact.visitor_id, contact.customer_id,
    );
    for (const { id } of live) await this.#context.actors.conversation(id).end('left');
    return added;
  }

  /**
   * The blocks that hold now, newest first.
   * @example (await switchboard.visitorBlocks())[0]?.visitor // 'Visitor 4F2A'
   */
  async visitorBlocks(): Promise<VisitorBlock[]> {
    return this.#visitorBlocks.list();
  }

  /**
   * Lifts a block; false when the tenant has none with this id.
   * @example await switchboard.unblockVisitor(id) // true
   */
  async unblockVisitor(id: string): Promise<boolean> {
    return this.#visitorBlocks.remove(id);
  }

  /**
   * The settings the switchboard keeps (wrap-up, ring timeout, file size).
   * @example (await switchboard.settings()).ringTimeoutSeconds // 30
   */
  async settings(): Promise<SwitchboardSettings> {
    return this.#settings.get();
  }

  /**
   * Changes some of the settings (null: back to the host's default); offers ringing now keep their timeout, the next ones take the new one.
   * @example await switchboard.changeSettings({ wrapUpSeconds: 60, ringTimeoutSeconds: null })
   */
  async changeSettings(change: Omit<SettingsChange, 'relayOnly'>): Promise<SwitchboardSettings> {
    const settings = this.#settings.change(change);
    // A shorter time to keep contacts may make some due now.
    this.#arm();
    return settings;
  }

  /**
   * An agent's console connected. An agent starting a shift becomes available;
   * one coming back from a dropped connection keeps their status, or is Away
   * if they stayed away longer than the grace period.
   * @example switchboard.agentSocketOpened(socket);
   */
  async agentSocketOpened(socket: AgentSocket): Promise<void> {
    const agent = this.#agent(socket.attachment.agentId);
    if (!agent || agent.deactivated_at !== null) return socket.close(agentRefusedCloseCode, 'unknown agent');
    if (socket.attachment.board) {
      this.#lastBoard = '';
      return this.#pushBoard();
    }
    this.#storage.exec('UPDATE agents SET disconnected_at = NULL WHERE id = ?', agent.id);
    if (agent.status === 'offline') this.#setStatus(agent.id, 'available');
    const status = agent.status === 'away' ? 'away' : 'available';
    const reason = status === 'away' && agent.away_reason ? { reason: agent.away_reason } : {};
    sendJson(socket, { type: 'presence', status, ...reason } satisfies AgentServerMessage);
    // A console opened mid wrap-up (a reload) shows the form again.
    if (agent.wrap_up_contact && agent.wrap_up_until) {
      sendJson(socket, { type: 'wrap-up', contactId: agent.wrap_up_contact, until: agent.wrap_up_until, reasons: this.#settings.get().wrapUpReasons } satisfies AgentServerMessage);
    }
    for (const offer of this.#storage.exec<OfferRow>('SELECT * FROM offers WHERE agent_id = ?', agent.id)) {
      const message = await this.#offerMessage(offer);
      if (message) sendJson(socket, message);
    }
    const callbacks = this.#callbackTasks(agent);
    this.#callbacksSent.set(agent.id, JSON.stringify(callbacks));
    if (callbacks.length) sendJson(socket, { type: 'callbacks', callbacks } satisfies AgentServerMessage);
    await this.#route();
  }

  /**
   * Handles one message from an agent's console.
   * @example await switchboard.agentSocketMessage(socket, '{"type":"presence","status":"away"}');
   */
  async agentSocketMessage(socket: AgentSocket, text: string): Promise<void> {
    if (socket.attachment.board) return this.#boardMessage(socket, text);
    const parsed = parseAgentMessage(text);
    if (!parsed.ok) return sendJson(socket, { type: 'error', code: parsed.code, message: parsed.error } satisfies AgentServerMessage);
    if (parsed.message.type === 'renew') return this.#renew(socket, parsed.message.token);
    if (!this.#live(socket)) return;
    await this.#handle(socket, parsed.message);
  }

  // A console or board stays open past its token's expiry only with a fresh
  // access token of the same agent, one a reset or a removal has not ended.
  async #renew(socket: AgentSocket, token: string): Promise<void> {
    const claims = await this.#context.tokens.verify(token, 'access');
    const same = claims?.tenantId === this.#tenantId && claims.agentId === socket.attachment.agentId;
    if (!claims || !same || !this.#team.role(claims.agentId, claims.issuedAt)) {
      return sendJson(socket, { type: 'error', code: 'unauthorized', message: 'That token cannot renew this session.' } satisfies AgentServerMessage);
    }
    socket.reattach({ ...socket.attachment, expiresAt: claims.expiresAt });
  }

  // False for a socket whose access token ran out without a renew, which is
  // closed: a token that leaked lets its holder listen for minutes, not for as
  // long as they keep a socket open.
  #live(socket: AgentSocket): boolean {
    if (socket.attachment.expiresAt > this.#context.now()) return true;
    socket.close(sessionExpiredCloseCode, 'session expired');
    return false;
  }

  /**
   * An agent's console disconnected: offline once its last socket is gone.
   * @example await switchboard.agentSocketClosed(socket);
   */
  async agentSocketClosed(socket: AgentSocket): Promise<void> {
    const { agentId } = socket.attachment;
    if (socket.attachment.board) {
      if (!this.#boards().some((other) => other !== socket && other.attachment.agentId === agentId)) this.#endMonitors('supervisor_id = ?', agentId);
      return;
    }
    const stillOpen = this.#consoles().some((other) => other !== socket && other.attachment.agentId === agentId);
    if (stillOpen) return;
    this.#callbacksSent.delete(agentId);
    // No offers without a console; the status waits out the grace period (see alarm()).
    this.#storage.transaction(() => {
      this.#storage.exec("UPDATE agents SET disconnected_at = ? WHERE id = ? AND status != 'offline'", this.#context.now(), agentId);
      this.#storage.exec('DELETE FROM offers WHERE agent_id = ?', agentId);
    });
    await this.#route();
  }

  /**
   * The one alarm serves every clock: ring timeouts (an unanswered offer goes
   * to someone else and its agent goes Away), agents whose console stayed
   * disconnected past the grace period (Away), wrap-ups running out, and
   * webhook attempts that are due.
   * @example await switchboard.alarm();
   */
  async alarm(): Promise<void> {
    const now = this.#context.now();
    this.#storage.exec(
      "UPDATE agents SET status = 'away', away_reason = 'connection-lost', disconnected_at = NULL, status_since = ? WHERE disconnected_at <= ? AND status = 'available'",
      now, now - this.#context.reconnectGraceMs,
    );
    this.#storage.exec('UPDATE agents SET disconnected_at = NULL WHERE disconnected_at <= ?', now - this.#context.reconnectGraceMs);
    for (const agent of this.#storage.exec<AgentRow>('SELECT * FROM agents WHERE wrap_up_until <= ?', now)) this.#endWrapUp(agent, false);
    const expired = this.#storage.exec<OfferRow>('SELECT * FROM offers WHERE expires_at <= ?', now);
    for (const offer of expired) {
      if (this.#contact(offer.contact_id)?.state === 'connected') await this.#transferEnded(offer, 'missed');
      this.#storage.transaction(() => {
        this.#storage.exec('DELETE FROM offers WHERE id = ?', offer.id);
        this.#storage.exec("UPDATE contacts SET last_offer_result = 'missed', reassigned_to = NULL WHERE id = ?", offer.contact_id);
        this.#storage.exec("UPDATE agents SET status = 'away', away_reason = 'missed-offer', status_since = ? WHERE id = ?", now, offer.agent_id);
      });
      this.#sendToAgent(offer.agent_id, { type: 'offer-withdrawn', offerId: offer.id, reason: 'timeout' });
      this.#sendToAgent(offer.agent_id, { type: 'presence', status: 'away', reason: 'missed-offer' });
    }
    for (const callback of this.#storage.exec<CallbackRow>('SELECT * FROM callbacks WHERE ringing_until <= ?', now)) {
      this.#callbackOver(callback.contact_id, 'no-answer');
      await this.#context.actors.conversation(callback.contact_id).stopRinging();
    }
    await this.#tellLongWaits(now);
    this.#tellCallbacks();
    await this.#route();
    await this.#forgetOldContacts(now);
    this.#visitorBlocks.forgetExpired(now);
    this.#webhooks.sendDue(() => this.#arm());
    this.#arm();
  }

  /**
   * The host is stopping, or letting this idle actor go: webhook attempts in
   * flight are cut off unrecorded and go out again once it is back.
   * @example switchboard.stop(); storage.close();
   */
  stop(): void {
    this.#webhooks.stop();
  }

  // Visitors who have waited past their queue's maximum are told so, once.
  async #tellLongWaits(now: number): Promise<void> {
    const waited = this.#storage.exec<{ id: string; max_wait_seconds: number }>(
      `SELECT c.id, q.max_wait_seconds FROM contacts c JOIN queues q ON q.id = c.queue_id
       WHERE c.state = 'queued' AND c.long_wait_at IS NULL AND c.created_at + q.max_wait_seconds * 1000 <= ?`,
      now,
    );
    for (const contact of waited) this.#storage.exec('UPDATE contacts SET long_wait_at = ? WHERE id = ?', now, contact.id);
    await Promise.all(waited.map((contact) => this.#context.actors.conversation(contact.id).longWait(contact.max_wait_seconds)));
  }

  async #handle(socket: AgentSocket, message: Exclude<AgentClientMessage, { type: 'renew' }>): Promise<void> {
    const { agentId } = socket.attachment;
    if (message.type === 'presence') {
      this.#setStatus(agentId, message.status);
      if (message.status === 'away') this.#storage.exec('DELETE FROM offers WHERE agent_id = ?', agentId);
      this.#sendToAgent(agentId, { type: 'presence', status: message.status });
      return this.#route();
    }
    if (message.type === 'wrap-up') return this.#saveWrapUp(socket, message);
    if (message.type === 'whisper') return this.#whisper(socket, message.to, message.text);
    if (message.type === 'transfer') return this.#transfer(socket, message);
    if (message.type === 'monitor-signal') return this.#relayMonitorSignal(socket, message);
    if (message.type === 'call-back') return this.#callBack(socket, message.contactId);
    if (message.type === 'callback-done') return this.#closeCallback(socket, message.contactId);
    if (message.type === 'leave') {
      this.#storage.transaction(() => {
        this.#storage.exec("UPDATE agents SET status = 'offline', away_reason = NULL, disconnected_at = NULL, status_since = ? WHERE id = ?", this.#context.now(), agentId);
        this.#storage.exec('DELETE FROM offers WHERE agent_id = ?', agentId);
      });
      return this.#route();
    }
    const [offer] = this.#storage.exec<OfferRow>('SELECT * FROM offers WHERE id = ? AND agent_id = ?', message.offerId, agentId);
    if (!offer) {
      return sendJson(socket, { type: 'error', code: 'conflict', message: 'That call is no longer ringing.' } satisfies AgentServerMessage);
    }
    if (message.type === 'decline' && this.#contact(offer.contact_id)?.state === 'connected') return this.#transferEnded(offer, 'declined');
    if (message.type === 'decline') {
      this.#storage.transaction(() => {
        this.#storage.exec('DELETE FROM offers WHERE id = ?', offer.id);
        this.#storage.exec('INSERT OR IGNORE INTO declines (contact_id, agent_id) VALUES (?, ?)', offer.contact_id, agentId);
        this.#storage.exec('UPDATE contacts SET reassigned_to = NULL WHERE id = ? AND reassigned_to = ?', offer.contact_id, agentId);
        this.#storage.exec("UPDATE contacts SET last_offer_result = 'declined' WHERE id = ?", offer.contact_id);
      });
      return this.#route();
    }
    await this.#accept(offer, message.signals);
  }

  async #transfer(socket: AgentSocket, message: Extract<AgentClientMessage, { type: 'transfer' }>): Promise<void> {
    const { agentId } = socket.attachment;
    const refuse = (text: string) => sendJson(socket, { type: 'error', code: 'conflict', message: text } satisfies AgentServerMessage);
    const contact = this.#contact(message.contactId);
    if (contact?.state !== 'connected' || contact.agent_id !== agentId) return refuse('That conversation is not yours to transfer.');
    if (contact.transfer_from) return refuse('A transfer of this conversation is already ringing.');
    const queue = 'queue' in message.to ? this.#storage.exec<QueueRow>('SELECT * FROM queues WHERE id = ?', message.to.queue)[0] : undefined;
    const target = 'agent' in message.to ? this.#activeAgent(message.to.agent) : undefined;
    if ('queue' in message.to && !queue) return refuse(`There is no queue "${message.to.queue}".`);
    if ('agent' in message.to && (!target || target.id === agentId)) return refuse('Choose another agent of your team.');
    if (!message.warm) {
      this.#storage.transaction(() => {
        this.#storage.exec(
          `UPDATE contacts SET state = 'queued', agent_id = NULL, queue_id = ?, reassigned_to = ?, last_offer_result = NULL, position = NULL WHERE id = ?`,
          queue?.id ?? contact.queue_id, target?.id ?? null, contact.id,
        );
        this.#storage.exec('DELETE FROM declines WHERE contact_id = ?', contact.id);
        this.#endHold(contact.id);
        // Handed on is passed on: it is not offered back to this agent (a supervisor can still give it to them).
        this.#storage.exec('INSERT INTO declines (contact_id, agent_id) VALUES (?, ?)', contact.id, agentId);
        this.#storage.exec('UPDATE agents SET busy_with = NULL, idle_since = ? WHERE id = ? AND busy_with = ?', this.#context.now(), agentId, contact.id);
      });
      this.#endMonitors('contact_id = ?', contact.id);
      await this.#context.actors.conversation(contact.id).handOver(null, queue?.name ?? target!.name);
      return this.#route();
    }
    const ringable = this.#routingAgents().find((agent) => agent.id === target!.id);
    const waiting = { id: contact.id, createdAt: contact.created_at, queueId: contact.queue_id, priority: 0, skills: [], call: contact.media !== 'chat', offered: false, declinedBy: [] };
    if (!ringable || !canTake(ringable, waiting)) return refuse(`${target!.name} cannot take it right now.`);
    const offer: OfferRow = { id: crypto.randomUUID(), contact_id: contact.id, agent_id: target!.id, expires_at: this.#context.now() + this.#context.ringTimeoutMs };
    this.#storage.transaction(() => {
      this.#storage.exec('INSERT INTO offers (id, contact_id, agent_id, expires_at) VALUES (?, ?, ?, ?)', offer.id, offer.contact_id, offer.agent_id, offer.expires_at);
      this.#storage.exec('UPDATE contacts SET transfer_from = ?, transfer_note = ? WHERE id = ?', agentId, message.note, contact.id);
    });
    const ring = await this.#offerMessage(offer);
    if (ring) this.#sendToAgent(target!.id, ring);
    this.#arm();
    this.#pushBoard();
  }

  // A warm transfer's ring ended without an answer: the conversation stays with the agent who asked.
  async #transferEnded(offer: OfferRow, result: 'declined' | 'missed'): Promise<void> {
    const contact = this.#contact(offer.contact_id);
    this.#storage.transaction(() => {
      this.#storage.exec('DELETE FROM offers WHERE id = ?', offer.id);
      this.#storage.exec('UPDATE contacts SET transfer_from = NULL, transfer_note = NULL WHERE id = ?', offer.contact_id);
    });
    if (contact?.transfer_from) this.#sendToAgent(contact.transfer_from, { type: 'transfer-ended', contactId: offer.contact_id, result });
    await this.#route();
  }

  // `prepared`: the offer the console made while it rang, for the call to start with (not for a transfer, which starts anew).
  async #accept(offer: OfferRow, prepared?: Signal[]): Promise<void> {
    if (this.#contact(offer.contact_id)?.state === 'connected') return this.#acceptTransfer(offer);
    await this.#assign(offer.contact_id, offer.agent_id, prepared);
  }

  // The contact is the agent's call now: an accepted offer, or a callback the visitor took.
  async #assign(contactId: string, agentId: string, prepared?: Signal[]): Promise<void> {
    const now = this.#context.now();
    this.#storage.transaction(() => {
      this.#storage.exec('DELETE FROM offers WHERE contact_id = ?', contactId);
      this.#storage.exec('UPDATE callbacks SET agent_id = NULL, ringing_until = NULL WHERE contact_id = ?', contactId);
      this.#storage.exec(
        "UPDATE contacts SET state = 'connected', agent_id = ?, connected_at = COALESCE(connected_at, ?), position = NULL, reassigned_to = NULL WHERE id = ?",
        agentId, now, contactId,
      );
      this.#storage.exec('UPDATE agents SET busy_with = ? WHERE id = ?', contactId, agentId);
    });
    this.#tellCallbacks();
    const contact = this.#contact(contactId)!;
    const agent = this.#agent(agentId)!;
    await this.#context.actors.conversation(contact.id).assign({ agentId: agent.id, agentName: agent.name, prepared });
    await this.#assigned(contact, agent);
    await this.#route();
  }

  // A warm transfer answered: the conversation moves to the agent who took it, and the one who asked is free.
  async #acceptTransfer(offer: OfferRow): Promise<void> {
    const contact = this.#contact(offer.contact_id)!;
    const from = contact.transfer_from;
    this.#storage.transaction(() => {
      this.#storage.exec('DELETE FROM offers WHERE contact_id = ?', contact.id);
      this.#storage.exec('UPDATE contacts SET agent_id = ?, transfer_from = NULL, transfer_note = NULL WHERE id = ?', offer.agent_id, contact.id);
      this.#endHold(contact.id);
      this.#storage.exec('UPDATE agents SET busy_with = NULL, idle_since = ? WHERE id = ? AND busy_with = ?', this.#context.now(), from, contact.id);
      this.#storage.exec('UPDATE agents SET busy_with = ? WHERE id = ?', contact.id, offer.agent_id);
    });
    const agent = this.#agent(offer.agent_id)!;
    this.#endMonitors('contact_id = ?', contact.id);
    await this.#context.actors.conversation(contact.id).handOver({ agentId: agent.id, agentName: agent.name }, agent.name);
    await this.#assigned(contact, agent);
    if (from) this.#sendToAgent(from, { type: 'transfer-ended', contactId: contact.id, result: 'accepted' });
    await this.#route();
  }

  async #assigned(contact: ContactRow, agent: AgentRow): Promise<void> {
    const token = await this.#context.tokens.issue({
      kind: 'conversation',
      tenantId: this.#tenantId,
      conversationId: contact.id,
      participant: 'agent',
      participantId: agent.id,
    });
    this.#sendToAgent(agent.id, {
      type: 'assigned',
      conversationId: contact.id,
      token,
      media: contact.media,
      caller: callerOf(contact),
    });
  }

  /** Offers waiting contacts to free agents, tells visitors their places and waits, and arms the ring timeout. */
  async #route(): Promise<void> {
    const now = this.#context.now();
    const waiting = this.#storage.exec<WaitingRow>("SELECT id, created_at, queue_id, position, estimated_wait, media, reassigned_to FROM contacts WHERE state = 'queued'");
    const contacts = this.#waitingContacts(waiting);
    const agents = this.#routingAgents();
    const offers = planOffers(contacts, agents).map((plan) => ({
      id: crypto.randomUUID(), contact_id: plan.contactId, agent_id: plan.agentId, expires_at: now + this.#settings.get().ringTimeoutSeconds * 1000,
    }));
    for (const offer of offers) agents.find((agent) => agent.id === offer.agent_id)!.ringing = true;
    // One commit per decision: the offers and everyone's new place land together, before anyone is told.
    const moved = this.#storage.transaction(() => {
      for (const offer of offers) {
        this.#storage.exec('INSERT INTO offers (id, contact_id, agent_id, expires_at) VALUES (?, ?, ?, ?)', offer.id, offer.contact_id, offer.agent_id, offer.expires_at);
      }
      return this.#tellPlaces(waiting, contacts, agents);
    });
    const rings = await Promise.all(offers.map((offer) => this.#offerMessage(offer)));
    offers.forEach((offer, i) => rings[i] && this.#sendToAgent(offer.agent_id, rings[i]));
    this.#arm();
    this.#pushBoard();
    await Promise.all(moved.map(({ id, position, estimatedWait }) => this.#context.actors.conversation(id).queued(position, estimatedWait)));
  }

  #startWrapUp(agentId: string, contactId: string): void {
    const until = this.#context.now() + this.#settings.get().wrapUpSeconds * 1000;
    this.#storage.exec('UPDATE agents SET wrap_up_contact = ?, wrap_up_until = ? WHERE id = ?', contactId, until, agentId);
    this.#sendToAgent(agentId, { type: 'wrap-up', contactId, until, reasons: this.#settings.get().wrapUpReasons });
  }

  #endWrapUp(agent: AgentRow, saved: boolean): void {
    if (!agent.wrap_up_contact) return;
    // The idle clock starts when the agent is ready for the next call.
    this.#storage.exec('UPDATE agents SET wrap_up_contact = NULL, wrap_up_until = NULL, idle_since = ? WHERE id = ?', this.#context.now(), agent.id);
    this.#sendToAgent(agent.id, { type: 'wrap-up-ended', contactId: agent.wrap_up_contact, saved });
  }

  // Saved at any time for the agent's own ended calls; it ends the wrap-up of that call if one is running.
  async #saveWrapUp(socket: AgentSocket, message: Extract<AgentClientMessage, { type: 'wrap-up' }>): Promise<void> {
    const agent = this.#agent(socket.attachment.agentId)!;
    const contact = this.#contact(message.contactId);
    if (!contact || contact.agent_id !== agent.id || contact.state !== 'ended') {
      return sendJson(socket, { type: 'error', code: 'conflict', message: 'That is not one of your ended calls.' } satisfies AgentServerMessage);
    }
    // A reason an admin took away while the form was open: the agent chooses again, and loses nothing they wrote.
    if (message.reason !== null && !this.#settings.get().wrapUpReasons.includes(message.reason)) {
      return sendJson(socket, { type: 'error', code: 'conflict', message: `"${message.reason}" is no longer one of your team's wrap-up reasons: choose another.` } satisfies AgentServerMessage);
    }
    const wrapping = agent.wrap_up_contact === contact.id;
    const seconds = wrapping && contact.ended_at ? Math.round((this.#context.now() - contact.ended_at) / 1000) : contact.wrap_up_seconds;
    this.#storage.exec('UPDATE contacts SET disposition = ?, notes = ?, wrap_up_seconds = ?, reason = ? WHERE id = ?', message.disposition, message.notes, seconds, message.reason, contact.id);
    // The tenant's CRM hears what the agent recorded, at each save (the last one holds).
    const wrapUp = { disposition: message.disposition, notes: message.notes, reason: message.reason, seconds };
    this.#webhooks.queue('contact.wrapped-up', { contactId: contact.id, agent: { id: agent.id, name: agent.name }, wrapUp });
    this.#arm();
    if (wrapping) this.#endWrapUp(agent, true);
    else this.#sendToAgent(agent.id, { type: 'wrap-up-ended', contactId: contact.id, saved: true });
    await this.#route();
  }

  // Wakes for whichever comes first: an offer or a call back ringing out, a
  // disconnected agent's grace period ending, a wrap-up running out, a visitor
  // reaching their queue's maximum wait, a queue with callbacks opening or
  // closing, or the next webhook attempt.
  #arm(): void {
    const [row] = this.#storage.exec<{ at: number | null }>(
      `SELECT MIN(at) AS at FROM (
         SELECT MIN(expires_at) AS at FROM offers
         UNION ALL SELECT MIN(wrap_up_until) FROM agents
         UNION ALL SELECT MIN(disconnected_at) + ? FROM agents WHERE disconnected_at IS NOT NULL
         UNION ALL SELECT MIN(ringing_until) FROM callbacks
         UNION ALL SELECT MIN(c.created_at + q.max_wait_seconds * 1000) FROM contacts c JOIN queues q ON q.id = c.queue_id
           WHERE c.state = 'queued' AND c.long_wait_at IS NULL
       )`,
      this.#context.reconnectGraceMs,
    );
    const times = [row?.at ?? null, this.#webhooks.nextAttemptAt(), this.#nextHoursChange(), this.#nextContactDue(), this.#visitorBlocks.nextDue()]
      .filter((at): at is number => at !== null);
    this.#host.setAlarm(times.length ? Math.min(...times) : null);
  }

  // When a queue that has callbacks waiting opens or closes next: its agents' Callbacks lists change then.
  #nextHoursChange(): number | null {
    const now = this.#context.now();
    const changes = this.#storage
      .exec<QueueRow>("SELECT * FROM queues WHERE hours IS NOT NULL AND id IN (SELECT queue_id FROM contacts WHERE state = 'callback')")
      .map((queue) => nextChange(queueHours(queue).hours, now, hoursHorizonDays) ?? now + hoursHorizonDays * dayMs);
    return changes.length ? Math.min(...changes) : null;
  }

  // An agent calls a visitor back: the visitor's widget rings. The agent is
  // held like a ringing offer until the visitor answers or it rings out.
  async #callBack(socket: AgentSocket, contactId: string): Promise<void> {
    const agent = this.#routingAgents().find((candidate) => candidate.id === socket.attachment.agentId)!;
    const task = this.#callbackTasks(this.#agent(agent.id)!).find((candidate) => candidate.contactId === contactId);
    const refuse = (message: string) => sendJson(socket, { type: 'error', code: 'conflict', message } satisfies AgentServerMessage);
    if (!task) return refuse('That callback is not waiting for you.');
    if (!isFree(agent)) return refuse('You can call back when you are Available and not on a call.');
    if (!task.reachable) return refuse('The visitor has left the page.');
    const [claimed] = this.#storage.exec<CallbackRow>(
      'UPDATE callbacks SET agent_id = ?, ringing_until = ? WHERE contact_id = ? AND agent_id IS NULL RETURNING *',
      agent.id, this.#context.now() + this.#context.ringTimeoutMs, contactId,
    );
    if (!claimed) return refuse('Someone is calling this visitor back already.');
    this.#tellCallbacks();
    this.#arm();
    const agentName = this.#agent(agent.id)!.name;
    if (!(await this.#context.actors.conversation(contactId).ringVisitor(agentName))) return this.callbackReachable(contactId, false);
    await this.#route();
  }

  // An agent closes a callback request without a call; a visitor still on the page is told.
  async #closeCallback(socket: AgentSocket, contactId: string): Promise<void> {
    const task = this.#callbackTasks(this.#agent(socket.attachment.agentId)!).find((candidate) => candidate.contactId === contactId);
    if (!task || task.calling) {
      return sendJson(socket, { type: 'error', code: 'conflict', message: 'That callback is not waiting for you.' } satisfies AgentServerMessage);
    }
    this.#storage.exec(
      "UPDATE contacts SET state = 'ended', ended_at = ?, outcome = 'callback-done' WHERE id = ?",
      this.#context.now(), contactId,
    );
    this.#tellEnded(contactId);
    this.#tellCallbacks();
    await this.#context.actors.conversation(contactId).end('callback-done');
    await this.#route();
  }

  // The call back stopped ringing without a call: the agent is free and told why.
  #callbackOver(contactId: string, reason: CallbackUnanswered): void {
    const agentId = this.#callback(contactId)?.agent_id;
    if (!agentId) return;
    this.#storage.exec('UPDATE callbacks SET agent_id = NULL, ringing_until = NULL WHERE contact_id = ?', contactId);
    this.#sendToAgent(agentId, { type: 'callback-unanswered', contactId, reason });
    this.#tellCallbacks();
  }

  // The callback requests an agent can take now: their queue is open and the agent has its skills.
  #callbackTasks(agent: AgentRow): CallbackTask[] {
    const now = this.#context.now();
    const skills = JSON.parse(agent.skills) as string[];
    const open = new Map<string, boolean>();
    const fits = (queue: QueueRow) => {
      if (!open.has(queue.id)) open.set(queue.id, isOpen(queueHours(queue).hours, now) && (JSON.parse(queue.skills) as string[]).every((skill) => skills.includes(skill)));
      return open.get(queue.id)!;
    };
    const queues = new Map(this.#storage.exec<QueueRow>('SELECT * FROM queues').map((queue) => [queue.id, queue]));
    return this.#storage
      .exec<ContactRow & CallbackRow>("SELECT * FROM contacts c JOIN callbacks b ON b.contact_id = c.id WHERE c.state = 'callback' ORDER BY c.created_at")
      .filter((row) => queues.has(row.queue_id) && fits(queues.get(row.queue_id)!))
      .map((row) => ({
        contactId: row.id,
        queue: row.queue_id,
        name: row.name,
        email: row.email,
        page: row.page,
        media: row.media,
        requestedAt: row.created_at,
        reachable: row.reachable === 1,
        calling: row.agent_id !== null,
      }));
  }

  // Sends each connected agent their Callbacks list when it changed.
  #tellCallbacks(): void {
    const agentIds = new Set(this.#host.sockets().map((socket) => socket.attachment.agentId));
    for (const agentId of agentIds) {
      const agent = this.#agent(agentId);
      if (!agent) continue;
      const callbacks = this.#callbackTasks(agent);
      const text = JSON.stringify(callbacks);
      if (this.#callbacksSent.get(agentId) === text) continue;
      this.#callbacksSent.set(agentId, text);
      this.#sendToAgent(agentId, { type: 'callbacks', callbacks });
    }
  }

  #tellCreated(contact: ContactRow): void {
    this.#webhooks.queue('contact.created', {
      contact: {
        id: contact.id, visitor: contact.visitor_label, customer: customerOf(contact), page: contact.page, media: contact.media, queue: contact.queue_id, createdAt: contact.created_at,
        ...this.#request(contact.id),
      },
    });
  }

  #tellEnded(contactId: string): void {
    const ended = this.#contact(contactId)!;
    this.#webhooks.queue('contact.ended', {
      contact: {
        id: contactId,
        customer: customerOf(ended),
        outcome: ended.outcome,
        agent: ended.agent_id ? { id: ended.agent_id, name: this.#agent(ended.agent_id)?.name ?? '' } : null,
        createdAt: ended.created_at,
        connectedAt: ended.connected_at,
        endedAt: ended.ended_at,
        durationSeconds: durationSeconds(ended),
        ...holdOf(ended),
        ...this.#request(contactId),
        ...(ended.recorded === 1 && { recorded: true }),
      },
    });
  }

  // What the visitor left instead of a call, if anything: a message, or a callback request.
  #request(contactId: string): Pick<Contact, 'message' | 'callback'> {
    const [message] = this.#storage.exec<VisitorMessage>('SELECT name, email, text FROM contact_messages WHERE contact_id = ?', contactId);
    const callback = this.#callback(contactId);
    return { ...(message && { message }), ...(callback && { callback: { name: callback.name, email: callback.email } }) };
  }

  #callback(contactId: string): CallbackRow | undefined {
    return this.#storage.exec<CallbackRow>('SELECT * FROM callbacks WHERE contact_id = ?', contactId)[0];
  }

  #queue(queueId: string): QueueRow | undefined {
    return this.#storage.exec<QueueRow>('SELECT * FROM queues WHERE id = ?', queueId)[0];
  }

  #waitingContacts(waiting: WaitingRow[]): WaitingContact[] {
    const queues = new Map(
      this.#storage.exec<QueueRow>('SELECT * FROM queues').map((queue) => [queue.id, { priority: queue.priority, skills: JSON.parse(queue.skills) as string[] }]),
    );
    const offered = new Set(this.#storage.exec<{ contact_id: string }>('SELECT contact_id FROM offers').map((row) => row.contact_id));
    const declines = new Map<string, string[]>();
    for (const decline of this.#storage.exec<{ contact_id: string; agent_id: string }>(
      "SELECT d.* FROM declines d JOIN contacts c ON c.id = d.contact_id WHERE c.state = 'queued'",
    )) {
      declines.set(decline.contact_id, [...(declines.get(decline.contact_id) ?? []), decline.agent_id]);
    }
    return waiting.map((contact) => {
      const queue = queues.get(contact.queue_id);
      return {
        id: contact.id,
        createdAt: contact.created_at,
        queueId: contact.queue_id,
        priority: queue?.priority ?? 0,
        skills: queue?.skills ?? [],
        call: contact.media !== 'chat',
        onlyAgent: contact.reassigned_to,
        offered: offered.has(contact.id),
        declinedBy: declines.get(contact.id) ?? [],
      };
    });
  }

  #routingAgents(): RoutingAgent[] {
    // Only a console that is connected now can ring, whatever the stored status says.
    const connected = new Set(this.#consoles().map((socket) => socket.attachment.agentId));
    // Calling a visitor back rings like an offer: no other offer meanwhile.
    const ringing = new Set(
      this.#storage.exec<{ agent_id: string }>('SELECT agent_id FROM offers UNION SELECT agent_id FROM callbacks WHERE agent_id IS NOT NULL').map((row) => row.agent_id),
    );
    const active = new Map(
      this.#storage
        .exec<{ agent_id: string; contacts: number; calls: number }>(
          "SELECT agent_id, COUNT(*) AS contacts, SUM(media != 'chat') AS calls FROM contacts WHERE state = 'connected' GROUP BY agent_id",
        )
        .map((row) => [row.agent_id, row]),
    );
    return this.#storage.exec<AgentRow>('SELECT * FROM agents WHERE deactivated_at IS NULL').map((agent) => ({
      id: agent.id,
      status: connected.has(agent.id) ? agent.status : 'offline',
      idleSince: agent.idle_since ?? 0,
      skills: JSON.parse(agent.skills) as string[],
      capacity: agent.capacity,
      active: active.get(agent.id)?.contacts ?? 0,
      onCall: (active.get(agent.id)?.calls ?? 0) > 0,
      ringing: ringing.has(agent.id),
      wrappingUp: agent.wrap_up_contact !== null,
    }));
  }

  // Each waiting visitor's place in their queue and the wait it means; only changes are sent.
  #tellPlaces(waiting: WaitingRow[], contacts: WaitingContact[], agents: RoutingAgent[]) {
    const moved: { id: string; position: number; estimatedWait: number | null }[] = [];
    const byId = new Map(contacts.map((contact) => [contact.id, contact]));
    const rows = new Map(waiting.map((row) => [row.id, row]));
    // Per queue, not per contact: a queue's staffing and handle time are the same for everyone in it.
    const queues = new Map<string, { staffed: Set<string>; free: Set<string>; handleSeconds: number }>();
    for (const [contactId, position] of queuePositions(contacts)) {
      const contact = byId.get(contactId)!;
      const row = rows.get(contactId)!;
      let queue = queues.get(contact.queueId);
      if (!queue) {
        const staffed = agents.filter((agent) => agent.status === 'available' && contact.skills.every((skill) => agent.skills.includes(skill)));
        queue = {
          staffed: new Set(staffed.map((agent) => agent.id)),
          free: new Set(staffed.filter((agent) => canTake(agent, { ...contact, declinedBy: [] })).map((agent) => agent.id)),
          handleSeconds: this.#averageHandleSeconds(contact.queueId),
        };
        queues.set(contact.queueId, queue);
      }
      // An agent who declined this visitor is never offered them again, so does not count for them.
      const declined = (agentIds: Set<string>) => contact.declinedBy.filter((id) => agentIds.has(id)).length;
      const estimatedWait = estimatedWaitSeconds({
        position,
        staffedAgents: queue.staffed.size - declined(queue.staffed),
        freeAgents: queue.free.size - declined(queue.free),
        averageHandleSeconds: queue.handleSeconds,
      });
      if (row.position === position && row.estimated_wait === estimatedWait) continue;
      moved.push({ id: contactId, position, estimatedWait });
    }
    for (const { id, position, estimatedWait } of moved) {
      this.#storage.exec('UPDATE contacts SET position = ?, estimated_wait = ? WHERE id = ?', position, estimatedWait, id);
    }
    return moved;
  }

  #averageHandleSeconds(queueId: string): number {
    const talk = this.#storage.exec<{ seconds: number }>(
      `SELECT (ended_at - connected_at) / 1000.0 AS seconds FROM contacts
       WHERE queue_id = ? AND state = 'ended' AND connected_at IS NOT NULL
       ORDER BY ended_at DESC LIMIT ${handleTimeWindow}`,
      queueId,
    );
    return averageHandleSeconds(talk.map((row) => row.seconds));
  }

  // A new contact's offer carries the agent's conversation token, so the
  // console can open the conversation socket while it rings, and the peer
  // settings its `start` will most likely carry, so it can make its offer
  // meanwhile; a warm transfer's carries neither (the conversation has its agent).
  async #offerMessage(offer: OfferRow): Promise<Extract<AgentServerMessage, { type: 'offer' }> | null> {
    const contact = this.#contact(offer.contact_id);
    if (!contact) return null;
    const caller = callerOf(contact);
    const message = { type: 'offer', offerId: offer.id, conversationId: contact.id, media: contact.media, caller, expiresAt: offer.expires_at } as const;
    if (contact.transfer_from) {
      return { ...message, transfer: { from: this.#agent(contact.transfer_from)?.name ?? '', note: contact.transfer_note ?? '' } };
    }
    const [token, peer] = await Promise.all([
      this.#context.tokens.issue({ kind: 'conversation', tenantId: this.#tenantId, conversationId: contact.id, participant: 'agent', participantId: offer.agent_id }),
      this.#peerSettings(offer.agent_id),
    ]);
    return { ...message, token, peer };
  }

  // The ICE servers, relay policy and file limit a conversation's start gives this agent, as they stand now.
  async #peerSettings(agentId: string): Promise<PeerSettings> {
    const [iceServers, relayOnly, { maxFileBytes }] = await Promise.all([
      iceServersFor(this.#context.ice, agentId, this.#context.now()),
      this.#context.actors.directory().relayOnly(this.#tenantId),
      this.settings(),
    ]);
    return { iceServers, iceTransportPolicy: relayOnly ? 'relay' : 'all', maxFileBytes };
  }

  #setStatus(agentId: string, status: 'available' | 'away'): void {
    // Becoming available starts the idle clock that longest-idle routing reads.
    this.#storage.exec(
      `UPDATE agents SET status = ?, away_reason = NULL,
         status_since = CASE WHEN status != ? THEN ? ELSE status_since END,
         idle_since = CASE WHEN ? = 'available' AND status != 'available' THEN ? ELSE idle_since END WHERE id = ?`,
      status, status, this.#context.now(), status, this.#context.now(), agentId,
    );
  }

  #sendToAgent(agentId: string, message: AgentServerMessage): void {
    for (const socket of this.#consoles()) {
      if (socket.attachment.agentId === agentId) sendJson(socket, message);
    }
  }

  // Agents' presence sockets, not supervisors' boards; those whose token ran out are closed, not counted.
  #consoles(): AgentSocket[] {
    return this.#host.sockets().filter((socket) => !socket.attachment.board && this.#live(socket));
  }

  #boards(): AgentSocket[] {
    return this.#host.sockets().filter((socket) => socket.attachment.board && this.#live(socket));
  }

  // Boards get the whole picture again whenever it changed; it is small next to a routing pass.
  #pushBoard(): void {
    const boards = this.#boards();
    if (!boards.length) return;
    const board = this.#board();
    const text = JSON.stringify({ ...board, at: 0 });
    if (text === this.#lastBoard) return;
    this.#lastBoard = text;
    for (const socket of boards) sendJson(socket, { type: 'board', board } satisfies BoardServerMessage);
  }

  #board(): Board {
    const now = this.#context.now();
    const live = this.#storage.exec<ContactRow & Pick<QualityRow, 'recent_mos' | 'recent_loss_percent'>>(
      `SELECT c.*, q.recent_mos, q.recent_loss_percent FROM contacts c
       LEFT JOIN contact_quality q ON q.contact_id = c.id AND q.side = 'agent'
       WHERE c.state = 'connected' ORDER BY c.connected_at`,
    );
    const waiting = this.#storage.exec<ContactRow>("SELECT * FROM contacts WHERE state = 'queued' ORDER BY created_at");
    const ringing = new Map(this.#storage.exec<OfferRow>('SELECT * FROM offers').map((offer) => [offer.contact_id, offer.agent_id]));
    const consoles = new Set(this.#consoles().map((socket) => socket.attachment.agentId));
    return {
      at: now,
      queues: this.#storage.exec<QueueRow>('SELECT * FROM queues ORDER BY id').map((queue) => {
        const inQueue = waiting.filter((contact) => contact.queue_id === queue.id);
        const estimates = inQueue.map((contact) => contact.estimated_wait).filter((wait): wait is number => wait !== null);
        return {
          id: queue.id,
          name: queue.name,
          waiting: inQueue.length,
          longestWaitingSince: inQueue[0]?.created_at ?? null,
          estimatedWaitSeconds: estimates.length ? Math.max(...estimates) : null,
        };
      }),
      agents: this.#storage.exec<AgentRow>('SELECT * FROM agents ORDER BY name').map((agent) => ({
        id: agent.id,
        name: agent.name,
        role: agent.role,
        status: consoles.has(agent.id) ? agent.status : 'offline',
        awayReason: agent.away_reason,
        statusSince: agent.status_since,
        wrappingUp: agent.wrap_up_contact !== null,
        contacts: live
          .filter((contact) => contact.agent_id === agent.id)
          .map((contact) => ({ id: contact.id, media: contact.media, visitor: contact.visitor_label, since: contact.connected_at ?? now })),
      })),
      waiting: waiting.map((contact) => ({
        id: contact.id,
        visitor: contact.visitor_label,
        queue: contact.queue_id,
        media: contact.media,
        since: contact.created_at,
        ringing: ringing.get(contact.id) ?? null,
        reassignedTo: contact.reassigned_to,
      })),
      calls: live
        .filter((contact) => contact.media !== 'chat')
        .map((contact) => ({
          contactId: contact.id,
          agentId: contact.agent_id ?? '',
          visitor: contact.visitor_label,
          media: contact.media,
          since: contact.connected_at ?? now,
          recentMos: contact.recent_mos,
          recentLossPercent: contact.recent_loss_percent,
          heldSince: contact.held_since,
        })),
    };
  }

  async #boardMessage(socket: AgentSocket, text: string): Promise<void> {
    if (!watchesBoard(this.#team.role(socket.attachment.agentId))) return socket.close(boardRefusedCloseCode, 'role');
    const parsed = parseBoardMessage(text);
    if (!parsed.ok) return sendJson(socket, { type: 'error', code: parsed.code, message: parsed.error } satisfies BoardServerMessage);
    const message = parsed.message;
    if (message.type === 'renew') return this.#renew(socket, message.token);
    if (!this.#live(socket)) return;
    if (message.type === 'whisper') return this.#whisper(socket, message.to, message.text);
    if (message.type === 'monitor') return this.#startMonitor(socket, message.contactId);
    if (message.type === 'monitor-signal') return this.#relayMonitorSignal(socket, message);
    // A supervisor stops their own listening in, not a colleague's.
    if (message.type === 'monitor-stop') return this.#endMonitors('id = ? AND supervisor_id = ?', message.monitorId, socket.attachment.agentId);
    const contact = this.#contact(message.contactId);
    const agent = this.#activeAgent(message.agentId);
    if (contact?.state !== 'queued' || !agent) {
      return sendJson(socket, { type: 'error', code: 'conflict', message: 'That contact is no longer waiting, or that agent is not in this team.' } satisfies BoardServerMessage);
    }
    const withdrawn = this.#storage.transaction(() => {
      this.#storage.exec('UPDATE contacts SET reassigned_to = ? WHERE id = ?', agent.id, contact.id);
      this.#storage.exec('DELETE FROM declines WHERE contact_id = ? AND agent_id = ?', contact.id, agent.id);
      return this.#storage.exec<OfferRow>('DELETE FROM offers WHERE contact_id = ? AND agent_id != ? RETURNING *', contact.id, agent.id);
    });
    for (const offer of withdrawn) this.#sendToAgent(offer.agent_id, { type: 'offer-withdrawn', offerId: offer.id, reason: 'reassigned' });
    await this.#route();
  }

  // Listening in: the agent's console sends both sides' audio to the supervisor
  // on a peer connection of its own; this only introduces them and relays signals.
  async #startMonitor(socket: AgentSocket, contactId: string): Promise<void> {
    const contact = this.#contact(contactId);
    const supervisor = this.#agent(socket.attachment.agentId)!;
    if (contact?.state !== 'connected' || contact.media === 'chat' || !contact.agent_id) {
      return sendJson(socket, { type: 'error', code: 'conflict', message: 'That call is not live.' } satisfies BoardServerMessage);
    }
    if (!this.#consoles().some((other) => other.attachment.agentId === contact.agent_id)) {
      return sendJson(socket, { type: 'error', code: 'conflict', message: 'The agent\'s console is not connected.' } satisfies BoardServerMessage);
    }
    const monitorId = crypto.randomUUID();
    this.#storage.exec('INSERT INTO monitors (id, contact_id, supervisor_id, agent_id) VALUES (?, ?, ?, ?)', monitorId, contact.id, supervisor.id, contact.agent_id);
    const now = this.#context.now();
    const iceTransportPolicy = (await this.#context.actors.directory().relayOnly(this.#tenantId)) ? 'relay' : 'all';
    const [supervisorIce, agentIce] = await Promise.all([
      iceServersFor(this.#context.ice, supervisor.id, now),
      iceServersFor(this.#context.ice, contact.agent_id, now),
    ]);
    sendJson(socket, { type: 'monitor-started', monitorId, contactId: contact.id, iceServers: supervisorIce, iceTransportPolicy } satisfies BoardServerMessage);
    this.#sendToAgent(contact.agent_id, { type: 'monitor', monitorId, contactId: contact.id, supervisor: { name: supervisor.name }, iceServers: agentIce, iceTransportPolicy });
  }

  #relayMonitorSignal(socket: AgentSocket, message: Extract<BoardClientMessage, { type: 'monitor-signal' }>): void {
    const [monitor] = this.#storage.exec<MonitorRow>('SELECT * FROM monitors WHERE id = ?', message.monitorId);
    const { agentId, board } = socket.attachment;
    if (!monitor || agentId !== (board ? monitor.supervisor_id : monitor.agent_id)) return;
    if (board) return this.#sendToAgent(monitor.agent_id, message);
    for (const other of this.#boards()) {
      if (other.attachment.agentId === monitor.supervisor_id) sendJson(other, message satisfies BoardServerMessage);
    }
  }

  // Ends the listening connections that match, telling both ends.
  #endMonitors(where: string, ...params: SqlValue[]): void {
    for (const monitor of this.#storage.exec<MonitorRow>(`DELETE FROM monitors WHERE ${where} RETURNING *`, ...params)) {
      this.#sendToAgent(monitor.agent_id, { type: 'monitor-ended', monitorId: monitor.id });
      for (const other of this.#boards()) {
        if (other.attachment.agentId === monitor.supervisor_id) sendJson(other, { type: 'monitor-ended', monitorId: monitor.id } satisfies BoardServerMessage);
      }
    }
  }

  // A whisper goes between a supervisor's board and an agent's console, both ways, and never to the visitor.
  #whisper(socket: AgentSocket, to: string, text: string): void {
    const sender = this.#agent(socket.attachment.agentId);
    const recipient = this.#agent(to);
    const reachable = socket.attachment.board ? this.#consoles() : this.#boards();
    if (!sender || !recipient || !reachable.some((other) => other.attachment.agentId === to)) {
      return sendJson(socket, { type: 'error', code: 'conflict', message: `${recipient?.name ?? 'That person'} is not signed in.` } satisfies AgentServerMessage);
    }
    const whisper: Whisper = { from: { id: sender.id, name: sender.name }, to, text, at: this.#context.now() };
    for (const other of [...reachable.filter((candidate) => candidate.attachment.agentId === to), socket]) {
      sendJson(other, { type: 'whisper', whisper } satisfies AgentServerMessage);
    }
  }

  // The agent's console and board close, and the console signs out.
  #closeSockets(agentId: string, reason: string): void {
    for (const socket of this.#host.sockets()) {
      if (socket.attachment.agentId === agentId) socket.close(agentRefusedCloseCode, reason);
    }
  }

  #agent(agentId: string): AgentRow | undefined {
    return this.#storage.exec<AgentRow>('SELECT * FROM agents WHERE id = ?', agentId)[0];
  }

  // An agent who may be handed work: a removed one would never be offered it, and the visitor would wait for nobody.
  #activeAgent(agentId: string): AgentRow | undefined {
    return this.#storage.exec<AgentRow>('SELECT * FROM agents WHERE id = ? AND deactivated_at IS NULL', agentId)[0];
  }

  #contact(contactId: string): ContactRow | undefined {
    return this.#storage.exec<ContactRow>('SELECT * FROM contacts WHERE id = ?', contactId)[0];
  }
}

function queueHours(queue: QueueRow): QueueHours {
  return { hours: queue.hours === null ? null : parseBusinessHours(JSON.parse(queue.hours)), maxWaitSeconds: queue.max_wait_seconds };
}

function queueOf(row: QueueRow): Queue {
  return { id: row.id, name: row.name, priority: row.priority, skills: JSON.parse(row.skills) as string[] };
}

function profile(agent: AgentRow): AgentProfile {
  return { id: agent.id, name: agent.name, email: agent.email, role: agent.role };
}

// How often and how long the call was on hold, for a contact that ever was.
function holdOf(row: Pick<ContactRow, 'holds' | 'hold_ms'>): Pick<Contact, 'hold'> {
  return row.holds ? { hold: { times: row.holds, seconds: Math.round(row.hold_ms / 1000) } } : {};
}

function customerColumns(customer: Customer | null | undefined): (string | null)[] {
  return customer ? [customer.id, customer.name, customer.email] : [null, null, null];
}

function customerOf(row: Pick<ContactRow, 'customer_id' | 'customer_name' | 'customer_email'>): Customer | null {
  return row.customer_id === null ? null : { id: row.customer_id, name: row.customer_name, email: row.customer_email };
}

// Who an agent is offered or talks to; the customer only for a verified visitor.
function callerOf(contact: ContactRow): Caller {
  const customer = customerOf(contact);
  return { visitor: contact.visitor_label, page: contact.page, ...(customer && { customer }) };
}

function durationSeconds(row: Pick<ContactRow, 'connected_at' | 'ended_at'>): number {
  return row.connected_at && row.ended_at ? Math.round((row.ended_at - row.connected_at) / 1000) : 0;
}

function qualitySummary(row: QualityRow): QualitySummary {
  return {
    samples: row.samples,
    averageMos: row.average_mos,
    worstMos: row.worst_mos,
    averageLossPercent: row.average_loss_percent,
    worstLossPercent: row.worst_loss_percent,
    averageVideoLossPercent: row.average_video_loss_percent,
    worstVideoLossPercent: row.worst_video_loss_percent,
    recentMos: row.recent_mos,
    recentLossPercent: row.recent_loss_percent,
    relayUsed: row.relay_used === 1,
    peerRelayUsed: row.peer_relay_used === null ? null : row.peer_relay_used === 1,
    reconnects: row.reconnects,
  };
}
