// Which files this process holds open, for tests that check a host lets go of its own.
import { readdirSync, readlinkSync } from 'node:fs';

/**
 * The paths this process has open that start with `prefix`, less the prefix.
 * @example openFilesUnder('/tmp/beckon-api-1') // ['/directory.sqlite', '/directory.sqlite-wal']
 */
export function openFilesUnder(prefix: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(prefix) ? [target.slice(prefix.length)] : [];
    } catch {
      return []; // closed while listed
    }
  });
}
