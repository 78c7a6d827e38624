// Visitor blocks on real SQLite with the switchboard's own migrations, on a clock the test moves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { visitorAddressKeptDays } from '@beckon/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../runtime/node/migrations.ts';
import { openSqlite, type SqliteStorage } from '../runtime/node/sqlite.ts';
import { migrate } from '../storage/storage.ts';
import { VisitorBlocks } from './visitor-blocks.ts';

const dayMs = 86_400_000;
let dir: string;
let storage: SqliteStorage;
let now: number;
let blocks: VisitorBlocks;

// A contact of the visitor at `address` (the customer `customerId`, when the site verified them), begun now.
function contact(id: string, address: string | null, customerId: string | null = null) {
  storage.exec(
    "INSERT INTO contacts (id, visitor_id, visitor_label, visitor_address, customer_id, page, media, state, created_at, queue_id) VALUES (?, 'v', ?, ?, ?, '', 'chat', 'queued', ?, 'support')",
    id, `Visitor ${id.toUpperCase()}`, address, customerId, now,
  );
  return { id, visitor_label: `Visitor ${id.toUpperCase()}` };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'beckon-blocks-'));
  storage = openSqlite(join(dir, 'switchboard.sqlite'));
  migrate(storage, readMigrations('switchboard'));
  now = 1_700_000_000_000;
  blocks = new VisitorBlocks(storage, () => now);
});
afterEach(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('visitor blocks', () => {
  it('hold the address of the contact blocked, and no other, for the days asked', () => {
    const block = blocks.add(contact('a1', '203.0.113.7'), 'Alex', { days: 7, reason: 'Abusive' });
    expect(block).toEqual({ id: expect.any(String), visitor: 'Visitor A1', contactId: 'a1', reason: 'Abusive', blockedBy: 'Alex', createdAt: now, expiresAt: now + 7 * dayMs });
    expect(blocks.holds('203.0.113.7', null)).toBe(true);
    expect(blocks.holds('203.0.113.8', null)).toBe(false);
    expect(blocks.list()).toEqual([block]);

    now += 7 * dayMs - 1;
    expect(blocks.holds('203.0.113.7', null)).toBe(true);
    now += 1;
    expect(blocks.holds('203.0.113.7', null)).toBe(false);
    expect(blocks.list()).toEqual([]);
  });

  it('hold a verified customer wherever they come from, and their address for anyone', () => {
    blocks.add(contact('a1', '203.0.113.7', 'c_42'), 'Alex', { days: 1, reason: '' });
    expect(blocks.holds('198.51.100.1', 'c_42')).toBe(true);
    expect(blocks.holds('203.0.113.7', 'c_43')).toBe(true);
    expect(blocks.holds('198.51.100.1', 'c_43')).toBe(false);
    expect(blocks.holds(null, null)).toBe(false);
  });

  it("hold the blocked visitor's session from any address, and no other session", () => {
    blocks.add(contact('a1', '203.0.113.7'), 'Alex', { days: 1, reason: '' });
    expect(blocks.holds('198.51.100.1', null, 'v')).toBe(true);
    expect(blocks.holds('198.51.100.1', null, 'another visitor')).toBe(false);
  });

  it('are one per contact: blocking its visitor again replaces the block, so repeats cannot pile up', () => {
    const visit = contact('a1', '203.0.113.7');
    for (let n = 0; n < 3; n++) blocks.add(visit, 'Alex', { days: 1, reason: `Try ${n}` });
    const last = blocks.add(visit, 'Sam', { days: 30, reason: 'Threats' });
    expect(blocks.list()).toEqual([last]);
    expect(storage.exec('SELECT id FROM visitor_blocks')).toHaveLength(1);
  });

  it('are lifted by id, once', () => {
    const block = blocks.add(contact('a1', '203.0.113.7'), 'Alex', { days: 1, reason: '' });
    if (block === 'no_address') throw new Error('expected a block');
    expect(blocks.remove(block.id)).toBe(true);
    expect(blocks.remove(block.id)).toBe(false);
    expect(blocks.holds('203.0.113.7', null)).toBe(false);
  });

  it('cannot be made for a contact whose address is not known, or no longer kept', () => {
    expect(blocks.add(contact('a1', null), 'Alex', { days: 1, reason: '' })).toBe('no_address');
    const old = contact('a2', '203.0.113.7');
    now += visitorAddressKeptDays * dayMs;
    blocks.forgetExpired(now);
    expect(blocks.add(old, 'Alex', { days: 1, reason: '' })).toBe('no_address');
  });

  it('forget addresses after the days a contact keeps them, and blocks that ran out, waking an hour\'s worth at a time', () => {
    contact('a1', '203.0.113.7');
    const kept = blocks.add(contact('a2', '203.0.113.8'), 'Alex', { days: 30, reason: '' });
    const started = now;
    expect(blocks.nextDue()).toBe(started + visitorAddressKeptDays * dayMs + 3_600_000);

    now = started + visitorAddressKeptDays * dayMs;
    blocks.forgetExpired(now);
    expect(storage.exec('SELECT id FROM contacts WHERE visitor_address IS NOT NULL')).toEqual([]);
    // The block goes on without the contact's address, and is forgotten once it ran out.
    expect(blocks.holds('203.0.113.8', null)).toBe(true);
    expect(blocks.nextDue()).toBe(started + 30 * dayMs);
    now = started + 30 * dayMs;
    blocks.forgetExpired(now);
    expect(storage.exec('SELECT id FROM visitor_blocks')).toEqual([]);
    expect(blocks.nextDue()).toBeNull();
    expect(kept).not.toBe('no_address');
  });

  it('go on once their contact is deleted, no longer pointing at it nor naming its visitor', () => {
    storage.exec("INSERT INTO contacts (id, visitor_id, visitor_label, visitor_address, customer_id, page, media, state, created_at, queue_id) VALUES ('a1', 'v', 'Ada Lovelace', '203.0.113.7', 'c_42', '', 'chat', 'queued', ?, 'support')", now);
    blocks.add({ id: 'a1', visitor_label: 'Ada Lovelace' }, 'Alex', { days: 1, reason: '' });
    blocks.contactDeleted('a1');
    expect(blocks.list()).toEqual([expect.objectContaining({ contactId: null, visitor: "A deleted contact's visitor" })]);
    expect(JSON.stringify(storage.exec('SELECT * FROM visitor_blocks'))).not.toContain('Ada');
    expect(blocks.holds('203.0.113.7', null)).toBe(true);
    expect(blocks.holds(null, 'c_42')).toBe(true);
  });
});
