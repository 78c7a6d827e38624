// How long an agent's console hears the switchboard: until the access token
// it opened with runs out, unless it hands over a fresh one of the same agent.
// The Switchboard over real SQLite and real tokens, with a clock the test moves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionExpiredCloseCode } from '@beckon/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokens, generateSigningKeys, type Tokens } from '../auth/tokens.ts';
import { noIceServers } from '../auth/turn.ts';
import { readMigrations } from '../runtime/node/migrations.ts';
import { openSqlite, type SqliteStorage } from '../runtime/node/sqlite.ts';
import { migrate } from '../storage/storage.ts';
import { defaultWebhookRetry } from '../webhooks/outbox.ts';
import type { ActorContext, ActorSocket } from './host.ts';
import { Switchboard, type AgentAttachment } from './switchboard.ts';

interface TestSocket extends ActorSocket<AgentAttachment> { attachment: AgentAttachment; received: { type: string; code?: string }[]; closedWith: number | null }

let dir: string;
let storage: SqliteStorage;
let tokens: Tokens;
let now: number;
let sockets: TestSocket[];
let switchboard: Switchboard;
let agentId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'beckon-agent-sessions-'));
  storage = openSqlite(join(dir, 'switchboard.sqlite'));
  migrate(storage, readMigrations('switchboard'));
  tokens = await createTokens(await generateSigningKeys());
  now = Date.now();
  sockets = [];
  const context = { actors: {}, tokens, now: () => now, ringTimeoutMs: 30_000, wrapUpMs: 0, reconnectGraceMs: 15_000, ice: noIceServers, webhookRetry: defaultWebhookRetry } as unknown as ActorContext;
  switchboard = new Switchboard('demo', storage, { sockets: () => sockets.filter((socket) => socket.closedWith === null), setAlarm: () => {} }, context);
  agentId = await switchboard.addAgent({ email: 'ada@example.com', name: 'Ada', role: 'agent', passwordHash: 'x' });
});
afterEach(() => {
  switchboard.stop();
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openConsole(expiresAt: number): Promise<TestSocket> {
  const socket: TestSocket = {
    attachment: { agentId, expiresAt },
    received: [],
    closedWith: null,
    send: (text) => void socket.received.push(JSON.parse(text)),
    close: (code) => void (socket.closedWith = code ?? 1000),
    reattach: (attachment) => void (socket.attachment = attachment),
  };
  sockets.push(socket);
  await switchboard.agentSocketOpened(socket);
  socket.received = [];
  return socket;
}
const accessToken = (claims: { tenantId?: string; agentId?: string } = {}) => tokens.issue({ kind: 'access', tenantId: 'demo', agentId, role: 'agent', ...claims });
const away = JSON.stringify({ type: 'presence', status: 'away' });

describe('an agent\'s console', () => {
  it('is closed once its token runs out, before it hears or does anything more', async () => {
    const socket = await openConsole(now + 60_000);
    await switchboard.agentSocketMessage(socket, away);
    expect(socket.received).toEqual([{ type: 'presence', status: 'away' }]);
    now += 60_000;
    await switchboard.agentSocketMessage(socket, JSON.stringify({ type: 'presence', status: 'available' }));
    expect(socket.closedWith).toBe(sessionExpiredCloseCode);
    expect(socket.received).toHaveLength(1);
  });

  it('stays open past its first token with a fresh one of the same agent', async () => {
    const socket = await openConsole(now + 60_000);
    await switchboard.agentSocketMessage(socket, JSON.stringify({ type: 'renew', token: await accessToken() }));
    expect(socket.attachment.expiresAt).toBeGreaterThan(now + 14 * 60_000);
    now += 60_000;
    await switchboard.agentSocketMessage(socket, away);
    expect(socket.closedWith).toBeNull();
    expect(socket.received).toEqual([{ type: 'presence', status: 'away' }]);
  });

  it('is not kept open by another agent\'s token, another tenant\'s, or anything else', async () => {
    const socket = await openConsole(now + 60_000);
    const other = await switchboard.addAgent({ email: 'sam@example.com', name: 'Sam', role: 'agent', passwordHash: 'x' });
    for (const token of [await accessToken({ agentId: other }), await accessToken({ tenantId: 'globex' }), await tokens.issue({ kind: 'visitor', tenantId: 'demo', visitorId: 'v', origin: 'https://shop.example', key: 'k' }), 'not a token']) {
      await switchboard.agentSocketMessage(socket, JSON.stringify({ type: 'renew', token }));
    }
    expect(socket.received.map((message) => message.code)).toEqual(['unauthorized', 'unauthorized', 'unauthorized', 'unauthorized']);
    expect(socket.attachment.expiresAt).toBe(now + 60_000);
  });
});
