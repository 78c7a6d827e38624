// The storage seam over node:sqlite: one database file per actor, in WAL mode
// so a write is on disk before the actor answers.
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { Storage } from '../../storage/storage.ts';

export interface SqliteStorage extends Storage {
  close(): void;
}

/**
 * Opens (or creates) an SQLite file as actor storage.
 * @example const storage = openSqlite('./data/directory.sqlite'); storage.exec('SELECT 1');
 */
export function openSqlite(path: string): SqliteStorage {
  const db = new DatabaseSync(path);
  // FULL: a write is on disk before anyone is told it happened, so neither a
  // killed process nor a power cut loses a contact, a queue entry or a message.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000');
  const statements = new Map<string, StatementSync>();
  let depth = 0;
  return {
    exec<T>(sql: string, ...params: SQLInputValue[]): T[] {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement.all(...params) as T[];
    },
    transaction(work) {
      if (depth > 0) return work();
      depth++;
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
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
