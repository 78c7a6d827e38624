import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../runtime/node/sqlite.ts';
import { migrate } from './storage.ts';

const dirs: string[] = [];
const freshFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'beckon-storage-'));
  dirs.push(dir);
  return join(dir, 'actor.sqlite');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite storage', () => {
  it('applies each migration once, in name order, and keeps data across reopening', () => {
    const path = freshFile();
    const migrations = [
      { name: '0002_seed.sql', sql: "INSERT INTO notes (text) VALUES ('hello, world')" },
      { name: '0001_init.sql', sql: '-- notes\nCREATE TABLE notes (text TEXT);\nCREATE INDEX notes_text ON notes (text);' },
    ];
    const first = openSqlite(path);
    migrate(first, migrations);
    migrate(first, migrations);
    first.close();
    const again = openSqlite(path);
    migrate(again, migrations);
    expect(again.exec('SELECT text FROM notes')).toEqual([{ text: 'hello, world' }]);
    again.close();
  });

  it('rolls back every write of a failed transaction', () => {
    const storage = openSqlite(freshFile());
    storage.exec('CREATE TABLE queue (id TEXT PRIMARY KEY)');
    expect(() =>
      storage.transaction(() => {
        storage.exec('INSERT INTO queue (id) VALUES (?)', 'a');
        storage.exec('INSERT INTO queue (id) VALUES (?)', 'a');
      }),
    ).toThrow();
    expect(storage.exec('SELECT * FROM queue')).toEqual([]);
    storage.close();
  });
});
