// Refresh tokens on real SQLite with the switchboard's own migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../runtime/node/migrations.ts';
import { openSqlite, type SqliteStorage } from '../runtime/node/sqlite.ts';
import { migrate } from '../storage/storage.ts';
import { RefreshTokens, refreshReuseGraceMs } from './refresh-tokens.ts';

let dir: string;
let storage: SqliteStorage;
let now: number;
let tokens: RefreshTokens;
const day = 86_400_000;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'beckon-refresh-'));
  storage = openSqlite(join(dir, 'switchboard.sqlite'));
  migrate(storage, readMigrations('switchboard'));
  now = 1_700_000_000_000;
  tokens = new RefreshTokens(storage, () => now);
  storage.exec("INSERT INTO agents (id, email, name, role, password_hash) VALUES ('ada', 'ada@example.com', 'Ada', 'agent', 'x')");
});
afterEach(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('refresh tokens', () => {
  it('work once each, passing their family on', () => {
    tokens.save('ada', 'first', now + 30 * day, 'sign-in-1');
    expect(tokens.spend('first')).toEqual({ agentId: 'ada', family: 'sign-in-1' });
    tokens.save('ada', 'second', now + 30 * day, 'sign-in-1');
    expect(tokens.spend('second')).toEqual({ agentId: 'ada', family: 'sign-in-1' });
    expect(tokens.spend('unknown')).toBeNull();
  });

  it('give a spent one presented again within the grace a successor too: a duplicated tab or a retry', () => {
    tokens.save('ada', 'first', now + 30 * day, 'sign-in-1');
    tokens.spend('first');
    now += refreshReuseGraceMs;
    expect(tokens.spend('first')).toEqual({ agentId: 'ada', family: 'sign-in-1' });
  });

  it('end the whole family when a spent one comes back after the grace, and only that family', () => {
    tokens.save('ada', 'stolen', now + 30 * day, 'sign-in-1');
    tokens.save('ada', 'elsewhere', now + 30 * day, 'sign-in-2');
    tokens.spend('stolen');
    tokens.save('ada', 'thief', now + 30 * day, 'sign-in-1');
    now += refreshReuseGraceMs + 1;
    expect(tokens.spend('stolen')).toBeNull();
    expect(tokens.spend('thief')).toBeNull();
    expect(tokens.spend('elsewhere')).toEqual({ agentId: 'ada', family: 'sign-in-2' });
  });

  it('refuse an expired one, and end a family on sign-out', () => {
    tokens.save('ada', 'old', now + day, 'sign-in-1');
    tokens.save('ada', 'kept', now + 30 * day, 'sign-in-1');
    now += day + 1;
    expect(tokens.spend('old')).toBeNull();
    tokens.endFamily('kept');
    expect(tokens.spend('kept')).toBeNull();
  });
});
