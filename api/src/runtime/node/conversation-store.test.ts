import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, type Storage } from '../../storage/storage.ts';
import { openFilesUnder } from '../../testing/open-files.ts';
import { openConversationStore, type ConversationStore } from './conversation-store.ts';
import { readMigrations } from './migrations.ts';
import { openSqlite } from './sqlite.ts';

const migrations = readMigrations('conversation');
const dirs: string[] = [];
const stores: ConversationStore[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'beckon-conversations-'));
  dirs.push(dir);
  return dir;
};
const open = (...args: Parameters<typeof openConversationStore>) => {
  const store = openConversationStore(...args);
  stores.push(store);
  return store;
};
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// What a conversation does to its tables in a call, in the Conversation actor's own SQL.
function converse(storage: Storage, id: string, visitorSignals: number): unknown {
  storage.exec("INSERT INTO conversation (id, tenant_id, visitor_id, media, state, relay_only, created_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)", id, 'demo', `visitor-${id}`, 'video', 0, 1);
  storage.exec('INSERT INTO events (at, kind, detail) VALUES (?, ?, ?)', 1, 'opened', '{}');
  storage.exec("UPDATE conversation SET state = 'accepted', agent_id = ?, agent_name = ? WHERE id = ?", 'agent-1', 'Ada', id);
  for (const participant of ['visitor', 'agent', 'visitor']) storage.exec('INSERT OR IGNORE INTO participants (participant) VALUES (?)', participant);
  // A relayed signal: one row in the other side's outbox, carrying the number the sender gave it.
  for (let seq = 1; seq <= visitorSignals; seq++) {
    storage.transaction(() => {
      storage.exec('INSERT INTO outbox (participant, seq, message, relays) VALUES (?, ?, ?, ?)', 'agent', seq, JSON.stringify({ type: seq === 2 ? 'accepted' : 'signal', seq }), seq);
    });
  }
  storage.exec('INSERT INTO events (at, kind, detail) VALUES (?, ?, ?)', 2, 'accepted', '{}');
  // How far each side got, read from the outbox and written down before its rows go.
  const [kept] = storage.exec<{ sent: number; received: number }>(
    'SELECT (SELECT MAX(seq) FROM outbox WHERE participant = ?) AS sent, (SELECT MAX(relays) FROM outbox WHERE participant = ?) AS received', 'agent', 'agent',
  );
  storage.exec('UPDATE participants SET last_received = ?, last_sent = ? WHERE participant = ?', kept!.received, 0, 'visitor');
  storage.exec('UPDATE participants SET last_received = ?, last_sent = ? WHERE participant = ?', 0, kept!.sent, 'agent');
  storage.exec('DELETE FROM outbox WHERE participant = ? AND seq <= ?', 'agent', 1);
  storage.exec(`DELETE FROM outbox WHERE json_extract(message, '$.type') = 'signal'`);
  storage.exec('UPDATE outbox SET relays = NULL WHERE participant = ?', 'agent');
  storage.exec('UPDATE conversation SET leave_deadline = ?', 99);
  // The transcript numbers its messages itself, from 1 in every conversation.
  for (const [n, id] of [[1, 'm1'], [2, 'm2']] as const) storage.exec('INSERT INTO transcript (n, id, sender, text, at) VALUES (?, ?, ?, ?, ?)', n, id, 'visitor', `text ${id}`, n);
  storage.exec('UPDATE participants SET read_through = ? WHERE participant = ?', 2, 'agent');
  return {
    transcript: storage.exec('SELECT n, id FROM transcript ORDER BY n'),
    conversation: storage.exec('SELECT * FROM conversation LIMIT 1'),
    participants: storage.exec('SELECT * FROM participants ORDER BY participant'),
    outbox: storage.exec('SELECT seq, message, relays FROM outbox WHERE participant = ? ORDER BY seq', 'agent'),
    events: storage.exec('SELECT kind FROM events ORDER BY seq'),
  };
}

describe('the conversations file', () => {
  it("runs each conversation's SQL as a database of its own would, and shows it only its own rows", () => {
    const dir = freshDir();
    const own = openSqlite(join(dir, 'own.sqlite'));
    migrate(own, migrations);
    const expected = converse(own, 'one', 4);
    own.close();

    const store = open(join(dir, 'conversations.sqlite'), migrations);
    const [one, two] = [store.storage('one'), store.storage('two')];
    expect(converse(one, 'one', 4)).toEqual(expected);
    expect(converse(two, 'two', 6)).toMatchObject({ participants: [{ last_sent: 6 }, { last_received: 6 }] });
    expect(one.exec('SELECT id FROM conversation')).toEqual([{ id: 'one' }]);
    expect(two.exec('SELECT id FROM conversation')).toEqual([{ id: 'two' }]);
    expect(store.storage('three').exec('SELECT * FROM participants')).toEqual([]);
    // A participant is one row per conversation: the second insert clashes, as it would alone.
    expect(() => two.exec("INSERT INTO participants (participant) VALUES ('agent')")).toThrow(/UNIQUE/);
    expect(() => two.exec("INSERT INTO transcript (n, id, sender, text, at) VALUES (3, 'm1', 'visitor', 'again', 3)")).toThrow(/UNIQUE/);
    expect(() => two.exec("INSERT INTO transcript (id, sender, text, at) VALUES ('m9', 'agent', 'unnumbered', 3)")).toThrow(/NOT NULL/);
  });

  it('keeps what was committed across reopening, and nothing of a transaction that failed', async () => {
    const dir = freshDir();
    const first = openConversationStore(join(dir, 'conversations.sqlite'), migrations);
    const storage = first.storage('c1');
    storage.exec('INSERT INTO participants (participant) VALUES (?)', 'visitor');
    expect(() => storage.transaction(() => {
      storage.exec('UPDATE participants SET last_sent = 5');
      storage.exec('INSERT INTO participants (participant) VALUES (?)', 'visitor');
    })).toThrow();
    await first.close();
    const again = open(join(dir, 'conversations.sqlite'), migrations);
    expect(again.storage('c1').exec('SELECT participant, last_sent FROM participants')).toEqual([{ participant: 'visitor', last_sent: 0 }]);
  });

  it("commits one turn's writes together, and lets what depends on them out only after", async () => {
    const path = join(freshDir(), 'conversations.sqlite');
    const store = open(path, migrations);
    const reader = openSqlite(path);
    const stored = () => reader.exec<{ conversation_id: string; seq: number }>('SELECT conversation_id, seq FROM outbox ORDER BY conversation_id');
    const events: string[] = [];
    store.storage('c1').exec("INSERT INTO outbox (participant, seq, message) VALUES ('agent', 1, '{}')");
    store.storage('c2').transaction(() => store.storage('c2').exec("INSERT INTO outbox (participant, seq, message) VALUES ('visitor', 7, '{}')"));
    store.afterCommit(() => events.push(`delivered after ${stored().length} rows`), () => events.push('lost'));
    // Another connection sees nothing yet, and nothing was let out.
    expect(stored()).toEqual([]);
    expect(events).toEqual([]);
    await new Promise((turn) => setImmediate(turn));
    expect(events).toEqual(['delivered after 2 rows']);
    expect(stored()).toEqual([{ conversation_id: 'c1', seq: 1 }, { conversation_id: 'c2', seq: 7 }]);
    // With nothing waiting, it runs at once.
    store.afterCommit(() => events.push('at once'), () => events.push('lost'));
    expect(events).toEqual(['delivered after 2 rows', 'at once']);
    reader.close();
  });

  it('tells what waited on a commit that failed (a full disk) that it is lost, undoes the turn, goes on, and leaves the file whole', () => {
    const dir = freshDir();
    // Files of that process may grow to 400 KiB; past it a write fails as on a full disk.
    const run = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 400; exec "$0" "$1" "$2"`, process.execPath, fileURLToPath(new URL('../../testing/full-disk-commits.ts', import.meta.url)), dir], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status, run.stderr).toBe(0);
    const { committed, told, afterFailure, failingAfterFailure, failingAfterNextCommit, plainRefused, plainFailing } = JSON.parse(run.stdout) as {
      committed: number; told: string[]; afterFailure: { seq: number }[]; failingAfterFailure: boolean; failingAfterNextCommit: boolean; plainRefused: string; plainFailing: boolean;
    };
    expect(committed).toBeGreaterThan(0);
    expect(told).toEqual([`lost ${committed + 1}`, 'undone']);
    expect(afterFailure).toEqual([{ seq: 1000 }]);
    // Still failing after a small commit passed: the disk is nearly full all the same.
    expect([failingAfterFailure, failingAfterNextCommit]).toEqual([true, true]);
    // The directory's and the switchboards' files hear of it too, through openSqlite.
    expect(plainRefused).toMatch(/disk|full/i);
    expect(plainFailing).toBe(true);
    expect(run.stderr).toContain('The conversations file could not commit');

    const again = open(join(dir, 'conversations.sqlite'), migrations);
    const seqs = again.storage('c1').exec<{ seq: number }>('SELECT seq FROM outbox ORDER BY seq').map((row) => row.seq);
    // Every turn before the failed one, none of it, and the small write after it (committed in its own turn).
    expect(seqs).toEqual([...Array.from({ length: committed }, (_, index) => index + 1), 1000]);
    const reader = openSqlite(join(dir, 'conversations.sqlite'));
    expect(reader.exec('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    reader.close();
  });

  it('copies its log back into the file from its own thread, with no commit waiting for it', async () => {
    const path = join(freshDir(), 'conversations.sqlite');
    const storage = open(path, migrations).storage('c1');
    const emptySize = statSync(path).size;
    // Far below the pages at which a commit on this thread would checkpoint.
    for (let seq = 1; seq <= 200; seq++) storage.exec('INSERT INTO outbox (participant, seq, message) VALUES (?, ?, ?)', 'agent', seq, 'x'.repeat(500));
    const deadline = Date.now() + 5000;
    while (statSync(path).size === emptySize && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 50));
    expect(statSync(path).size).toBeGreaterThan(emptySize + 100 * 500);
  });

  it('lets go of the file once closed: no descriptor stays open, and the log is copied back and removed', async () => {
    const path = join(freshDir(), 'conversations.sqlite');
    const store = openConversationStore(path, migrations);
    store.storage('c1').exec('INSERT INTO outbox (participant, seq, message) VALUES (?, ?, ?)', 'agent', 1, 'x');
    expect(openFilesUnder(path)).toContain(''); // the file itself; '-wal' and '-shm' are its log and index
    await store.close();
    expect(openFilesUnder(path)).toEqual([]);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reader = openSqlite(path);
    expect(reader.exec('SELECT seq, message FROM outbox')).toEqual([{ seq: 1, message: 'x' }]);
    reader.close();
  });

  it('follows a newer migration that adds a table and a column, with its default for rows already there', async () => {
    const dir = freshDir();
    const first = openConversationStore(join(dir, 'conversations.sqlite'), migrations);
    first.storage('c1').exec('INSERT INTO participants (participant) VALUES (?)', 'agent');
    await first.close();
    const newer = [...migrations, {
      name: '9999_messages.sql',
      sql: "CREATE TABLE messages (id TEXT PRIMARY KEY, body TEXT NOT NULL);\nCREATE INDEX messages_body ON messages (body);\nALTER TABLE participants ADD COLUMN typing INTEGER NOT NULL DEFAULT 0;",
    }];
    const store = open(join(dir, 'conversations.sqlite'), newer);
    const storage = store.storage('c1');
    storage.exec('INSERT INTO messages (id, body) VALUES (?, ?)', 'm1', 'Hello');
    expect(storage.exec('SELECT participant, typing FROM participants')).toEqual([{ participant: 'agent', typing: 0 }]);
    expect(storage.exec('SELECT * FROM messages')).toEqual([{ id: 'm1', body: 'Hello' }]);
    expect(store.storage('c2').exec('SELECT * FROM messages')).toEqual([]);
  });

  it('refuses migrations it cannot follow, saying which', () => {
    const dir = freshDir();
    const withData = [...migrations, { name: '9999_seed.sql', sql: "INSERT INTO participants (participant) VALUES ('visitor')" }];
    expect(() => openConversationStore(join(dir, 'a.sqlite'), withData)).toThrow(/9999_seed\.sql.*INSERT INTO participants/);
    const withoutKey = [...migrations, { name: '9999_notes.sql', sql: 'CREATE TABLE notes (text TEXT)' }];
    expect(() => openConversationStore(join(dir, 'b.sqlite'), withoutKey)).toThrow(/notes: a table without a primary key/);
  });

  it('moves in the files an earlier version kept per conversation, once', async () => {
    const dir = freshDir();
    const earlierDir = join(dir, 'conversations');
    mkdirSync(earlierDir);
    const leave = (kinds: string[]) => {
      const earlier = openSqlite(join(earlierDir, 'c1.sqlite'));
      migrate(earlier, migrations.slice(0, 2));
      earlier.exec("INSERT INTO conversation (id, tenant_id, visitor_id, media, state, created_at) VALUES ('c1', 'demo', 'v1', 'audio', 'queued', 1)");
      for (const kind of kinds) earlier.exec('INSERT INTO events (at, kind, detail) VALUES (1, ?, ?)', kind, '{}');
      earlier.close();
    };
    leave(['opened', 'queued']);
    const first = openConversationStore(join(dir, 'conversations.sqlite'), migrations, earlierDir);
    first.storage('c2').exec("INSERT INTO events (at, kind, detail) VALUES (1, 'opened', '{}')");
    await first.close();
    expect(existsSync(join(earlierDir, 'c1.sqlite'))).toBe(false);
    // As if the process had stopped between moving a file in and deleting it.
    leave(['opened', 'queued', 'accepted']);

    const store = open(join(dir, 'conversations.sqlite'), migrations, earlierDir);
    const storage = store.storage('c1');
    expect(storage.exec('SELECT id, state, call_started FROM conversation')).toEqual([{ id: 'c1', state: 'queued', call_started: 0 }]);
    expect(storage.exec('SELECT kind FROM events ORDER BY seq')).toEqual([{ kind: 'opened' }, { kind: 'queued' }]);
    expect(existsSync(join(earlierDir, 'c1.sqlite'))).toBe(false);
  });
});
