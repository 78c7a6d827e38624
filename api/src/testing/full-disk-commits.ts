// Run by conversation-store.test.ts in a process whose files may grow only
// to a set size (`ulimit -f`), so the conversations file's commits fail as
// on a full disk. Commits turn after turn until one fails, then prints what
// each turn's waiting work was told, as JSON; then does the same to a file
// written statement by statement.
//
// Usage: node full-disk-commits.ts <data dir>
import { join } from 'node:path';
import { openConversationStore } from '../runtime/node/conversation-store.ts';
import { readMigrations } from '../runtime/node/migrations.ts';
import { openSqlite, writeFailures } from '../runtime/node/sqlite.ts';

const storeFailures = writeFailures();
const store = openConversationStore(join(process.argv[2]!, 'conversations.sqlite'), readMigrations('conversation'), undefined, storeFailures.note);
const told: string[] = [];
store.whenUndone(() => told.push('undone'));
const storage = store.storage('c1');
let committed = 0;
for (let seq = 1; seq <= 100 && !told.includes('undone'); seq++) {
  storage.exec('INSERT INTO outbox (participant, seq, message) VALUES (?, ?, ?)', 'agent', seq, 'x'.repeat(20_000));
  await new Promise<void>((settled) => store.afterCommit(() => (committed = seq, settled()), () => (told.push(`lost ${seq}`), settled())));
}
const failingAfterFailure = storeFailures.recent();
// A small write after the failed one is a new turn's transaction, and the file has room for it.
storage.exec('INSERT INTO outbox (participant, seq, message) VALUES (?, ?, ?)', 'agent', 1000, 'small');
const afterFailure = storage.exec<{ seq: number }>('SELECT seq FROM outbox WHERE seq > ? ORDER BY seq', committed);
await new Promise((turn) => setImmediate(turn));
const failingAfterNextCommit = storeFailures.recent();
await store.close();

// A file written statement by statement (the directory, a switchboard) reports the same failure.
const plainFailures = writeFailures();
const plain = openSqlite(join(process.argv[2]!, 'plain.sqlite'), { onWriteFailed: plainFailures.note });
plain.exec('CREATE TABLE rows (text TEXT NOT NULL)');
let plainRefused = '';
for (let row = 0; row < 100 && !plainRefused; row++) {
  try {
    plain.exec('INSERT INTO rows (text) VALUES (?)', 'x'.repeat(20_000));
  } catch (error) {
    plainRefused = (error as Error).message;
  }
}
plain.close();
console.log(JSON.stringify({ committed, told, afterFailure, failingAfterFailure, failingAfterNextCommit, plainRefused, plainFailing: plainFailures.recent() }));
