// Widget keys, origins and identity secrets on real SQLite with the directory's own migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../runtime/node/migrations.ts';
import { openSqlite, type SqliteStorage } from '../runtime/node/sqlite.ts';
import { migrate } from '../storage/storage.ts';
import { Directory, widgetKeyOverlapMs } from './directory.ts';

let dir: string;
let storage: SqliteStorage;
let now: number;
let directory: Directory;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'beckon-directory-'));
  storage = openSqlite(join(dir, 'directory.sqlite'));
  migrate(storage, readMigrations('directory'));
  now = 1_700_000_000_000;
  directory = new Directory(storage, () => now);
  await directory.ensureTenant({ id: 'acme', name: 'Acme', widgetKey: 'acme-key', allowedOrigins: ['https://acme.example'] });
  await directory.ensureTenant({ id: 'globex', name: 'Globex', widgetKey: 'globex-key', allowedOrigins: ['https://globex.example'] });
});
afterEach(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('widget keys', () => {
  it('lists keys, oldest first, by their first characters only', async () => {
    now += 1000;
    const { key } = await directory.createWidgetKey('acme', 'Main site');
    const listed = await directory.widgetKeys('acme');
    expect(listed.map((widgetKey) => widgetKey.label)).toEqual(['Widget key', 'Main site']);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(JSON.stringify(listed)).not.toContain('acme-key');
    expect(listed[1]!.preview).toBe(`${key.slice(0, 7)}…`);
  });

  it('keeps a rotated key working for the overlap, then drops it', async () => {
    const [old] = await directory.widgetKeys('acme');
    const rotated = await directory.rotateWidgetKey('acme', old!.id);
    if (typeof rotated === 'string') throw new Error(rotated);
    expect(rotated.previous.expiresAt).toBe(now + widgetKeyOverlapMs);
    expect(await directory.widgetKey('acme-key')).toMatchObject({ tenantId: 'acme' });
    expect(await directory.widgetKey(rotated.key)).toMatchObject({ tenantId: 'acme' });
    expect(await directory.rotateWidgetKey('acme', old!.id)).toBe('already_rotated');
    now += widgetKeyOverlapMs;
    expect(await directory.widgetKey('acme-key')).toBeNull();
    expect((await directory.widgetKeys('acme')).map((widgetKey) => widgetKey.id)).toEqual([rotated.widgetKey.id]);
  });

  it('never touches another tenant\'s key', async () => {
    const [globexKey] = await directory.widgetKeys('globex');
    expect(await directory.revokeWidgetKey('acme', globexKey!.id)).toBe(false);
    expect(await directory.rotateWidgetKey('acme', globexKey!.id)).toBe('not_found');
    expect(await directory.widgetKey('globex-key')).toMatchObject({ tenantId: 'globex' });
    expect(await directory.revokeWidgetKey('globex', globexKey!.id)).toBe(true);
    expect(await directory.widgetKey('globex-key')).toBeNull();
  });
});

describe('origins and logins', () => {
  it('keeps origins an admin added when the tenant is seeded again', async () => {
    await directory.addAllowedOrigin('acme', 'https://shop.acme.example');
    await directory.ensureTenant({ id: 'acme', name: 'Acme', widgetKey: 'acme-key', allowedOrigins: ['https://acme.example'] });
    expect(await directory.allowedOrigins('acme')).toEqual(['https://acme.example', 'https://shop.acme.example']);
    expect(await directory.removeAllowedOrigin('acme', 'https://acme.example')).toEqual(['https://shop.acme.example']);
    expect(await directory.removeAllowedOrigin('acme', 'https://acme.example')).toBeNull();
    expect(await directory.allowedOrigins('globex')).toEqual(['https://globex.example']);
  });

  it('gives an email to one tenant only, until that tenant frees it', async () => {
    expect(await directory.claimAgentLogin('ada@example.com', 'acme')).toBe(true);
    expect(await directory.claimAgentLogin('ada@example.com', 'globex')).toBe(false);
    await directory.releaseAgentLogin('ada@example.com', 'globex');
    expect(await directory.tenantOfAgent('ada@example.com')).toBe('acme');
    await directory.releaseAgentLogin('ada@example.com', 'acme');
    expect(await directory.claimAgentLogin('ada@example.com', 'globex')).toBe(true);
  });
});

describe('identity secrets', () => {
  const signed = (secret: string) =>
    new SignJWT({ sub: 'customer-42', name: 'Ada Lovelace', exp: Math.floor(now / 1000) + 600 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

  it("verifies a tenant's tokens with its own secret only: another tenant's secret vouches for no one of it", async () => {
    const { secret: acmeSecret } = await directory.makeIdentitySecret('acme');
    const { secret: globexSecret } = await directory.makeIdentitySecret('globex');
    expect(await directory.verifyIdentity('acme', await signed(acmeSecret))).toEqual({ id: 'customer-42', name: 'Ada Lovelace', email: null });
    expect(await directory.verifyIdentity('globex', await signed(acmeSecret))).toMatch(/signature does not match/);
    expect(await directory.verifyIdentity('acme', await signed(globexSecret))).toMatch(/signature does not match/);
  });

  it("refuses every token of a tenant without a secret, and shows a tenant's secret by its first characters only", async () => {
    expect(await directory.identitySecret('acme')).toBeNull();
    const { secret } = await directory.makeIdentitySecret('globex');
    expect(await directory.verifyIdentity('acme', await signed(secret))).toMatch(/^This site has no identity secret/);
    expect(await directory.identitySecret('globex')).toEqual({ preview: `${secret.slice(0, 7)}…`, createdAt: now });
    expect(await directory.removeIdentitySecret('globex')).toBe(true);
    expect(await directory.removeIdentitySecret('globex')).toBe(false);
    expect(await directory.verifyIdentity('globex', await signed(secret))).toMatch(/^This site has no identity secret/);
  });
});
