// A tenant's team as its admins manage it: agents invited by a one-time link,
// their role, skills and capacity, password resets and removal. It lives in
// the switchboard's SQLite; the switchboard routes again after each change.
import type { AdminAgent, AgentChange, AgentInvite, AgentProfile, InviteDetails, Role } from '@beckon/protocol';
import type { Storage } from '../storage/storage.ts';

interface TeamRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  skills: string;
  capacity: number;
  deactivated_at: number | null;
  /** When the agent was last reset or removed (ms): access tokens issued before then are refused. */
  sessions_since: number;
}

/** A one-time invite link's token, as the team keeps it: a hash and its expiry. */
export interface InviteHash { tokenHash: string; expiresAt: number }

/** Why an admin's change was refused. */
export type TeamRefusal = 'not_found' | 'last_admin' | 'yourself';

// An agent with no password yet (invited, or reset) cannot sign in: no hash verifies against ''.
const noPassword = '';

export class Team {
  #storage: Storage;
  #now: () => number;

  constructor(storage: Storage, now: () => number) {
    this.#storage = storage;
    this.#now = now;
  }

  /**
   * The role of an agent who may work now; null for an unknown or removed
   * agent, and for a session (`issuedAt`: ms) from before they were last reset or removed.
   * @example team.role(agentId) // 'admin'
   */
  role(agentId: string, issuedAt = Infinity): Role | null {
    const agent = this.#active(agentId);
    return agent && issuedAt >= agent.sessions_since ? agent.role : null;
  }

  /**
   * The team, by name; removed agents are not listed.
   * @example team.agents()[0]?.state // 'active'
   */
  agents(): AdminAgent[] {
    return this.#storage.exec<TeamRow>('SELECT * FROM agents WHERE deactivated_at IS NULL ORDER BY name, email').map(adminAgent);
  }

  /**
   * Adds an invited agent (or brings back a removed one with that email, with their history) and keeps the link's hash.
   * @example team.invite({ name: 'Ada', email: 'ada@example.com', role: 'agent', skills: [], capacity: 1 }, { tokenHash, expiresAt })
   */
  invite(invite: AgentInvite, link: InviteHash): AdminAgent | 'exists' {
    const [existing] = this.#storage.exec<TeamRow>('SELECT * FROM agents WHERE email = ?', invite.email);
    if (existing && existing.deactivated_at === null) return 'exists';
    const id = existing?.id ?? crypto.randomUUID();
    const skills = JSON.stringify(invite.skills);
    this.#storage.transaction(() => {
      if (existing) {
        this.#storage.exec(
          'UPDATE agents SET name = ?, role = ?, skills = ?, capacity = ?, password_hash = ?, deactivated_at = NULL WHERE id = ?',
          invite.name, invite.role, skills, invite.capacity, noPassword, id,
        );
      } else {
        this.#storage.exec(
          'INSERT INTO agents (id, email, name, role, password_hash, skills, capacity) VALUES (?, ?, ?, ?, ?, ?, ?)',
          id, invite.email, invite.name, invite.role, noPassword, skills, invite.capacity,
        );
      }
      this.#replaceInvite(id, link);
    });
    return adminAgent(this.#active(id)!);
  }

  /**
   * Who an invite link is for, while it is unused and unexpired.
   * @example team.inviteDetails(await sha256(token)) // { name: 'Ada', email: 'ada@example.com', expiresAt }
   */
  inviteDetails(tokenHash: string): InviteDetails | null {
    const [row] = this.#storage.exec<TeamRow & { expires_at: number }>(
      `SELECT a.*, i.expires_at FROM agent_invites i JOIN agents a ON a.id = i.agent_id
       WHERE i.token_hash = ? AND i.expires_at > ? AND a.deactivated_at IS NULL`,
      tokenHash, this.#now(),
    );
    return row ? { name: row.name, email: row.email, expiresAt: row.expires_at } : null;
  }

  /**
   * Spends an invite link: the agent's password becomes the given hash. Null for a link that is unknown, used or expired.
   * @example team.acceptInvite(await sha256(token), await hashPassword('correct horse')) // AgentProfile
   */
  acceptInvite(tokenHash: string, passwordHash: string): AgentProfile | null {
    return this.#storage.transaction(() => {
      const [invite] = this.#storage.exec<{ agent_id: string; expires_at: number }>(
        'DELETE FROM agent_invites WHERE token_hash = ? RETURNING agent_id, expires_at', tokenHash,
      );
      const agent = invite && invite.expires_at > this.#now() ? this.#active(invite.agent_id) : undefined;
      if (!agent) return null;
      this.#storage.exec('UPDATE agents SET password_hash = ? WHERE id = ?', passwordHash, agent.id);
      return { id: agent.id, name: agent.name, email: agent.email, role: agent.role };
    });
  }

  /**
   * Changes an agent's name, role, skills or capacity; the last admin stays an admin.
   * @example team.update(agentId, { role: 'supervisor' }) // AdminAgent, or 'last_admin'
   */
  update(agentId: string, change: AgentChange): AdminAgent | Exclude<TeamRefusal, 'yourself'> {
    const agent = this.#active(agentId);
    if (!agent) return 'not_found';
    if (change.role && change.role !== 'admin' && this.#isLastAdmin(agent)) return 'last_admin';
    const next = { ...adminAgent(agent), ...change };
    this.#storage.exec(
      'UPDATE agents SET name = ?, role = ?, skills = ?, capacity = ? WHERE id = ?',
      next.name, next.role, JSON.stringify(next.skills), next.capacity, agentId,
    );
    return adminAgent(this.#active(agentId)!);
  }

  /**
   * Takes an agent's password and refresh tokens away and keeps a new invite
   * link's hash; with `signOut`, their access tokens too.
   * @example team.reset(agentId, { tokenHash, expiresAt }, true) // AdminAgent in state 'invited', or null
   */
  reset(agentId: string, link: InviteHash, signOut: boolean): AdminAgent | null {
    const agent = this.#active(agentId);
    if (!agent) return null;
    this.#storage.transaction(() => {
      this.#storage.exec('UPDATE agents SET password_hash = ?, sessions_since = ? WHERE id = ?', noPassword, signOut ? this.#now() : agent.sessions_since, agentId);
      this.#storage.exec('DELETE FROM refresh_tokens WHERE agent_id = ?', agentId);
      this.#replaceInvite(agentId, link);
    });
    return adminAgent(this.#active(agentId)!);
  }

  /**
   * Deactivates an agent: no sign-in, no offers, listed no more; History keeps their name.
   * Nobody removes themselves, and the last admin stays.
   * @example team.remove(agentId, adminId) // the removed agent, or 'yourself' | 'last_admin' | 'not_found'
   */
  remove(agentId: string, removedBy: string): AdminAgent | TeamRefusal {
    if (agentId === removedBy) return 'yourself';
    const agent = this.#active(agentId);
    if (!agent) return 'not_found';
    if (this.#isLastAdmin(agent)) return 'last_admin';
    this.#storage.transaction(() => {
      this.#storage.exec(
        `UPDATE agents SET deactivated_at = ?, sessions_since = ?, password_hash = ?, status = 'offline', away_reason = NULL,
           disconnected_at = NULL, wrap_up_contact = NULL, wrap_up_until = NULL WHERE id = ?`,
        this.#now(), this.#now(), noPassword, agentId,
      );
      for (const table of ['refresh_tokens', 'agent_invites', 'offers']) this.#storage.exec(`DELETE FROM ${table} WHERE agent_id = ?`, agentId);
    });
    return adminAgent(agent);
  }

  // One link per agent: a new one replaces any the agent had.
  #replaceInvite(agentId: string, link: InviteHash): void {
    this.#storage.exec('DELETE FROM agent_invites WHERE agent_id = ? OR expires_at <= ?', agentId, this.#now());
    this.#storage.exec('INSERT INTO agent_invites (token_hash, agent_id, expires_at) VALUES (?, ?, ?)', link.tokenHash, agentId, link.expiresAt);
  }

  #isLastAdmin(agent: TeamRow): boolean {
    if (agent.role !== 'admin') return false;
    const [row] = this.#storage.exec<{ admins: number }>("SELECT COUNT(*) AS admins FROM agents WHERE role = 'admin' AND deactivated_at IS NULL");
    return (row?.admins ?? 0) <= 1;
  }

  #active(agentId: string): TeamRow | undefined {
    return this.#storage.exec<TeamRow>('SELECT * FROM agents WHERE id = ? AND deactivated_at IS NULL', agentId)[0];
  }
}

function adminAgent(row: TeamRow): AdminAgent {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    skills: JSON.parse(row.skills) as string[],
    capacity: row.capacity,
    state: row.password_hash === noPassword ? 'invited' : 'active',
  };
}
