// The Node host's actors leave memory when idle, also those with an alarm
// days away, and come back for it: on a clock the test moves, over real SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { limits, visitorAddressKeptDays } from '@beckon/protocol';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createTokens, generateSigningKeys } from '../../auth/tokens.ts';
import { noIceServers } from '../../auth/turn.ts';
import { defaultWebhookRetry } from '../../webhooks/outbox.ts';
import { createNodeActors, type NodeActors } from './actors.ts';
import { openSqlite } from './sqlite.ts';

const minute = 60_000;
let dataDir: string;
let actors: NodeActors;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'beckon-actors-'));
  const tokens = await createTokens(await generateSigningKeys());
  // Only the clock and the timers: the conversations' commits wait for setImmediate.
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  actors = createNodeActors({ dataDir, tokens, ringTimeoutMs: limits.ringTimeoutMs, reconnectGraceMs: limits.reconnectGraceMs, wrapUpMs: limits.wrapUpMs, ice: noIceServers, webhookRetry: defaultWebhookRetry });
});
afterEach(async () => {
  await actors.close();
  vi.useRealTimers();
  rmSync(dataDir, { recursive: true, force: true });
});

// What the tenant's file keeps of the visitor's address, read past the actor (which would wake it).
function keptAddress(): unknown {
  const file = openSqlite(join(dataDir, 'switchboards', 'demo.sqlite'));
  try {
    return file.exec<{ visitor_address: string | null }>('SELECT visitor_address FROM contacts')[0]?.visitor_address;
  } finally {
    file.close();
  }
}

it("lets an idle switchboard leave memory though it keeps a visitor's address for days, and wakes it to forget the address", async () => {
  const request = { contactId: 'c1', replacesWaitingCall: false, visitorId: 'v1', visitorLabel: 'Visitor 1', visitorAddress: '203.0.113.7', page: 'https://shop.example/help', media: 'chat' as const, queueId: 'support' };
  expect(await actors.switchboard('demo').leaveMessage(request, { name: 'Robin', email: 'robin@example.com', text: 'Call me' })).toBe('saved');
  expect(actors.loaded().switchboards).toBe(1);

  await vi.advanceTimersByTimeAsync(7 * minute);
  expect(actors.loaded().switchboards).toBe(0);
  expect(keptAddress()).toBe('203.0.113.7');

  // Addresses are forgotten an hour's worth at a time.
  await vi.advanceTimersByTimeAsync(visitorAddressKeptDays * 24 * 60 * minute - 60 * minute);
  expect(keptAddress()).toBe('203.0.113.7');
  await vi.advanceTimersByTimeAsync(2 * 60 * minute);
  expect(keptAddress()).toBeNull();
});

it('brings an idle switchboard back, from its file, on its next use', async () => {
  const switchboard = actors.switchboard('demo');
  await vi.advanceTimersByTimeAsync(7 * minute);
  expect(actors.loaded().switchboards).toBe(0);
  expect(actors.switchboard('demo')).not.toBe(switchboard);
});
