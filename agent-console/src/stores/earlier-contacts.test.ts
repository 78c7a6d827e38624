// A verified customer's earlier contacts against a real HTTP server: theirs
// but the conversation on screen, fetched once, and again after a failure.
import type { Contact } from '@beckon/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, startTestApi, type TestApi } from '../test-api.ts';
import { $apiBase } from './api-base.ts';
import { $earlierContacts, earlierContactsShown, loadEarlierContacts } from './earlier-contacts.ts';
import { $session, sessionFrom } from './session.ts';

let api: TestApi;
let failing: boolean;
const contact = (n: number): Contact => ({
  id: `c${n}`, visitor: 'Ada Lovelace', customer: { id: 'customer-42', name: 'Ada Lovelace', email: null }, page: 'https://shop.example/', media: 'chat', agent: null,
  createdAt: n, connectedAt: null, endedAt: n, durationSeconds: 0, outcome: 'completed', wrapUp: null,
});

beforeAll(async () => {
  vi.stubGlobal('sessionStorage', memoryStorage());
  api = await startTestApi();
  $apiBase.set(api.base);
  api.route('GET', '/v1/contacts', (_body, request) => {
    const query = new URL(request.url ?? '/', 'http://x').searchParams;
    if (failing) return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side.' } } };
    const limit = Number(query.get('limit'));
    // Customer 42 has 9 contacts, c9 the newest (the one ringing now); anyone else none.
    const theirs = query.get('customer') === 'customer-42' ? Array.from({ length: 9 }, (_, index) => contact(9 - index)) : [];
    return { status: 200, body: { contacts: theirs.slice(0, limit), next: theirs.length > limit ? 'more' : null } };
  });
});
afterAll(() => api.close());

beforeEach(() => {
  failing = false;
  $earlierContacts.set({});
  $session.set(sessionFrom({ accessToken: 'agent-token', refreshToken: 'r', expiresIn: 900, agent: { id: 'a1', name: 'Robin', email: 'robin@example.com', role: 'agent' } }, Date.now()));
});

describe("a verified customer's earlier contacts", () => {
  it('are the most recent but the conversation on screen, and say there are more', async () => {
    await loadEarlierContacts('c9', 'customer-42');
    const earlier = $earlierContacts.get().c9!;
    expect(earlier.contacts.map((kept) => kept.id)).toEqual(['c8', 'c7', 'c6', 'c5', 'c4']);
    expect(earlier.contacts).toHaveLength(earlierContactsShown);
    expect(earlier).toMatchObject({ more: true, loading: false, error: null });
    expect(api.requests.filter((request) => request.startsWith('GET /v1/contacts'))).toHaveLength(1);
  });

  it('are fetched once per conversation, and again after a failure', async () => {
    const asked = () => api.requests.filter((request) => request.startsWith('GET /v1/contacts')).length;
    const before = asked();
    failing = true;
    await loadEarlierContacts('c9', 'customer-42');
    expect($earlierContacts.get().c9).toMatchObject({ contacts: [], error: expect.stringMatching(/^Could not load their earlier contacts: /) });
    failing = false;
    await loadEarlierContacts('c9', 'customer-42');
    await loadEarlierContacts('c9', 'customer-42');
    expect($earlierContacts.get().c9).toMatchObject({ error: null, more: true });
    expect(asked() - before).toBe(2);
  });

  it('are none for a customer seen for the first time', async () => {
    await loadEarlierContacts('n1', 'customer-7');
    expect($earlierContacts.get().n1).toMatchObject({ contacts: [], more: false, error: null });
  });
});
