// The webhook outbox on real SQLite with the switchboard's own migrations,
// sending to a real HTTP endpoint on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { readMigrations } from '../runtime/node/migrations.ts';
import { openSqlite } from '../runtime/node/sqlite.ts';
import { migrate } from '../storage/storage.ts';
import { defaultWebhookRetry, deliveryKeptMs, WebhookOutbox } from './outbox.ts';

let dir: string;
let endpoint: Server;
let url: string;
// Requests the endpoint has and has not answered yet.
let held: { request: IncomingMessage; response: ServerResponse }[];

function open() {
  const storage = openSqlite(join(dir, 'switchboard.sqlite'));
  migrate(storage, readMigrations('switchboard'));
  return storage;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'beckon-webhooks-'));
  held = [];
  endpoint = createServer((request, response) => void held.push({ request, response }));
  await new Promise<void>((listening) => endpoint.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(endpoint.address() as { port: number }).port}/hooks`;
});
afterEach(async () => {
  endpoint.closeAllConnections();
  await new Promise((closed) => endpoint.close(closed));
  rmSync(dir, { recursive: true, force: true });
});

it('cuts off an attempt in flight when the host stops, records nothing, and sends it again after a restart', async () => {
  const now = 1_700_000_000_000;
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  let storage = open();
  let outbox = new WebhookOutbox('acme', storage, defaultWebhookRetry, () => now);
  outbox.setEndpoints([{ url, secret: 'whsec_test' }]);
  outbox.queue('contact.created', { contact: { id: 'c1' } });
  const settled = vi.fn();
  outbox.sendDue(settled);
  await vi.waitFor(() => expect(held).toHaveLength(1));
  const cutOff = new Promise((closed) => held[0]!.request.socket.once('close', closed));

  outbox.stop();
  storage.close();
  await cutOff;
  await new Promise((wait) => setTimeout(wait, 50));
  expect(errors).not.toHaveBeenCalled();
  expect(settled).not.toHaveBeenCalled();

  // After the restart the attempt's hold has run out: it goes out again, and its answer is recorded.
  const holdEnds = now + defaultWebhookRetry.timeoutMs + 1000;
  storage = open();
  outbox = new WebhookOutbox('acme', storage, defaultWebhookRetry, () => holdEnds);
  expect(outbox.deliveries()[0]).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: holdEnds });
  outbox.sendDue(settled);
  await vi.waitFor(() => expect(held).toHaveLength(2));
  held[1]!.response.writeHead(204).end();
  await vi.waitFor(() => expect(settled).toHaveBeenCalledOnce());
  expect(outbox.deliveries()[0]).toMatchObject({ status: 'delivered', attempts: 1, responseCode: 204 });
  expect(errors).not.toHaveBeenCalled();
  errors.mockRestore();
  storage.close();
});

it('keeps a delivery that is over for 30 days, and one still being attempted for as long as that lasts', async () => {
  let now = 1_700_000_000_000;
  const storage = open();
  const outbox = new WebhookOutbox('acme', storage, defaultWebhookRetry, () => now);
  outbox.setEndpoints([{ url, secret: 'whsec_test' }]);
  outbox.queue('contact.created', { contact: { id: 'c1' } });
  outbox.sendDue(() => {});
  await vi.waitFor(() => expect(held).toHaveLength(1));
  held[0]!.response.end();
  await vi.waitFor(() => expect(outbox.deliveries()[0]?.status).toBe('delivered'));
  outbox.queue('contact.created', { contact: { id: 'c2' } });

  now += deliveryKeptMs - 1;
  outbox.queue('contact.ended', { contact: { id: 'c1' } });
  expect(outbox.deliveries()).toHaveLength(3);
  now += 2;
  outbox.queue('contact.ended', { contact: { id: 'c2' } });
  expect(outbox.deliveries().map((delivery) => [delivery.event, delivery.status])).toEqual([
    ['contact.ended', 'pending'],
    ['contact.ended', 'pending'],
    ['contact.created', 'pending'],
  ]);
  outbox.stop();
  storage.close();
});
