import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDevVars, setDevVars } from './worker-dev.ts';

describe('the .dev.vars of `npm run dev:worker`', () => {
  // As wrangler's docs write them: an operator's TURN settings there used to be dropped, and deleted from the file.
  const operators = '# Local TURN\nBECKON_STUN_URLS=stun:127.0.0.1:3478\nBECKON_TURN_URLS="turn:127.0.0.1:3478?transport=udp"\nBECKON_TURN_SECRET=\'s3cret\'\n';

  it('reads variables bare or quoted, without comments', () => {
    expect(readDevVars(`${operators}BECKON_RING_TIMEOUT_MS = 5000  # five seconds\n`)).toEqual({
      BECKON_STUN_URLS: 'stun:127.0.0.1:3478',
      BECKON_TURN_URLS: 'turn:127.0.0.1:3478?transport=udp',
      BECKON_TURN_SECRET: 's3cret',
      BECKON_RING_TIMEOUT_MS: '5000',
    });
  });

  it('sets its own variables and keeps the operator\'s lines as they are', () => {
    const text = setDevVars(`${operators}BECKON_DEMO_PASSWORD='old'`, { BECKON_DEMO_PASSWORD: 'new', BECKON_SIGNING_KEYS: '{"k":1}' });
    expect(text).toBe(`${operators}BECKON_DEMO_PASSWORD='new'\nBECKON_SIGNING_KEYS='{"k":1}'\n`);
    expect(readDevVars(text)).toMatchObject({ BECKON_TURN_SECRET: 's3cret', BECKON_DEMO_PASSWORD: 'new', BECKON_SIGNING_KEYS: '{"k":1}' });
  });
});

describe('`npm run dev:worker` with a setting it cannot use', () => {
  // It used to wait a minute for a Worker on port NaN, then print a stack trace.
  it('stops at once with the line `npm start` would give', () => {
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('./worker-dev.ts', import.meta.url))], { env: { ...process.env, PORT: 'abc' }, encoding: 'utf8', timeout: 15_000 });
    expect([run.status, run.stderr.trim()]).toEqual([1, 'Beckon could not start: PORT must be a whole number from 0 to 65535, not "abc"']);
  });
});
