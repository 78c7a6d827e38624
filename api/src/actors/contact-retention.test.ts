// How long a tenant keeps its contacts, on the Switchboard over real SQLite
// with a clock the test moves: contacts past the time go at the alarm, with
// their conversations, and the alarm comes when the oldest is due. And
// searching them: what a visitor wrote is theirs to make as long and as
// repetitive as the limits let them, and a search over it must not hold up
// the host (on Node, every tenant's requests wait for it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { limits, parseContactsQuery } from '@beckon/protocol';
import { noIceServers } from '../auth/turn.ts';
import { readMigrations } from '../runtime/node/migrations.ts';
import { openSqlite, type SqliteStorage } from '../runtime/node/sqlite.ts';
import { migrate } from '../storage/storage.ts';
import { defaultWebhookRetry } from '../webhooks/outbox.ts';
import type { ActorContext } from './host.ts';
import { Switchboard } from './switchboard.ts';

const day = 86_400_000;
let dir: string;
let storage: SqliteStorage;
let now: number;
let alarmAt: number | null;
let erased: string[];
let switchboard: Switchboard;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'beckon-retention-'));
  storage = openSqlite(join(dir, 'switchboard.sqlite'));
  migrate(storage, readMigrations('switchboard'));
  now = 1_700_000_000_000;
  alarmAt = null;
  erased = [];
  const context = {
    actors: { conversation: (id: string) => ({ erase: async () => void erased.push(id) }) },
    now: () => now,
    ringTimeoutMs: 30_000,
    wrapUpMs: 0,
    reconnectGraceMs: 15_000,
    ice: noIceServers,
    webhookRetry: defaultWebhookRetry,
  } as unknown as ActorContext;
  switchboard = new Switchboard('demo', storage, { sockets: () => [], setAlarm: (at) => void (alarmAt = at) }, context);
});
afterEach(() => {
  switchboard.stop();
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

// A message left now: a contact that is over at once.
async function leaveMessage(contactId: string): Promise<void> {
  const request = { contactId, replacesWaitingCall: false, visitorId: `visitor-${contactId}`, visitorLabel: 'Visitor 1', page: 'https://shop.example/help', media: 'chat' as const, queueId: 'support' };
  expect(await switchboard.leaveMessage(request, { name: 'Robin', email: 'robin@example.com', text: 'Call me' })).toBe('saved');
}
const kept = async () => (await switchboard.contacts()).contacts.map((contact) => contact.id).sort();

describe('keeping contacts for a number of days', () => {
  it('keeps them for good unless the tenant chooses a time', async () => {
    await leaveMessage('old');
    now += 5000 * day;
    await switchboard.alarm();
    expect(await kept()).toEqual(['old']);
    expect(alarmAt).toBeNull();
  });

  it('deletes each contact, with its conversation, once it ended longer ago than that, at an alarm set for when the oldest is due', async () => {
    await leaveMessage('first');
    now += 10 * day;
    await leaveMessage('second');
    await switchboard.changeSettings({ keepContactsDays: 30 });
    expect(alarmAt).toBe(now - 10 * day + 30 * day);

    now = alarmAt! - 1;
    await switchboard.alarm();
    expect(await kept()).toEqual(['first', 'second']);
    now = alarmAt!;
    await switchboard.alarm();
    expect(await kept()).toEqual(['second']);
    expect(erased).toEqual(['first']);
    expect(alarmAt).toBe(now + 10 * day);

    // A shorter time makes the rest due at once; none at all stops the alarm.
    await switchboard.changeSettings({ keepContactsDays: 1 });
    expect(alarmAt).toBeLessThanOrEqual(now);
    await switchboard.alarm();
    expect(await kept()).toEqual([]);
    await leaveMessage('third');
    await switchboard.changeSettings({ keepContactsDays: null });
    expect(alarmAt).toBeNull();
  });

  it('leaves contacts that are not over, and deletes a backlog a batch at a time', async () => {
    await switchboard.requestCallback(
      { contactId: 'waiting', replacesWaitingCall: false, visitorId: 'v', visitorLabel: 'Visitor 2', page: 'https://shop.example/', media: 'audio', queueId: 'support' },
      { name: 'Sam', email: null },
    );
    for (let index = 0; index < 150; index++) await leaveMessage(`message-${index}`);
    await switchboard.changeSettings({ keepContactsDays: 1 });
    now += 2 * day;
    await switchboard.alarm();
    expect(erased).toHaveLength(100);
    expect(alarmAt).toBeLessThanOrEqual(now);
    await switchboard.alarm();
    expect(await kept()).toEqual(['waiting']);
  });
});

describe('searching History', () => {
  // How long such a search takes is measured, not asserted here: a match that
  // retried every place letter by letter took 3.5 s over 5,000 such contacts.
  it('finds text in any case in the longest page and message a visitor may send, and nothing that is not there', async () => {
    const long = (length: number) => 'a'.repeat(length);
    for (let index = 0; index < 20; index++) {
      const request = { contactId: `c${index}`, replacesWaitingCall: false, visitorId: `v${index}`, visitorLabel: 'Visitor 1', page: long(limits.maxUrlChars), media: 'chat' as const, queueId: 'support' };
      await switchboard.leaveMessage(request, { name: 'Robin', email: 'robin@example.com', text: long(limits.maxChatChars) });
      now += 1000;
    }
    expect((await switchboard.contacts({ limit: 500, text: `${long(99)}b` })).contacts).toEqual([]);
    expect((await switchboard.contacts({ limit: 500, text: `${long(99).toUpperCase()}` })).contacts).toHaveLength(20);
  });
});

describe('how often an agent may search the contacts', () => {
  const { max, windowMs } = limits.searchesPerAgent;

  it('takes a few searches from each agent in any window, then says how long until the oldest is out of it', async () => {
    const start = now;
    for (let n = 0; n < max; n++) {
      expect(await switchboard.admitSearch('ada')).toBeNull();
      now += 1000;
    }
    expect(await switchboard.admitSearch('ada')).toBe(windowMs - max * 1000);
    // A refused search is not counted; another agent is not held back.
    expect(await switchboard.admitSearch('grace')).toBeNull();
    now = start + windowMs - 1;
    expect(await switchboard.admitSearch('ada')).toBe(1);
    now = start + windowMs;
    expect(await switchboard.admitSearch('ada')).toBeNull();
    expect(await switchboard.admitSearch('ada')).not.toBeNull();
  });

  it('counts a search read a page at a time once, and a page it did not lead to as a search of its own', async () => {
    for (const id of ['c1', 'c2', 'c3']) {
      await leaveMessage(id);
      now += 1;
    }
    const text = 'call me';
    for (let n = 0; n < max; n++) expect(await switchboard.admitSearch('ada')).toBeNull();
    // The last search the agent may make now, three pages of one.
    const pages = [await switchboard.contacts(parseContactsQuery({ limit: '1', text }), 'ada')];
    for (let next = pages[0]!.next; next; next = pages.at(-1)!.next) {
      expect(await switchboard.admitSearch('ada', { text, before: next })).toBeNull();
      pages.push(await switchboard.contacts(parseContactsQuery({ limit: '1', text, before: next }), 'ada'));
    }
    expect(pages.map((page) => page.contacts.map((contact) => contact.id))).toEqual([['c3'], ['c2'], ['c1']]);
    // A page read again, or the next page of another agent's search, is another search.
    expect(await switchboard.admitSearch('ada', { text, before: pages[0]!.next! })).not.toBeNull();
    const grace = await switchboard.contacts(parseContactsQuery({ limit: '1', text }), 'grace');
    expect(await switchboard.admitSearch('ada', { text, before: grace.next! })).not.toBeNull();
    // Paging without text leaves no page to read on at.
    const plain = await switchboard.contacts(parseContactsQuery({ limit: '1' }), 'ada');
    expect(await switchboard.admitSearch('ada', { text, before: plain.next! })).not.toBeNull();
  });

  it('counts another text searched from the next page of the last search as a search of its own', async () => {
    for (const id of ['c1', 'c2']) {
      await leaveMessage(id);
      now += 1;
    }
    for (let n = 0; n < max - 1; n++) expect(await switchboard.admitSearch('ada')).toBeNull();
    expect(await switchboard.admitSearch('ada', { text: 'call me' })).toBeNull();
    const { next } = await switchboard.contacts(parseContactsQuery({ limit: '1', text: 'call me' }), 'ada');
    // Past the limit: the cursor of the last search does not make a new text free.
    expect(await switchboard.admitSearch('ada', { text: 'refund', before: next! })).not.toBeNull();
    expect(await switchboard.admitSearch('ada', { text: 'call me', before: next! })).toBeNull();
  });
});
