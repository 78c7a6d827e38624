// Every conversation of the Node host in one SQLite file and one connection.
// A connection of its own cost each conversation about 290 KiB (lookaside,
// page cache, schema, prepared statements, WAL index), which made a
// conversation hundreds of times dearer than the sockets it serves; shared,
// the conversations have one page cache and one set of prepared statements.
// Each conversation's storage runs its SQL in its own scope: the views of
// conversation-tables.ts show and change only its rows.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, type Migration, type SqlValue, type Storage } from '../../storage/storage.ts';
import { conversationTables, layOut, quote, scopeFunction, type ConversationTable } from './conversation-tables.ts';
import { mainThreadCheckpointPages, startCheckpointer } from './checkpointer.ts';
import { openSqlite, type SqliteStorage } from './sqlite.ts';

export interface ConversationStore {
  /** One conversation's storage: its SQL sees its own tables only. */
  storage(conversationId: string): Storage;
  /**
   * Runs `deliver` once every write made so far is committed (at once when
   * none is waiting), or `lost` if that commit failed.
   */
  afterCommit(deliver: () => void, lost: () => void): void;
  /** Calls `listener` after a commit failed: what the conversations wrote since the last one is undone. */
  whenUndone(listener: () => void): void;
  /** Resolves once every connection to the file is closed. */
  close(): Promise<void>;
}

/**
 * Opens (or creates) the conversations file, brings its tables up to the
 * migrations, and moves in the one-file-per-conversation databases an
 * earlier version left in `earlierFilesDir`. `onWriteFailed` hears of
 * every commit that failed, and of statements that failed for want of room.
 * @example const store = openConversationStore('./data/conversations.sqlite', readMigrations('conversation'), './data/conversations'); store.storage(id).exec('SELECT * FROM conversation'); await store.close();
 */
export function openConversationStore(path: string, migrations: Migration[], earlierFilesDir?: string, onWriteFailed?: () => void): ConversationStore {
  const tables = conversationTables(migrations);
  // Small pages: a relayed signal rewrites a few pages of log (participants,
  // outbox), and at 1 KiB rather than SQLite's 4 KiB that is a third of the
  // bytes to write and to sync for the same rows.
  const shared = openSqlite(path, { pageBytes: 1024, onWriteFailed });
  let scope: string | null = null;
  // Deterministic: evaluated once per statement, which is all the scope can change by.
  shared.database.function(scopeFunction, { deterministic: true }, () => scope);
  // Updates through a view stage their rows in a temporary table: in memory, not a temporary file.
  shared.database.exec('PRAGMA temp_store = MEMORY');
  shared.database.exec(`PRAGMA wal_autocheckpoint = ${mainThreadCheckpointPages}`);
  layOut(shared.database, tables);
  if (earlierFilesDir && existsSync(earlierFilesDir)) moveIn(shared, tables, migrations, earlierFilesDir);
  // Group commit, as a Durable Object's storage does it: the writes of one
  // turn of the event loop, from every conversation, go into one transaction,
  // committed once the turn's work is done. A commit per relayed signal was
  // most of the relay's cost (docs/performance.md). Nothing that depends on
  // the writes leaves the process before they are committed: see afterCommit.
  const undoneListeners: (() => void)[] = [];
  let group: { commit: NodeJS.Immediate; waiting: { deliver: () => void; lost: () => void }[] } | null = null;
  const joinGroup = () => {
    if (group) return;
    shared.database.exec('BEGIN');
    group = { commit: setImmediate(commitGroup), waiting: [] };
  };
  function commitGroup(): void {
    const { waiting } = group!;
    group = null;
    try {
      shared.database.exec('COMMIT');
    } catch (error) {
      onWriteFailed?.();
      console.error('The conversations file could not commit; what depended on it is not sent.', error);
      if (shared.database.isTransaction) shared.database.exec('ROLLBACK');
      for (const after of waiting) after.lost();
      for (const listener of undoneListeners) listener();
      return;
    }
    for (const after of waiting) after.deliver();
  }
  const afterCommit = (deliver: () => void, lost: () => void) => (group ? group.waiting.push({ deliver, lost }) : deliver());
  const checkpointer = startCheckpointer(path, () => afterCommit(() => shared.database.exec('PRAGMA wal_checkpoint(PASSIVE)'), () => {}));

  const inScope = <T>(conversationId: string, work: () => T): T => {
    const outer = scope;
    scope = conversationId;
    try {
      return work();
    } finally {
      scope = outer;
    }
  };
  return {
    storage: (conversationId) => ({
      exec: <T>(sql: string, ...params: SqlValue[]) => inScope(conversationId, () => (joinGroup(), shared.exec<T>(sql, ...params))),
      // Inside the group's transaction, a transaction is a savepoint (sqlite.ts).
      transaction: (work) => inScope(conversationId, () => (joinGroup(), shared.transaction(work))),
    }),
    afterCommit,
    whenUndone: (listener) => void undoneListeners.push(listener),
    async close() {
      if (group) {
        clearImmediate(group.commit);
        commitGroup();
      }
      shared.close();
      await checkpointer.stop();
    },
  };
}

// Each earlier file is brought up to the migrations, copied in one commit
// and then deleted; a file whose conversation is already in (the process
// stopped before deleting it) is only deleted.
function moveIn(shared: SqliteStorage, tables: ConversationTable[], migrations: Migration[], dir: string): void {
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.sqlite'))) {
    const conversationId = file.slice(0, -'.sqlite'.length);
    const path = join(dir, file);
    const earlier = openSqlite(path);
    migrate(earlier, migrations);
    earlier.close();
    shared.exec('ATTACH DATABASE ? AS earlier', path);
    try {
      shared.transaction(() => {
        const present = (table: ConversationTable) => shared.exec(`SELECT 1 FROM main.${quote(table.name)} WHERE conversation_id = ? LIMIT 1`, conversationId).length > 0;
        if (tables.some(present)) return;
        for (const table of tables) {
          // A shared sequence numbers the rows anew, in their order.
          const columns = table.columns.filter((column) => !(table.rowidAlias && column.name === table.primaryKey[0])).map((column) => quote(column.name)).join(', ');
          const order = table.primaryKey.map(quote).join(', ');
          shared.exec(`INSERT INTO main.${quote(table.name)} (conversation_id, ${columns}) SELECT ?, ${columns} FROM earlier.${quote(table.name)} ORDER BY ${order}`, conversationId);
        }
      });
    } finally {
      shared.exec('DETACH DATABASE earlier');
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
}
