// Saved replies on real SQLite with the switchboard's own migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maxSavedReplies } from '@beckon/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../runtime/node/migrations.ts';
import { openSqlite, type SqliteStorage } from '../runtime/node/sqlite.ts';
import { migrate } from '../storage/storage.ts';
import { SavedReplies } from './saved-replies.ts';

let dir: string;
let storage: SqliteStorage;
let replies: SavedReplies;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'beckon-replies-'));
  storage = openSqlite(join(dir, 'switchboard.sqlite'));
  migrate(storage, readMigrations('switchboard'));
  replies = new SavedReplies(storage, () => 1_700_000_000_000);
});
afterEach(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('saved replies', () => {
  it('are listed by title, whatever its case', () => {
    for (const title of ['refunds', 'Delivery', 'Address change']) replies.add({ title, text: `About ${title}` });
    expect(replies.list().map((reply) => reply.title)).toEqual(['Address change', 'Delivery', 'refunds']);
  });

  it('are kept up to the most a tenant may have', () => {
    for (let index = 0; index < maxSavedReplies; index++) expect(replies.add({ title: `Reply ${index}`, text: 'Text' })).not.toBe('full');
    expect(replies.add({ title: 'One more', text: 'Text' })).toBe('full');
    expect(replies.remove(replies.list()[0]!.id)).toBe(true);
    expect(replies.add({ title: 'One more', text: 'Text' })).toMatchObject({ title: 'One more' });
  });
});
