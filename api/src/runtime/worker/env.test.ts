import { describe, expect, it } from 'vitest';
import { generateSigningKeys } from '../../auth/tokens.ts';
import { workerTokens, type Env } from './env.ts';

describe('the signing keys secret', () => {
  // Every request is answered with the line a bad setting gives: it names the secret, never what it holds.
  it('says it is not the JSON it should be without quoting any of it', () => {
    const attempt = () => workerTokens({ BECKON_SIGNING_KEYS: 'MHcCAQEEIKeyMaterial' } as Env);
    expect(attempt).toThrow('The BECKON_SIGNING_KEYS secret is not the JSON `npm run -s keys:generate` prints; see docs/deploy-cloudflare.md.');
    expect(attempt).not.toThrow(/MHcC/);
  });

  // JSON of another shape used to pass here and fail every sign-in later, with a health check that said all was well.
  it('says so for JSON that is not the key pair, such as one key alone', async () => {
    const { publicJwk } = await generateSigningKeys();
    for (const secret of ['{}', JSON.stringify(publicJwk), JSON.stringify({ privateJwk: publicJwk, publicJwk })]) {
      expect(() => workerTokens({ BECKON_SIGNING_KEYS: secret } as Env), secret).toThrow('The BECKON_SIGNING_KEYS secret is not the JSON');
    }
  });
});
