// History's pages against a real HTTP server: newest first, older pages
// added below, and a search that starts from the newest again.
import { maxContactsPage, type Contact } from '@beckon/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, startTestApi, type TestApi } from '../test-api.ts';
import { $apiBase } from './api-base.ts';
import { $contacts, contactsAsCsv, findContacts, historyPage, loadContacts, loadOlderContacts, resetContacts } from './contacts.ts';
import { $session, sessionFrom } from './session.ts';

let api: TestApi;
const tooOften = 'Too many searches and reports in a short time. Please try again in 40 seconds.';
let queries: URLSearchParams[];

const contact = (n: number): Contact => ({
  id: `c${n}`, visitor: `Visitor ${n}`, customer: null, page: 'https://shop.example/', media: 'chat', agent: null,
  createdAt: n, connectedAt: null, endedAt: n, durationSeconds: 0, outcome: 'cancelled', wrapUp: null,
});
// 150 contacts, c150 the newest; pages as the server cuts them.
const all = Array.from({ length: 150 }, (_, index) => contact(150 - index));

beforeAll(async () => {
  vi.stubGlobal('sessionStorage', memoryStorage());
  api = await startTestApi();
  $apiBase.set(api.base);
  api.route('GET', '/v1/contacts', (_body, request) => {
    const query = new URL(request.url ?? '/', 'http://x').searchParams;
    queries.push(query);
    if (query.get('text') === 'again') return { status: 429, body: { error: { code: 'rate_limited', message: tooOften } } };
    const matching = all.filter((kept) => !query.get('text') || kept.visitor.endsWith(` ${query.get('text')}`));
    const start = query.get('before') ? matching.findIndex((kept) => `${kept.createdAt}.${kept.id}` === query.get('before')) + 1 : 0;
    const contacts = matching.slice(start, start + Number(query.get('limit')));
    const last = contacts.at(-1);
    return { status: 200, body: { contacts, next: start + contacts.length < matching.length && last ? `${last.createdAt}.${last.id}` : null } };
  });
});
afterAll(() => api.close());

beforeEach(() => {
  queries = [];
  resetContacts();
  $session.set(sessionFrom({ accessToken: 'agent-token', refreshToken: 'r', expiresIn: 900, agent: { id: 'a1', name: 'Robin', email: 'robin@example.com', role: 'agent' } }, Date.now()));
});

describe('History', () => {
  it('shows the newest page, then adds the older ones below until there are none', async () => {
    await loadContacts();
    expect($contacts.get().items.map((kept) => kept.id)).toEqual(all.slice(0, historyPage).map((kept) => kept.id));
    expect($contacts.get().next).toBe(`51.c51`);
    await loadOlderContacts();
    expect($contacts.get().items.map((kept) => kept.id)).toEqual(all.map((kept) => kept.id));
    expect($contacts.get().next).toBeNull();
    await loadOlderContacts();
    expect(queries.map((query) => query.get('before'))).toEqual([null, '51.c51']);
  });

  it('searches from the newest again, and keeps the search for the older pages and Refresh', async () => {
    await loadContacts();
    await findContacts({ text: '7', outcome: 'cancelled', from: '', to: '' });
    expect($contacts.get().items.map((kept) => kept.visitor)).toEqual(['Visitor 7']);
    expect(queries.at(-1)?.toString()).toBe('limit=100&text=7&outcome=cancelled');
    await loadContacts();
    expect(queries.at(-1)?.get('text')).toBe('7');
  });

  it('downloads what the search finds as CSV, in pages as large as the API gives', async () => {
    await findContacts({ text: '7', outcome: '', from: '', to: '' });
    const { csv, more } = await contactsAsCsv();
    expect(csv.trimEnd().split('\r\n').slice(1).map((line) => line.split(',')[1])).toEqual(all.filter((kept) => kept.visitor.endsWith(' 7')).map((kept) => kept.visitor));
    expect(more).toBe(false);
    expect(queries.at(-1)?.toString()).toBe(`text=7&limit=${maxContactsPage}`);
  });

  it('says why the server refused a search, keeping the contacts shown', async () => {
    await loadContacts();
    await findContacts({ text: 'again', outcome: '', from: '', to: '' });
    expect($contacts.get()).toMatchObject({ loading: false, error: `Could not load history: ${tooOften}` });
    expect($contacts.get().items).toHaveLength(historyPage);
  });
});
