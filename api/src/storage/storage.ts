// The storage seam every actor uses: synchronous SQL plus transactions.
// Both node:sqlite and a Durable Object's `ctx.storage.sql` fit it.

/** A value SQL takes and answers; a BLOB is written as a Uint8Array and read back as one (node:sqlite) or as an ArrayBuffer (a Durable Object). */
export type SqlValue = string | number | null | Uint8Array;
export type Row = Record<string, SqlValue>;

export interface Storage {
  /** Runs one statement and returns its rows (empty for writes). */
  exec<T = Row>(sql: string, ...params: SqlValue[]): T[];
  /** Runs `work` atomically: every write in it lands, or none does. */
  transaction<T>(work: () => T): T;
}

/** One named migration: plain SQL, applied once, in name order. */
export interface Migration {
  name: string;
  sql: string;
}

/**
 * Applies the migrations that have not run yet, each in its own transaction.
 * @example migrate(storage, [{ name: '0001_init.sql', sql: 'CREATE TABLE t (id TEXT)' }]);
 */
export function migrate(storage: Storage, migrations: Migration[]): void {
  storage.exec('CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set(storage.exec<{ name: string }>('SELECT name FROM migrations').map((row) => row.name));
  for (const migration of [...migrations].sort((a, b) => a.name.localeCompare(b.name))) {
    if (applied.has(migration.name)) continue;
    storage.transaction(() => {
      for (const statement of splitStatements(migration.sql)) storage.exec(statement);
      storage.exec('INSERT INTO migrations (name, applied_at) VALUES (?, ?)', migration.name, Date.now());
    });
  }
}

/**
 * The statements of one migration file, comments removed. Both hosts run one
 * statement per exec call; our SQL files keep no ';' inside literals.
 * @example splitStatements('-- notes\nCREATE TABLE notes (text TEXT);') // ['CREATE TABLE notes (text TEXT)']
 */
export function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}
