import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createTokens, generateSigningKeys } from './tokens.ts';

describe('passwords', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
    expect(await hashPassword('correct horse')).not.toBe(stored);
  });

  it('refuses a malformed stored hash', async () => {
    expect(await verifyPassword('x', 'plaintext')).toBe(false);
  });
});

describe('tokens', () => {
  it('round-trips claims and refuses a token of another kind', async () => {
    const tokens = await createTokens(await generateSigningKeys());
    const token = await tokens.issue({ kind: 'visitor', tenantId: 't', visitorId: 'v', origin: 'https://shop.test', key: 'k' });
    expect(await tokens.verify(token, 'visitor')).toMatchObject({ tenantId: 't', visitorId: 'v', origin: 'https://shop.test' });
    expect(await tokens.verify(token, 'access')).toBeNull();
  });

  it('refuses forged, tampered and expired tokens', async () => {
    const keys = await generateSigningKeys();
    const tokens = await createTokens(keys);
    const forged = await (await createTokens(await generateSigningKeys())).issue({ kind: 'access', tenantId: 't', agentId: 'a', role: 'admin' });
    expect(await tokens.verify(forged, 'access')).toBeNull();
    const real = await tokens.issue({ kind: 'access', tenantId: 't', agentId: 'a', role: 'agent' });
    const [header, , signature] = real.split('.');
    const payload = Buffer.from(JSON.stringify({ kind: 'access', tenantId: 't', agentId: 'a', role: 'admin', iss: 'beckon' })).toString('base64url');
    expect(await tokens.verify(`${header}.${payload}.${signature}`, 'access')).toBeNull();
    const { importJWK } = await import('jose');
    const expired = await new SignJWT({ kind: 'access', tenantId: 't', agentId: 'a', role: 'agent' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('beckon')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(await importJWK(keys.privateJwk, 'ES256'));
    expect(await tokens.verify(expired, 'access')).toBeNull();
  });
});
