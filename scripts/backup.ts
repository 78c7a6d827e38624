// `npm run backup -- <directory>`: copies a Node host's data directory
// (BECKON_DATA_DIR, else ./data) into a new or empty directory, also while
// the server runs. Each SQLite file goes through SQLite's online backup, so
// each copy is whole, as of the moment it was made; the signing keys go too,
// so that the sessions of the day go on after a restore. Restoring is
// putting the copy in place of the data directory with the server stopped.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { textSetting } from '../api/src/runtime/settings.ts';

const root = resolve(import.meta.dirname, '..');
const source = resolve(textSetting(process.env.BECKON_DATA_DIR, join(root, 'data')));
const [target] = process.argv.slice(2);

function fail(message: string): never {
  console.error(`Backup failed: ${message}`);
  process.exit(1);
}

if (!target) fail('name the directory to back up into: npm run backup -- /path/to/new-directory');
const into = resolve(target);
if (!existsSync(join(source, 'directory.sqlite'))) fail(`${source} is no Beckon data directory (it has no directory.sqlite); set BECKON_DATA_DIR to the server's.`);
if (existsSync(into) && readdirSync(into).length > 0) fail(`${into} has files in it already; back up into a new or empty directory.`);
// Where a path really is, links followed, also for the part not made yet.
const real = (path: string): string => (existsSync(path) || dirname(path) === path ? realpathSync(path) : join(real(dirname(path)), basename(path)));
const [realInto, realSource] = [real(into), real(source)];
if (realInto === realSource || realInto.startsWith(`${realSource}/`)) fail('back up outside the data directory.');

// Everything the copy makes is its user's alone from the moment it exists:
// a copy stopped part way leaves nothing others can read either.
process.umask(0o077);
mkdirSync(into, { recursive: true, mode: 0o700 });
// An empty directory that was there already may be open to others.
chmodSync(into, 0o700);
const files = readdirSync(source, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.sqlite')).sort();
for (const file of files) {
  mkdirSync(dirname(join(into, file)), { recursive: true, mode: 0o700 });
  const database = new DatabaseSync(join(source, file));
  try {
    await backup(database, join(into, file));
  } finally {
    database.close();
  }
  chmodSync(join(into, file), 0o600);
}
const keys = existsSync(join(source, 'signing-keys.json'));
if (keys) {
  copyFileSync(join(source, 'signing-keys.json'), join(into, 'signing-keys.json'));
  chmodSync(join(into, 'signing-keys.json'), 0o600);
}
console.log(`Backed up ${files.length} database files${keys ? ' and the signing keys' : ''} from ${source} to ${into}.`);
