// The storage seam over node:sqlite, in WAL mode so that a write is on disk
// before the actor answers.
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { Storage } from '../../storage/storage.ts';

export interface SqliteStorage extends Storage {
  /** The connection itself, for what only node:sqlite does (functions, ATTACH, pragmas). */
  readonly database: DatabaseSync;
  close(): void;
}

/** How long after a write that failed for want of room the host counts its storage as failing. */
const failingForMs = 30_000;

/**
 * When a write last failed for want of room (a full disk, an I/O error):
 * health reports the storage as failing for 30 seconds after, since on a
 * nearly full disk small writes may still pass while larger ones fail.
 * @example const failures = writeFailures(); openSqlite(path, { onWriteFailed: failures.note }); failures.recent() // false
 */
export function writeFailures(): { note(): void; recent(): boolean } {
  let at = Number.NEGATIVE_INFINITY;
  return { note: () => void (at = Date.now()), recent: () => Date.now() - at < failingForMs };
}

// SQLITE_IOERR and SQLITE_FULL, the primary codes under any extended one (SQLITE_IOERR_WRITE is 778).
function isDiskError(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' && [10, 13].includes(code & 0xff);
}

/**
 * Opens (or creates) an SQLite file as actor storage; `pageBytes` sets a new
 * file's page size, and `onWriteFailed` hears of writes that failed for want of room.
 * @example const storage = openSqlite('./data/directory.sqlite'); storage.exec('SELECT 1');
 */
export function openSqlite(path: string, options: { pageBytes?: number; onWriteFailed?: () => void } = {}): SqliteStorage {
  const db = new DatabaseSync(path);
  // The wait comes first: another connection (a checkpoint thread, the host
  // that stopped a moment ago) may hold the file while this one sets it up.
  db.exec('PRAGMA busy_timeout = 5000');
  // Only a new file takes it, and only before its first page is written (WAL writes one).
  if (options.pageBytes) db.exec(`PRAGMA page_size = ${options.pageBytes}`);
  // WAL with synchronous=NORMAL: a commit is in the log before anyone is told of
  // it, so a killed or crashed process loses nothing. Only a power cut can lose
  // the last commits; FULL would close that too, at one disk sync per relayed
  // signal, which caps signaling at a few hundred messages a second (see
  // docs/performance.md).
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
  // What is deleted (a contact an admin deletes, with its chat; a call's
  // signals, with network addresses) is overwritten with zeros in the file,
  // not only unlinked; long rows too, whose pages go to the free list (which
  // FAST would leave as they were).
  db.exec('PRAGMA secure_delete = ON');
  const statements = new Map<string, StatementSync>();
  let depth = 0;
  return {
    database: db,
    exec<T>(sql: string, ...params: SQLInputValue[]): T[] {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      try {
        return statement.all(...params) as T[];
      } catch (error) {
        if (isDiskError(error)) options.onWriteFailed?.();
        throw error;
      }
    },
    // One inside another is part of the outer one. Inside a transaction its
    // caller keeps open (the conversations' group commit), it is a savepoint:
    // if its work fails, only its own writes are undone.
    transaction(work) {
      if (depth > 0) return work();
      const within = db.isTransaction;
      depth++;
      db.exec(within ? 'SAVEPOINT work' : 'BEGIN IMMEDIATE');
      try {
        const result = work();
        db.exec(within ? 'RELEASE work' : 'COMMIT');
        return result;
      } catch (error) {
        if (isDiskError(error)) options.onWriteFailed?.();
        db.exec(within ? 'ROLLBACK TO work; RELEASE work' : 'ROLLBACK');
        throw error;
      } finally {
        depth--;
      }
    },
    close() {
      db.close();
    },
  };
}
