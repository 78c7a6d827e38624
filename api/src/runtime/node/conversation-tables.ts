// How the Node host keeps every conversation in one SQLite file. Each table
// the conversation migrations create becomes a shared table with a
// `conversation_id` column in front, keyed by conversation; a temporary view
// of the same name shows one conversation's rows, and its triggers write
// through to the shared table. The conversation's SQL, written for a
// database of its own (as a Durable Object has), runs unchanged on the views.
import type { DatabaseSync } from 'node:sqlite';
import { migrate, splitStatements, type Migration } from '../../storage/storage.ts';
import { openSqlite } from './sqlite.ts';

/** The SQL function the views call: the conversation whose statement runs. */
export const scopeFunction = 'conversation_scope';

interface Column {
  name: string;
  type: string;
  notNull: boolean;
  /** The default's SQL, as SQLite keeps it. */
  defaultSql: string | null;
}

/** One table of a conversation, as its migrations leave it. */
export interface ConversationTable {
  name: string;
  columns: Column[];
  primaryKey: string[];
  /**
   * A single INTEGER PRIMARY KEY AUTOINCREMENT, which SQLite numbers itself:
   * one sequence for all conversations, so values stay unique and in order.
   * A conversation that numbers its rows itself keys them by conversation.
   */
  rowidAlias: boolean;
  strict: boolean;
  indexes: { name: string; unique: boolean; columns: string[] }[];
}

/**
 * The tables the conversation migrations create, read from a scratch
 * database they are applied to. Throws on what the shared file cannot
 * follow: migrations that change data or drop things, tables without a
 * primary key, constraints a view would hide.
 * @example conversationTables(readMigrations('conversation')).map((table) => table.name) // ['conversation', 'events', 'outbox', 'participants']
 */
export function conversationTables(migrations: Migration[]): ConversationTable[] {
  for (const migration of migrations) {
    for (const statement of splitStatements(migration.sql)) {
      if (!/^(CREATE TABLE|CREATE (UNIQUE )?INDEX|ALTER TABLE \S+ ADD)\s/i.test(statement)) {
        throw new Error(`${migration.name}: the Node host's conversation file follows migrations that create tables and indexes and add columns, not "${statement.split('\n')[0]}"`);
      }
    }
  }
  const template = openSqlite(':memory:');
  try {
    migrate(template, migrations);
    const tables = template.exec<{ name: string; sql: string; wr: number; strict: number }>(
      "SELECT name, sql, wr, strict FROM sqlite_schema JOIN pragma_table_list USING (name) WHERE sqlite_schema.type = 'table' AND schema = 'main' AND name NOT LIKE 'sqlite%' AND name <> 'migrations' ORDER BY name",
    );
    return tables.map((table) => describe(template.database, table));
  } finally {
    template.close();
  }
}

function describe(database: DatabaseSync, table: { name: string; sql: string; wr: number; strict: number }): ConversationTable {
  const refuse = (what: string) => new Error(`conversation table ${table.name}: ${what} cannot be kept in the Node host's shared conversation file`);
  const rows = database.prepare('SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?)').all(table.name) as {
    name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number;
  }[];
  if (rows.some((row) => row.hidden)) throw refuse('a generated column');
  if (rows.some((row) => row.name.toLowerCase() === 'conversation_id')) throw refuse('a column named conversation_id');
  // A view shows these as plain columns: their checks would not run on insert.
  if (/\b(CHECK|COLLATE|REFERENCES)\b/i.test(table.sql)) throw refuse('a CHECK, COLLATE or REFERENCES clause');
  // An insert through a view cannot tell an omitted value from a NULL one.
  if (rows.some((row) => !row.notnull && !row.pk && row.dflt_value !== null)) throw refuse('a nullable column with a default');
  const primaryKey = rows.filter((row) => row.pk).sort((a, b) => a.pk - b.pk).map((row) => row.name);
  if (!primaryKey.length) throw refuse('a table without a primary key');
  const indexes = (database.prepare("SELECT name, \"unique\", partial FROM pragma_index_list(?) WHERE origin <> 'pk'").all(table.name) as { name: string; unique: number; partial: number }[])
    .map((index) => {
      const keys = database.prepare('SELECT name, "desc", coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno').all(index.name) as { name: string | null; desc: number; coll: string }[];
      if (index.partial || keys.some((key) => key.name === null || key.coll !== 'BINARY')) throw refuse(`index ${index.name} (partial, on an expression or with a collation)`);
      return { name: index.name, unique: Boolean(index.unique), columns: keys.map((key) => `${quote(key.name!)}${key.desc ? ' DESC' : ''}`) };
    });
  const rowidAlias = !table.wr && primaryKey.length === 1 && rows.find((row) => row.pk)!.type.toUpperCase() === 'INTEGER' && /\bAUTOINCREMENT\b/i.test(table.sql);
  return {
    name: table.name,
    // SQLite lets a key column of an ordinary table hold NULL; the conversation's own table would not.
    columns: rows.map((row) => ({ name: row.name, type: row.type, notNull: Boolean(row.notnull) || (row.pk > 0 && !rowidAlias), defaultSql: row.dflt_value })),
    primaryKey,
    rowidAlias,
    strict: Boolean(table.strict),
    indexes,
  };
}

/**
 * Creates the shared tables, or adds the columns and indexes newer
 * migrations brought, then the temporary views and triggers one connection
 * needs (they live as long as it does).
 * @example layOut(shared.database, conversationTables(readMigrations('conversation')));
 */
export function layOut(database: DatabaseSync, tables: ConversationTable[]): void {
  for (const table of tables) {
    const existing = database.prepare("SELECT name, type, \"notnull\", dflt_value FROM pragma_table_xinfo(?, 'main')").all(table.name) as {
      name: string; type: string; notnull: number; dflt_value: string | null;
    }[];
    if (!existing.length) for (const sql of createTable(table)) database.exec(sql);
    for (const column of table.columns) {
      const found = existing.find((row) => row.name === column.name);
      if (!existing.length || (found && found.type === column.type && Boolean(found.notnull) === column.notNull && found.dflt_value === column.defaultSql)) continue;
      if (found) throw new Error(`conversation table ${table.name}: column ${column.name} changed; the Node host's conversation file only adds columns`);
      database.exec(`ALTER TABLE main.${quote(table.name)} ADD COLUMN ${columnSql(column)}${column.defaultSql === null ? '' : ` DEFAULT ${column.defaultSql}`}`);
    }
    const kept = new Set(['conversation_id', ...table.columns.map((column) => column.name)]);
    const dropped = existing.find((row) => !kept.has(row.name));
    if (dropped) throw new Error(`conversation table ${table.name}: column ${dropped.name} is gone; the Node host's conversation file only adds columns`);
    for (const index of table.indexes) {
      database.exec(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS main.${quote(`${table.name} ${index.name}`)} ON ${quote(table.name)} (conversation_id, ${index.columns.join(', ')})`);
    }
    for (const sql of scopedView(table)) database.exec(sql);
  }
}

function createTable(table: ConversationTable): string[] {
  const columns = table.columns.map((column) => {
    if (table.rowidAlias && column.name === table.primaryKey[0]) return `${quote(column.name)} INTEGER PRIMARY KEY AUTOINCREMENT`;
    return `${columnSql(column)}${column.defaultSql === null ? '' : ` DEFAULT (${column.defaultSql})`}`;
  });
  const key = table.rowidAlias ? '' : `, PRIMARY KEY (conversation_id, ${table.primaryKey.map(quote).join(', ')})`;
  return [
    `CREATE TABLE main.${quote(table.name)} (conversation_id TEXT NOT NULL, ${columns.join(', ')}${key})${table.strict ? ' STRICT' : ''}`,
    ...(table.rowidAlias ? [`CREATE INDEX main.${quote(`${table.name} by conversation`)} ON ${quote(table.name)} (conversation_id, ${quote(table.primaryKey[0]!)})`] : []),
  ];
}

function columnSql(column: Column): string {
  return `${quote(column.name)} ${column.type}${column.notNull ? ' NOT NULL' : ''}`;
}

// The view shows one conversation's rows with the table's own columns; its
// triggers find a row by the table's primary key within that conversation.
function scopedView(table: ConversationTable): string[] {
  const name = quote(table.name);
  const shared = `main.${name}`;
  const scope = `conversation_id = ${scopeFunction}()`;
  const columns = table.columns.map((column) => quote(column.name));
  const isOld = (column: string) => `${quote(column)} IS OLD.${quote(column)}`;
  const sameRow = `${scope} AND ${table.primaryKey.map(isOld).join(' AND ')}`;
  const keyUnchanged = table.primaryKey.map((column) => `NEW.${quote(column)} IS OLD.${quote(column)}`).join(' AND ');
  const set = (of: Column[]) => of.map((column) => `${quote(column.name)} = NEW.${quote(column.name)}`).join(', ');
  const others = table.columns.filter((column) => !table.primaryKey.includes(column.name));
  // A NOT NULL column left out of an insert gets its default, as in the table itself.
  const inserted = table.columns.map((column) => (column.notNull && column.defaultSql !== null ? `coalesce(NEW.${quote(column.name)}, (${column.defaultSql}))` : `NEW.${quote(column.name)}`));
  const trigger = (event: string, body: string, when = '') => `CREATE TEMP TRIGGER ${quote(`${table.name} ${event}`)} INSTEAD OF ${event.split(' ')[0]} ON ${name}${when} BEGIN ${body}; END`;
  return [
    `CREATE TEMP VIEW ${name} AS SELECT ${columns.join(', ')} FROM ${shared} WHERE ${scope}`,
    trigger('INSERT', `INSERT INTO ${shared} (conversation_id, ${columns.join(', ')}) VALUES (${scopeFunction}(), ${inserted.join(', ')})`),
    trigger('DELETE', `DELETE FROM ${shared} WHERE ${sameRow}`),
    // Most updates leave the key alone: they need not touch the key's index.
    ...(others.length ? [trigger('UPDATE keeping key', `UPDATE ${shared} SET ${set(others)} WHERE ${sameRow}`, ` WHEN ${keyUnchanged}`)] : []),
    trigger('UPDATE of key', `UPDATE ${shared} SET ${set(table.columns)} WHERE ${sameRow}`, ` WHEN NOT (${keyUnchanged})`),
  ];
}

/**
 * An SQL identifier, quoted.
 * @example quote('outbox') // '"outbox"'
 */
export function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
