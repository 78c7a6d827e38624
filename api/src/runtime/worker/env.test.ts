import { describe, expect, it } from 'vitest';
import { workerTokens, type Env } from './env.ts';

describe('the signing keys secret', () => {
  // Every request is answered with the line a bad setting gives: it names the secret, never what it holds.
  it('says it is not the JSON it should be without quoting any of it', () => {
    const attempt = () => workerTokens({ BECKON_SIGNING_KEYS: 'MHcCAQEEIKeyMaterial' } as Env);
    expect(attempt).toThrow('The BECKON_SIGNING_KEYS secret is not the JSON `npm run -s keys:generate` prints; see docs/deploy-cloudflare.md.');
    expect(attempt).not.toThrow(/MHcC/);
  });
});
