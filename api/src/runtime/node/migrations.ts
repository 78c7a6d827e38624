import { readFileSync, readdirSync } from 'node:fs';
import type { Migration } from '../../storage/storage.ts';

const root = new URL('../../storage/migrations/', import.meta.url);

/**
 * Reads one actor kind's SQL migrations from disk.
 * @example readMigrations('switchboard') // [{ name: '0001_init.sql', sql: 'CREATE TABLE …' }]
 */
export function readMigrations(kind: 'directory' | 'switchboard' | 'conversation'): Migration[] {
  const folder = new URL(`${kind}/`, root);
  return readdirSync(folder)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => ({ name, sql: readFileSync(new URL(name, folder), 'utf8') }));
}
