// Two tenants on one host: the demo tenant, with a contact, its chat, wrap-up
// notes, a block, a saved reply, a widget key and a queue; and Globex, whose
// admin, agent, visitor and conversation tokens ask for each of them by id,
// through every operation of the API's own description and every socket.
// Globex is refused each time, learns nothing of the demo tenant, and changes
// nothing of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSocket, postJson, requestJson, type TestSocket } from '../testing/clients.ts';
import { contractSettings } from '../testing/contract.ts';
import { demoApi } from '../testing/demo-api.ts';
import { addGlobex, globex } from '../testing/globex.ts';
import { startNodeHost } from './node.ts';

const password = contractSettings.demoPassword;
const demoOrigin = 'http://shop.test';
// Words that are the demo tenant's alone: none may reach Globex.
const secrets = ['DEMO-CHAT-7731', 'DEMO-NOTES-5510', 'DEMO-REPLY-2291', 'DEMO-BLOCK-8842', 'DEMO-KEY-6603', 'agent@demo.test', 'Alex (Demo agent)', 'Billing'];

type Host = Awaited<ReturnType<typeof startNodeHost>>;
let host: Host;
let dataDir: string;
const demo = { contactId: '', agentId: '', replyId: '', blockId: '', keyId: '', adminToken: '' };
const other = { adminToken: '', agentToken: '', visitorToken: '', visitorConversationToken: '', agentConversationToken: '', agent: null as TestSocket | null };

const url = (path: string) => `${host.origin}${path}`;
const as = (token: string, origin?: string) => ({ Authorization: `Bearer ${token}`, ...(origin && { Origin: origin }) });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'beckon-tenants-'));
  await addGlobex(dataDir);
  host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [demoOrigin], build: false, log: () => {} });
  const api = demoApi(() => host, password);

  // The demo tenant's contact: a chat, answered, ended and wrapped up.
  const agent = await api.connectAgent();
  demo.agentId = agent.session.agent.id;
  const chat = await api.startCall(await api.visitorSession(demoOrigin), demoOrigin, undefined, 'chat');
  demo.contactId = chat.conversationId;
  const visitor = await api.joinConversation(chat.conversationId, chat.token);
  visitor.send({ type: 'chat', id: 'v1', text: `My order DEMO-CHAT-7731 is late`, seq: 1 });
  const offer = await agent.socket.next('offer');
  agent.socket.send({ type: 'accept', offerId: offer.offerId });
  await agent.socket.next('assigned');
  visitor.send({ type: 'hangup', reason: 'hangup', seq: 2 });
  await visitor.next('ended');
  await agent.socket.next('wrap-up');
  agent.socket.send({ type: 'wrap-up', contactId: demo.contactId, disposition: 'resolved', notes: 'DEMO-NOTES-5510' });
  await agent.socket.next('wrap-up-ended');
  agent.socket.close();

  demo.adminToken = (await api.signIn('admin@demo.test')).accessToken;
  const admin = (method: string, path: string, body?: unknown) => requestJson(method, url(path), body, as(demo.adminToken));
  demo.replyId = (await admin('POST', '/v1/admin/saved-replies', { title: 'Late orders', text: 'DEMO-REPLY-2291' })).body.savedReply.id;
  demo.blockId = (await admin('POST', `/v1/contacts/${demo.contactId}/block`, { days: 1, reason: 'DEMO-BLOCK-8842' })).body.block.id;
  demo.keyId = (await admin('POST', '/v1/admin/widget-keys', { label: 'DEMO-KEY-6603' })).body.widgetKey.id;

  // Globex: its admin and agent signed in, a visitor of its site, and a conversation of its own.
  const signIn = async ({ email, password: secret }: { email: string; password: string }) => (await postJson(url('/v1/auth/sign-in'), { email, password: secret })).body.accessToken as string;
  other.adminToken = await signIn(globex.admin);
  other.agentToken = await signIn(globex.agent);
  other.agent = await openSocket(`${host.origin.replace('http', 'ws')}/v1/agent/ws`, other.agentToken);
  await other.agent.next('presence');
  other.visitorToken = (await postJson(url('/v1/visitor/session'), { key: 'globex' }, { Origin: globex.origin })).body.token;
  const call = await postJson(url('/v1/calls'), { media: 'chat', page: `${globex.origin}/help` }, as(other.visitorToken, globex.origin));
  other.visitorConversationToken = call.body.token;
  const globexOffer = await other.agent.next('offer');
  other.agent.send({ type: 'accept', offerId: globexOffer.offerId });
  other.agentConversationToken = (await other.agent.next('assigned')).token as string;
}, 60_000);

afterAll(async () => {
  other.agent?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// What the demo tenant's admin sees of their tenant.
async function demoState() {
  const paths = ['/v1/contacts', `/v1/contacts/${demo.contactId}/transcript`, '/v1/saved-replies', '/v1/admin/agents', '/v1/admin/queues', '/v1/admin/queues/billing/hours',
    '/v1/admin/visitor-blocks', '/v1/admin/origins', '/v1/admin/widget-keys', '/v1/admin/identity-secret', '/v1/admin/settings'];
  const read = async (path: string) => [path, await requestJson('GET', url(path), undefined, as(demo.adminToken))];
  // When an open queue next opens is now, whenever it is asked.
  return JSON.parse(JSON.stringify(await Promise.all(paths.map(read)), (key, value) => (key === 'nextOpening' ? undefined : value)));
}

// A valid body for each operation that takes one, so a request is refused for
// whose it is, not for its shape.
const bodies: Record<string, unknown> = {
  'POST /v1/contacts/{id}/block': { days: 1, reason: 'spam' },
  'PUT /v1/admin/queues/{id}/hours': { hours: null, maxWaitSeconds: 300 },
  'POST /v1/contacts/{id}/survey': { rating: 1 },
  'PATCH /v1/admin/agents/{id}': { role: 'agent' },
  'PATCH /v1/admin/queues/{id}': { priority: 3 },
  'PATCH /v1/admin/saved-replies/{id}': { text: 'changed' },
  'PUT /v1/conversations/{id}/recordings/{segment}/parts/{part}': new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]),
};

describe('a tenant asking for another tenant\'s things by id', () => {
  it('is refused by every operation of the API, learns nothing and changes nothing', async () => {
    const before = await demoState();
    expect(JSON.stringify(before)).toContain('DEMO-NOTES-5510');
    const { body: document } = await requestJson('GET', url('/v1/openapi.json'));
    const ids: Record<string, string> = { segment: '1', part: '0' };
    let asked = 0;
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, { security: Record<string, unknown>[] }>>)) {
      // Each id in the path is the demo tenant's; the operations without one act on the caller's own tenant.
      if (!path.includes('{') || path.startsWith('/v1/invites/') || path.endsWith('/ws')) continue;
      const id = path.startsWith('/v1/admin/agents') ? demo.agentId
        : path.startsWith('/v1/admin/saved-replies') ? demo.replyId
        : path.startsWith('/v1/admin/visitor-blocks') ? demo.blockId
        : path.startsWith('/v1/admin/widget-keys') ? demo.keyId
        : path.includes('/queues/') ? 'billing'
        : demo.contactId;
      const filled = path.replace('{id}', id).replace('{origin}', encodeURIComponent(demoOrigin)).replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
      for (const [method, operation] of Object.entries(operations)) {
        const scheme = Object.keys(operation.security[0] ?? {})[0];
        const key = `${method.toUpperCase()} ${path}`;
        const token = scheme === 'visitorToken' ? other.visitorToken
          : scheme === 'conversationToken' ? (path.includes('/survey') ? other.visitorConversationToken : other.agentConversationToken)
          : other.adminToken;
        const body = bodies[key];
        if (['post', 'put', 'patch'].includes(method) && body === undefined && !['POST /v1/admin/agents/{id}/reset', 'POST /v1/admin/widget-keys/{id}/rotate', 'POST /v1/conversations/{id}/recordings'].includes(key)) {
          throw new Error(`${key} needs a valid body in this test`);
        }
        const response = await fetch(url(filled), {
          method: method.toUpperCase(),
          headers: { ...as(token, scheme === 'agentToken' ? undefined : globex.origin), ...(body instanceof Uint8Array ? { 'Content-Type': 'audio/webm' } : body ? { 'Content-Type': 'application/json' } : {}) },
          body: body instanceof Uint8Array ? (body as BodyInit) : body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        // A queue is known by its name within a tenant: another tenant's is unknown (400 `unknown_queue`).
        const refused = [403, 404].includes(response.status) || (response.status === 400 && text.includes('"unknown_queue"'));
        expect(refused, `${key} → ${response.status} ${text}`).toBe(true);
        for (const secret of secrets) expect(text, key).not.toContain(secret);
        asked++;
      }
    }
    expect(asked).toBeGreaterThanOrEqual(20);
    expect(await demoState()).toEqual(before);
  });

  it("learns nothing of the other tenant's things from its own lists", async () => {
    for (const path of ['/v1/contacts', '/v1/saved-replies', '/v1/transfer-targets', `/v1/reports?from=${Date.now() - 86_400_000}&to=${Date.now()}`, '/v1/webhooks/deliveries', '/v1/admin/agents', '/v1/admin/queues',
      '/v1/admin/visitor-blocks', '/v1/admin/origins', '/v1/admin/widget-keys', '/v1/admin/settings', `/v1/contacts?text=${demo.contactId}`, '/v1/contacts?text=DEMO']) {
      const response = await fetch(url(path), { headers: as(other.adminToken) });
      const text = await response.text();
      expect(response.status, `${path} ${text}`).toBe(200);
      for (const secret of [...secrets, demo.contactId, demo.agentId]) expect(text, path).not.toContain(secret);
    }
  });

  it("cannot join, hand on, wrap up, block, listen in on or whisper into the other tenant's conversations over its sockets", async () => {
    const ws = host.origin.replace('http', 'ws');
    // A conversation token of Globex's own does not open the demo tenant's conversation.
    const joined = await openSocket(`${ws}/v1/conversations/${demo.contactId}/ws`, other.agentConversationToken).then((socket) => socket.closed, () => 'refused');
    expect(joined === 'refused' || joined === 4403).toBe(true);

    const agent = other.agent!;
    agent.send({ type: 'transfer', contactId: demo.contactId, to: { queue: 'support' } });
    agent.send({ type: 'wrap-up', contactId: demo.contactId, disposition: 'other', notes: 'x' });
    agent.send({ type: 'call-back', contactId: demo.contactId });
    agent.send({ type: 'callback-done', contactId: demo.contactId });
    agent.send({ type: 'whisper', to: demo.agentId, text: 'hello' });
    agent.send({ type: 'transfer', contactId: demo.contactId, to: { agent: demo.agentId }, warm: true });
    for (let n = 0; n < 6; n++) {
      const error = await agent.next('error');
      for (const secret of [...secrets, demo.contactId]) expect(error.message).not.toContain(secret);
    }

    const board = await openSocket(`${ws}/v1/supervisor/ws`, other.adminToken);
    const { board: view } = await board.next<{ type: 'board'; board: unknown }>('board');
    for (const secret of [...secrets, demo.contactId, demo.agentId]) expect(JSON.stringify(view)).not.toContain(secret);
    board.send({ type: 'reassign', contactId: demo.contactId, agentId: demo.agentId });
    board.send({ type: 'monitor', contactId: demo.contactId });
    board.send({ type: 'whisper', to: demo.agentId, text: 'hello' });
    for (let n = 0; n < 3; n++) expect((await board.next('error')).code).toMatch(/^(conflict|not_found|forbidden)$/);
    board.close();
  });
});
