// One tenant's switchboard: agents and their presence, the queue, ringing
// offers with their timeouts, the contact history with its surveys, the
// tenant's webhook deliveries, and what its admins manage (team, queues, settings).
import {
  agentRefusedCloseCode,
  defaultQueue,
  parseAgentMessage,
  type AdminAgent,
  type AgentChange,
  type AgentClientMessage,
  type AgentInvite,
  type AgentProfile,
  type AgentServerMessage,
  type AwayReason,
  type Disposition,
  type CallSide,
  type Contact,
  type InviteDetails,
  type Media,
  type Outcome,
  type QualitySummary,
  type Queue,
  type QueueChange,
  type Role,
  type SettingsChange,
  type Survey,
  type WebhookDelivery,
} from '@beckon/protocol';
import { verifyPassword } from '../auth/passwords.ts';
import {
  averageHandleSeconds,
  canTake,
  contactOutcome,
  estimatedWaitSeconds,
  planOffers,
  queuePositions,
  type RoutingAgent,
  type UnansweredResult,
  type WaitingContact,
} from '../routing/routing.ts';
import type { Storage } from '../storage/storage.ts';
import { WebhookOutbox, type WebhookEndpoint } from '../webhooks/outbox.ts';
import { sendJson, type ActorContext, type ActorHost, type ActorSocket } from './host.ts';
import { Team, type InviteHash, type TeamRefusal } from './team.ts';
import { TenantSettingsStore, type SwitchboardSettings } from './tenant-settings.ts';

export interface AgentAttachment { agentId: string }
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
  deactivated_at: number | null;
}

interface QueueRow { id: string; name: string; priority: number; skills: string }

/** What became of a queue an admin asked to delete. */
export type QueueDeletion = 'deleted' | 'not_found' | 'default' | 'waiting';

interface ContactRow {
  id: string;
  visitor_id: string;
  visitor_label: string;
  page: string;
  media: Media;
  state: 'queued' | 'connected' | 'ended';
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
}

interface QualityRow {
  contact_id: string;
  side: CallSide;
  samples: number;
  average_mos: number | null;
  worst_mos: number | null;
  average_loss_percent: number | null;
  worst_loss_percent: number | null;
  relay_used: number;
  reconnects: number;
}

/** What routing reads of a waiting contact. */
type WaitingRow = Pick<ContactRow, 'id' | 'created_at' | 'queue_id' | 'position' | 'estimated_wait'>;

interface SurveyRow { contact_id: string; rating: number; comment: string | null }

/** What became of a survey: kept, or why not. */
export type SurveyResult = 'saved' | 'not_found' | 'not_ended' | 'already_submitted';

interface OfferRow { id: string; contact_id: string; agent_id: string; expires_at: number }

/** How many of the newest contacts History lists. */
const historyLimit = 500;

export interface NewContact { id: string; visitorId: string; visitorLabel: string; page: string; media: Media; queueId: string }

// How many of a queue's latest calls its average talk time is taken from.
const handleTimeWindow = 20;

export class Switchboard {
  #storage: Storage;
  #host: ActorHost<AgentAttachment>;
  #context: ActorContext;
  #tenantId: string;
  #webhooks: WebhookOutbox;
  #team: Team;
  #settings: TenantSettingsStore;

  constructor(tenantId: string, storage: Storage, host: ActorHost<AgentAttachment>, context: ActorContext) {
    this.#tenantId = tenantId;
    this.#storage = storage;
    this.#host = host;
    this.#context = context;
    this.#webhooks = new WebhookOutbox(tenantId, storage, context.webhookRetry, context.now);
    this.#team = new Team(storage, context.now);
    this.#settings = new TenantSettingsStore(storage, context);
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
   * The agent's profile when the password is right, otherwise null.
   * @example await switchboard.verifyAgent('agent@demo.test', 'secret')
   */
  async verifyAgent(email: string, password: string): Promise<AgentProfile | null> {
    const [agent] = this.#storage.exec<AgentRow>('SELECT * FROM agents WHERE email = ? AND deactivated_at IS NULL', email);
    if (!agent || !(await verifyPassword(password, agent.password_hash))) return null;
    return profile(agent);
  }

  /**
   * Remembers a refresh token (by its hash) for an agent.
   * @example await switchboard.saveRefreshToken(agentId, await sha256(token), Date.now() + 86_400_000);
   */
  async saveRefreshToken(agentId: string, tokenHash: string, expiresAt: number): Promise<void> {
    this.#storage.exec('DELETE FROM refresh_tokens WHERE expires_at < ?', this.#context.now());
    this.#storage.exec('INSERT INTO refresh_tokens (token_hash, agent_id, expires_at) VALUES (?, ?, ?)', tokenHash, agentId, expiresAt);
  }

  /**
   * Spends a refresh token: it works once, then the caller issues a new one.
   * @example await switchboard.useRefreshToken(hash) // AgentProfile or null
   */
  async useRefreshToken(tokenHash: string): Promise<AgentProfile | null> {
    return this.#storage.transaction(() => {
      const [row] = this.#storage.exec<{ agent_id: string; expires_at: number }>(
        'SELECT agent_id, expires_at FROM refresh_tokens WHERE token_hash = ?', tokenHash,
      );
      this.#storage.exec('DELETE FROM refresh_tokens WHERE token_hash = ?', tokenHash);
      if (!row || row.expires_at < this.#context.now()) return null;
      const agent = this.#agent(row.agent_id);
      return agent && agent.deactivated_at === null ? profile(agent) : null;
    });
  }

  /**
   * Puts a new contact in the queue and routes; returns its queue position.
   * @example await switchboard.enqueue({ id, visitorId, visitorLabel: 'Visitor 4F2A', page, media: 'video' }) // 1
   */
  async enqueue(contact: NewContact): Promise<number> {
    this.#storage.exec(
      `INSERT INTO contacts (id, visitor_id, visitor_label, page, media, state, created_at, queue_id)
       VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)`,
      contact.id, contact.visitorId, contact.visitorLabel, contact.page, contact.media, this.#context.now(), contact.queueId,
    );
    this.#webhooks.queue('contact.created', {
      contact: { id: contact.id, visitor: contact.visitorLabel, page: contact.page, media: contact.media, queue: contact.queueId, createdAt: this.#context.now() },
    });
    await this.#route();
    return this.#contact(contact.id)?.position ?? 1;
  }

  /**
   * Whether the tenant has a queue with this id.
   * @example await switchboard.hasQueue('support') // true
   */
  async hasQueue(queueId: string): Promise<boolean> {
    return this.#storage.exec('SELECT 1 FROM queues WHERE id = ?', queueId).length > 0;
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
    if (row) await this.#route();
    return Boolean(row);
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
      connected: contact.state === 'connected',
      failed: how.failed,
      lastOfferResult: contact.last_offer_result,
    });
    const withdrawn = this.#storage.transaction(() => {
      const offers = this.#storage.exec<OfferRow>('SELECT * FROM offers WHERE contact_id = ?', contactId);
      this.#storage.exec('DELETE FROM offers WHERE contact_id = ?', contactId);
      this.#storage.exec(
        "UPDATE contacts SET state = 'ended', ended_at = ?, outcome = ?, position = NULL WHERE id = ?",
        this.#context.now(), outcome, contactId,
      );
      if (contact.agent_id) {
        this.#storage.exec('UPDATE agents SET busy_with = NULL, idle_since = ? WHERE id = ? AND busy_with = ?', this.#context.now(), contact.agent_id, contactId);
      }
      return offers;
    });
    const ended = this.#contact(contactId)!;
    this.#webhooks.queue('contact.ended', {
      contact: {
        id: contactId,
        outcome,
        agent: contact.agent_id ? { id: contact.agent_id, name: this.#agent(contact.agent_id)?.name ?? '' } : null,
        createdAt: ended.created_at,
        connectedAt: ended.connected_at,
        endedAt: ended.ended_at,
        durationSeconds: durationSeconds(ended),
      },
    });
    for (const offer of withdrawn) this.#sendToAgent(offer.agent_id, { type: 'offer-withdrawn', offerId: offer.id, reason: 'cancelled' });
    if (contact.state === 'connected' && contact.agent_id) this.#startWrapUp(contact.agent_id, contactId);
    await this.#route();
    return outcome;
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
         (contact_id, side, samples, average_mos, worst_mos, average_loss_percent, worst_loss_percent, relay_used, reconnects)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      contactId, side, summary.samples, summary.averageMos, summary.worstMos,
      summary.averageLossPercent, summary.worstLossPercent, summary.relayUsed ? 1 : 0, summary.reconnects,
    );
  }

  /**
   * The tenant's contacts, newest first.
   * @example (await switchboard.contacts())[0]?.outcome // 'completed'
   */
  async contacts(): Promise<Contact[]> {
    const rows = this.#storage.exec<ContactRow & { agent_name: string | null }>(
      `SELECT c.*, a.name AS agent_name FROM contacts c LEFT JOIN agents a ON a.id = c.agent_id
       ORDER BY c.created_at DESC LIMIT ${historyLimit}`,
    );
    const quality = new Map<string, Contact['quality']>();
    const surveys = new Map(
      this.#storage
        .exec<SurveyRow>(
          `SELECT s.contact_id, s.rating, s.comment FROM contact_surveys s
           JOIN (SELECT id FROM contacts ORDER BY created_at DESC LIMIT ${historyLimit}) c ON c.id = s.contact_id`,
        )
        .map((row) => [row.contact_id, { rating: row.rating, comment: row.comment }]),
    );
    // The same newest contacts as above, without one bound parameter per contact.
    for (const row of this.#storage.exec<QualityRow>(
      `SELECT q.* FROM contact_quality q
       JOIN (SELECT id FROM contacts ORDER BY created_at DESC LIMIT ${historyLimit}) c ON c.id = q.contact_id`,
    )) {
      quality.set(row.contact_id, { ...quality.get(row.contact_id), [row.side]: qualitySummary(row) });
    }
    return rows.map((row) => ({
      id: row.id,
      visitor: row.visitor_label,
      page: row.page,
      media: row.media,
      agent: row.agent_id ? { id: row.agent_id, name: row.agent_name ?? '' } : null,
      createdAt: row.created_at,
      connectedAt: row.connected_at,
      endedAt: row.ended_at,
      durationSeconds: durationSeconds(row),
      outcome: row.outcome,
      ...(quality.has(row.id) && { quality: quality.get(row.id) }),
      wrapUp: row.disposition ? { disposition: row.disposition, notes: row.notes ?? '', seconds: row.wrap_up_seconds } : null,
      ...(surveys.has(row.id) && { survey: surveys.get(row.id) }),
    }));
  }

  /**
   * Keeps the visitor's survey of a call that connected and has ended; one per contact.
   * @example await switchboard.submitSurvey(conversationId, { rating: 4, comment: null }) // 'saved'
   */
  async submitSurvey(contactId: string, survey: Survey): Promise<SurveyResult> {
    const contact = this.#contact(contactId);
    if (!contact) return 'not_found';
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
   * The role of an agent who may work now; null for an unknown or removed agent.
   * @example await switchboard.agentRole(agentId) // 'admin'
   */
  async agentRole(agentId: string): Promise<Role | null> {
    return this.#team.role(agentId);
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
    if (typeof result === 'object') await this.#route();
    return result;
  }

  /**
   * Takes an agent's password and refresh tokens away; they set a new one from the new link.
   * @example await switchboard.resetAgent(agentId, { tokenHash, expiresAt }) // AdminAgent or null
   */
  async resetAgent(agentId: string, link: InviteHash): Promise<AdminAgent | null> {
    return this.#team.reset(agentId, link);
  }

  /**
   * Removes an agent: their console is closed, their offers go to others, History keeps their name.
   * @example await switchboard.removeAgent(agentId, adminId) // AdminAgent, 'not_found', 'last_admin' or 'yourself'
   */
  async removeAgent(agentId: string, removedBy: string): Promise<AdminAgent | TeamRefusal> {
    const result = this.#team.remove(agentId, removedBy);
    if (typeof result !== 'object') return result;
    for (const socket of this.#host.sockets()) {
      if (socket.attachment.agentId === agentId) socket.close(agentRefusedCloseCode, 'removed');
    }
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
    return this.#settings.change(change);
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
    this.#storage.exec('UPDATE agents SET disconnected_at = NULL WHERE id = ?', agent.id);
    if (agent.status === 'offline') this.#setStatus(agent.id, 'available');
    const status = agent.status === 'away' ? 'away' : 'available';
    const reason = status === 'away' && agent.away_reason ? { reason: agent.away_reason } : {};
    sendJson(socket, { type: 'presence', status, ...reason } satisfies AgentServerMessage);
    // A console opened mid wrap-up (a reload) shows the form again.
    if (agent.wrap_up_contact && agent.wrap_up_until) {
      sendJson(socket, { type: 'wrap-up', contactId: agent.wrap_up_contact, until: agent.wrap_up_until } satisfies AgentServerMessage);
    }
    for (const offer of this.#storage.exec<OfferRow>('SELECT * FROM offers WHERE agent_id = ?', agent.id)) {
      const message = this.#offerMessage(offer);
      if (message) sendJson(socket, message);
    }
    await this.#route();
  }

  /**
   * Handles one message from an agent's console.
   * @example await switchboard.agentSocketMessage(socket, '{"type":"presence","status":"away"}');
   */
  async agentSocketMessage(socket: AgentSocket, text: string): Promise<void> {
    const parsed = parseAgentMessage(text);
    if (!parsed.ok) return sendJson(socket, { type: 'error', code: parsed.code, message: parsed.error } satisfies AgentServerMessage);
    await this.#handle(socket, parsed.message);
  }

  /**
   * An agent's console disconnected: offline once its last socket is gone.
   * @example await switchboard.agentSocketClosed(socket);
   */
  async agentSocketClosed(socket: AgentSocket): Promise<void> {
    const { agentId } = socket.attachment;
    const stillOpen = this.#host.sockets().some((other) => other !== socket && other.attachment.agentId === agentId);
    if (stillOpen) return;
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
      "UPDATE agents SET status = 'away', away_reason = 'connection-lost', disconnected_at = NULL WHERE disconnected_at <= ? AND status = 'available'",
      now - this.#context.reconnectGraceMs,
    );
    this.#storage.exec('UPDATE agents SET disconnected_at = NULL WHERE disconnected_at <= ?', now - this.#context.reconnectGraceMs);
    for (const agent of this.#storage.exec<AgentRow>('SELECT * FROM agents WHERE wrap_up_until <= ?', now)) this.#endWrapUp(agent, false);
    const expired = this.#storage.exec<OfferRow>('SELECT * FROM offers WHERE expires_at <= ?', now);
    for (const offer of expired) {
      this.#storage.transaction(() => {
        this.#storage.exec('DELETE FROM offers WHERE id = ?', offer.id);
        this.#storage.exec("UPDATE contacts SET last_offer_result = 'missed' WHERE id = ?", offer.contact_id);
        this.#storage.exec("UPDATE agents SET status = 'away', away_reason = 'missed-offer' WHERE id = ?", offer.agent_id);
      });
      this.#sendToAgent(offer.agent_id, { type: 'offer-withdrawn', offerId: offer.id, reason: 'timeout' });
      this.#sendToAgent(offer.agent_id, { type: 'presence', status: 'away', reason: 'missed-offer' });
    }
    await this.#route();
    this.#webhooks.sendDue(() => this.#arm());
    this.#arm();
  }

  async #handle(socket: AgentSocket, message: AgentClientMessage): Promise<void> {
    const { agentId } = socket.attachment;
    if (message.type === 'presence') {
      this.#setStatus(agentId, message.status);
      if (message.status === 'away') this.#storage.exec('DELETE FROM offers WHERE agent_id = ?', agentId);
      this.#sendToAgent(agentId, { type: 'presence', status: message.status });
      return this.#route();
    }
    if (message.type === 'wrap-up') return this.#saveWrapUp(socket, message);
    if (message.type === 'leave') {
      this.#storage.transaction(() => {
        this.#storage.exec("UPDATE agents SET status = 'offline', away_reason = NULL, disconnected_at = NULL WHERE id = ?", agentId);
        this.#storage.exec('DELETE FROM offers WHERE agent_id = ?', agentId);
      });
      return this.#route();
    }
    const [offer] = this.#storage.exec<OfferRow>('SELECT * FROM offers WHERE id = ? AND agent_id = ?', message.offerId, agentId);
    if (!offer) {
      return sendJson(socket, { type: 'error', code: 'conflict', message: 'That call is no longer ringing.' } satisfies AgentServerMessage);
    }
    if (message.type === 'decline') {
      this.#storage.transaction(() => {
        this.#storage.exec('DELETE FROM offers WHERE id = ?', offer.id);
        this.#storage.exec('INSERT OR IGNORE INTO declines (contact_id, agent_id) VALUES (?, ?)', offer.contact_id, agentId);
        this.#storage.exec("UPDATE contacts SET last_offer_result = 'declined' WHERE id = ?", offer.contact_id);
      });
      return this.#route();
    }
    await this.#accept(offer);
  }

  async #accept(offer: OfferRow): Promise<void> {
    const now = this.#context.now();
    this.#storage.transaction(() => {
      this.#storage.exec('DELETE FROM offers WHERE contact_id = ?', offer.contact_id);
      this.#storage.exec(
        "UPDATE contacts SET state = 'connected', agent_id = ?, connected_at = ?, position = NULL WHERE id = ?",
        offer.agent_id, now, offer.contact_id,
      );
      this.#storage.exec('UPDATE agents SET busy_with = ? WHERE id = ?', offer.contact_id, offer.agent_id);
    });
    const contact = this.#contact(offer.contact_id)!;
    const agent = this.#agent(offer.agent_id)!;
    const token = await this.#context.tokens.issue({
      kind: 'conversation',
      tenantId: this.#tenantId,
      conversationId: contact.id,
      participant: 'agent',
      participantId: agent.id,
    });
    await this.#context.actors.conversation(contact.id).assign({ agentId: agent.id, agentName: agent.name });
    this.#sendToAgent(agent.id, {
      type: 'assigned',
      conversationId: contact.id,
      token,
      media: contact.media,
      caller: { visitor: contact.visitor_label, page: contact.page },
    });
    await this.#route();
  }

  /** Offers waiting contacts to free agents, tells visitors their places and waits, and arms the ring timeout. */
  async #route(): Promise<void> {
    const now = this.#context.now();
    const waiting = this.#storage.exec<WaitingRow>("SELECT id, created_at, queue_id, position, estimated_wait FROM contacts WHERE state = 'queued'");
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
    for (const offer of offers) {
      const message = this.#offerMessage(offer);
      if (message) this.#sendToAgent(offer.agent_id, message);
    }
    this.#arm();
    await Promise.all(moved.map(({ id, position, estimatedWait }) => this.#context.actors.conversation(id).queued(position, estimatedWait)));
  }

  #startWrapUp(agentId: string, contactId: string): void {
    const until = this.#context.now() + this.#settings.get().wrapUpSeconds * 1000;
    this.#storage.exec('UPDATE agents SET wrap_up_contact = ?, wrap_up_until = ? WHERE id = ?', contactId, until, agentId);
    this.#sendToAgent(agentId, { type: 'wrap-up', contactId, until });
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
    const wrapping = agent.wrap_up_contact === contact.id;
    const seconds = wrapping && contact.ended_at ? Math.round((this.#context.now() - contact.ended_at) / 1000) : contact.wrap_up_seconds;
    this.#storage.exec('UPDATE contacts SET disposition = ?, notes = ?, wrap_up_seconds = ? WHERE id = ?', message.disposition, message.notes, seconds, contact.id);
    if (wrapping) this.#endWrapUp(agent, true);
    else this.#sendToAgent(agent.id, { type: 'wrap-up-ended', contactId: contact.id, saved: true });
    await this.#route();
  }

  // Wakes for whichever comes first: an offer ringing out, a disconnected agent's
  // grace period ending, a wrap-up running out, or the next webhook attempt.
  #arm(): void {
    const [row] = this.#storage.exec<{ at: number | null }>(
      `SELECT MIN(at) AS at FROM (
         SELECT MIN(expires_at) AS at FROM offers
         UNION ALL SELECT MIN(wrap_up_until) FROM agents
         UNION ALL SELECT MIN(disconnected_at) + ? FROM agents WHERE disconnected_at IS NOT NULL
       )`,
      this.#context.reconnectGraceMs,
    );
    const times = [row?.at ?? null, this.#webhooks.nextAttemptAt()].filter((at): at is number => at !== null);
    this.#host.setAlarm(times.length ? Math.min(...times) : null);
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
        offered: offered.has(contact.id),
        declinedBy: declines.get(contact.id) ?? [],
      };
    });
  }

  #routingAgents(): RoutingAgent[] {
    // Only a console that is connected now can ring, whatever the stored status says.
    const connected = new Set(this.#host.sockets().map((socket) => socket.attachment.agentId));
    const ringing = new Set(this.#storage.exec<{ agent_id: string }>('SELECT agent_id FROM offers').map((row) => row.agent_id));
    const active = new Map(
      this.#storage
        .exec<{ agent_id: string; calls: number }>("SELECT agent_id, COUNT(*) AS calls FROM contacts WHERE state = 'connected' GROUP BY agent_id")
        .map((row) => [row.agent_id, row.calls]),
    );
    return this.#storage.exec<AgentRow>('SELECT * FROM agents WHERE deactivated_at IS NULL').map((agent) => ({
      id: agent.id,
      status: connected.has(agent.id) ? agent.status : 'offline',
      idleSince: agent.idle_since ?? 0,
      skills: JSON.parse(agent.skills) as string[],
      capacity: agent.capacity,
      active: active.get(agent.id) ?? 0,
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
    const queues = new Map<string, { staffed: number; free: number; handleSeconds: number }>();
    for (const [contactId, position] of queuePositions(contacts)) {
      const contact = byId.get(contactId)!;
      const row = rows.get(contactId)!;
      let queue = queues.get(contact.queueId);
      if (!queue) {
        const staffed = agents.filter((agent) => agent.status === 'available' && contact.skills.every((skill) => agent.skills.includes(skill)));
        queue = {
          staffed: staffed.length,
          free: staffed.filter((agent) => canTake(agent, { ...contact, declinedBy: [] })).length,
          handleSeconds: this.#averageHandleSeconds(contact.queueId),
        };
        queues.set(contact.queueId, queue);
      }
      const estimatedWait = estimatedWaitSeconds({ position, staffedAgents: queue.staffed, freeAgents: queue.free, averageHandleSeconds: queue.handleSeconds });
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

  #offerMessage(offer: OfferRow): AgentServerMessage | null {
    const contact = this.#contact(offer.contact_id);
    if (!contact) return null;
    return {
      type: 'offer',
      offerId: offer.id,
      conversationId: contact.id,
      media: contact.media,
      caller: { visitor: contact.visitor_label, page: contact.page },
      expiresAt: offer.expires_at,
    };
  }

  #setStatus(agentId: string, status: 'available' | 'away'): void {
    // Becoming available starts the idle clock that longest-idle routing reads.
    this.#storage.exec(
      `UPDATE agents SET status = ?, away_reason = NULL,
         idle_since = CASE WHEN ? = 'available' AND status != 'available' THEN ? ELSE idle_since END WHERE id = ?`,
      status, status, this.#context.now(), agentId,
    );
  }

  #sendToAgent(agentId: string, message: AgentServerMessage): void {
    for (const socket of this.#host.sockets()) {
      if (socket.attachment.agentId === agentId) sendJson(socket, message);
    }
  }

  #agent(agentId: string): AgentRow | undefined {
    return this.#storage.exec<AgentRow>('SELECT * FROM agents WHERE id = ?', agentId)[0];
  }

  #contact(contactId: string): ContactRow | undefined {
    return this.#storage.exec<ContactRow>('SELECT * FROM contacts WHERE id = ?', contactId)[0];
  }
}

function queueOf(row: QueueRow): Queue {
  return { id: row.id, name: row.name, priority: row.priority, skills: JSON.parse(row.skills) as string[] };
}

function profile(agent: AgentRow): AgentProfile {
  return { id: agent.id, name: agent.name, email: agent.email, role: agent.role };
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
    relayUsed: row.relay_used === 1,
    reconnects: row.reconnects,
  };
}
