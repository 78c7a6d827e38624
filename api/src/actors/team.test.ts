// The team's rules on real SQLite with the switchboard's own migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { readMigrations } from '../runtime/node/migrations.ts';
import { openSqlite, type SqliteStorage } from '../runtime/node/sqlite.ts';
import { migrate } from '../storage/storage.ts';
import { Team } from './team.ts';

let dir: string;
let storage: SqliteStorage;
let now: number;
let team: Team;
const hour = 3_600_000;
const invite = (email: string, role: 'agent' | 'admin' = 'agent') =>
  team.invite({ name: email.split('@')[0]!, email, role, skills: ['es'], capacity: 2 }, { tokenHash: `hash-${email}`, expiresAt: now + 72 * hour });
const invited = (email: string, role: 'agent' | 'admin' = 'agent') => {
  const agent = invite(email, role);
  if (agent === 'exists') throw new Error(`${email} exists`);
  return agent;
};
const passwordOf = (id: string) => storage.exec<{ password_hash: string }>('SELECT password_hash FROM agents WHERE id = ?', id)[0]!.password_hash;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'beckon-team-'));
  storage = openSqlite(join(dir, 'switchboard.sqlite'));
  migrate(storage, readMigrations('switchboard'));
  now = 1_700_000_000_000;
  team = new Team(storage, () => now);
});
afterEach(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('invites', () => {
  it('adds an agent who cannot sign in until the link is spent, and the link works once', async () => {
    const ada = invited('ada@example.com');
    expect(ada).toMatchObject({ email: 'ada@example.com', role: 'agent', skills: ['es'], capacity: 2, state: 'invited' });
    expect(await verifyPassword('', passwordOf(ada.id))).toBe(false);
    expect(team.inviteDetails('hash-ada@example.com')).toEqual({ name: 'ada', email: 'ada@example.com', expiresAt: now + 72 * hour });
    const hash = await hashPassword('correct horse');
    expect(team.acceptInvite('hash-ada@example.com', hash)).toEqual({ id: ada.id, name: 'ada', email: 'ada@example.com', role: 'agent' });
    expect(await verifyPassword('correct horse', passwordOf(ada.id))).toBe(true);
    expect(team.agents()).toEqual([{ ...ada, state: 'active' }]);
    expect(team.acceptInvite('hash-ada@example.com', 'other')).toBeNull();
    expect(team.inviteDetails('hash-ada@example.com')).toBeNull();
  });

  it('refuses a link after 72 hours', () => {
    invited('ada@example.com');
    now += 72 * hour;
    expect(team.inviteDetails('hash-ada@example.com')).toBeNull();
    expect(team.acceptInvite('hash-ada@example.com', 'x')).toBeNull();
  });

  it('refuses to invite an email already on the team, and brings a removed agent back', () => {
    const admin = invited('root@example.com', 'admin');
    const ada = invited('ada@example.com');
    expect(invite('ada@example.com')).toBe('exists');
    expect(team.remove(ada.id, admin.id)).toMatchObject({ id: ada.id });
    expect(team.agents().map((agent) => agent.email)).toEqual(['root@example.com']);
    expect(invite('ada@example.com', 'admin')).toMatchObject({ id: ada.id, role: 'admin', state: 'invited' });
  });
});

describe('resets', () => {
  it('takes the password and refresh tokens away, and the newest link replaces older ones', () => {
    const ada = invited('ada@example.com');
    team.acceptInvite('hash-ada@example.com', 'stored-hash');
    storage.exec('INSERT INTO refresh_tokens (token_hash, agent_id, expires_at) VALUES (?, ?, ?)', 'refresh', ada.id, now + hour);
    expect(team.reset(ada.id, { tokenHash: 'first', expiresAt: now + hour }, true)).toMatchObject({ state: 'invited' });
    expect(team.reset(ada.id, { tokenHash: 'second', expiresAt: now + hour }, true)).toMatchObject({ state: 'invited' });
    expect(passwordOf(ada.id)).toBe('');
    expect(storage.exec('SELECT * FROM refresh_tokens')).toEqual([]);
    expect(team.acceptInvite('first', 'x')).toBeNull();
    expect(team.acceptInvite('second', 'new-hash')).toMatchObject({ id: ada.id });
  });
});

describe('sessions', () => {
  it('refuses access tokens issued before a reset or a removal, even once the agent is invited back', () => {
    const root = invited('root@example.com', 'admin');
    const ada = invited('ada@example.com');
    const before = now - 1;
    expect(team.role(ada.id, before)).toBe('agent');
    team.reset(ada.id, { tokenHash: 'reset', expiresAt: now + hour }, true);
    expect([team.role(ada.id, before), team.role(ada.id, now)]).toEqual([null, 'agent']);
    now += 1000;
    team.remove(ada.id, root.id);
    invite('ada@example.com');
    expect([team.role(ada.id, now - 1), team.role(ada.id, now)]).toEqual([null, 'agent']);
  });

  it('keeps the sessions of an admin who resets their own password', () => {
    const root = invited('root@example.com', 'admin');
    now += 1000;
    team.reset(root.id, { tokenHash: 'mine', expiresAt: now + hour }, false);
    expect(team.role(root.id, now - 1000)).toBe('admin');
  });
});

describe('admins', () => {
  it('keeps the last admin: not demoted, not removed, and nobody removes themselves', () => {
    const root = invited('root@example.com', 'admin');
    const ada = invited('ada@example.com');
    expect(team.update(root.id, { role: 'supervisor' })).toBe('last_admin');
    expect(team.remove(root.id, root.id)).toBe('yourself');
    // Two admins removing each other at once: the second removal finds the other the last admin.
    expect(team.update(ada.id, { role: 'admin' })).toMatchObject({ role: 'admin' });
    expect(team.remove(ada.id, root.id)).toMatchObject({ id: ada.id });
    expect(team.remove(root.id, ada.id)).toBe('last_admin');
    expect(team.role(root.id)).toBe('admin');
    expect(team.role(ada.id)).toBeNull();
  });

  it('changes only what it is given', () => {
    const ada = invited('ada@example.com');
    expect(team.update(ada.id, { capacity: 3 })).toEqual({ ...ada, capacity: 3 });
    expect(team.update('nobody', { capacity: 3 })).toBe('not_found');
  });
});
