// The storage seam over node:sqlite, in WAL mode so that a write is on disk
// before the actor answers.
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { Storage } from '../../storage/storage.ts';

export interface SqliteStorage extends Storage {
  /** The connection itself, for what only node:sqlite does (functions, ATTACH, pragmas). */
  readonly database: DatabaseSync;
  close(): void;
}

/**
 * Opens (or creates) an SQLite file as actor storage; `pageBytes` sets a new file's page size.
 * @example const storage = openSqlite('./data/directory.sqlite'); storage.exec('SELECT 1');
 */
export function openSqlite(path: string, options: { pageBytes?: number } = {}): SqliteStorage {
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
      return statement.all(...params) as T[];
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
