import { describe, expect, it } from 'vitest';
import { checkIceConfig, iceServersFor, turnCredential, turnCredentialSeconds } from './turn.ts';

describe('TURN credentials', () => {
  it('matches an HMAC-SHA1 computed independently', async () => {
    // Expected value from OpenSSL, not from this code:
    //   printf '%s' '1700003600:visitor-1' | openssl dgst -sha1 -hmac 'north-wind-secret' -binary | base64
    const minted = await turnCredential('north-wind-secret', 'visitor-1', 1_700_000_000_999, 3600);
    expect(minted).toEqual({ username: '1700003600:visitor-1', credential: '+QUFiDTQKOhJkqzpHDNHmR539Kk=' });
  });

  it('gives each participant their own credential, expiring with the conversation token', async () => {
    const now = 1_700_000_000_000;
    const visitor = await turnCredential('s', 'visitor-1', now);
    const agent = await turnCredential('s', 'agent-1', now);
    expect(visitor.username).toBe(`${1_700_000_000 + turnCredentialSeconds}:visitor-1`);
    expect(agent.credential).not.toBe(visitor.credential);
    expect((await turnCredential('other secret', 'visitor-1', now)).credential).not.toBe(visitor.credential);
  });
});

describe('ICE servers for a participant', () => {
  it('hands out STUN as configured and TURN only with a minted credential', async () => {
    const config = { stunUrls: ['stun:turn.example:3478'], turnUrls: ['turn:turn.example:3478', 'turns:turn.example:5349?transport=tcp'], turnSecret: 's' };
    const servers = await iceServersFor(config, 'visitor-1', 1_700_000_000_000);
    expect(servers).toEqual([
      { urls: ['stun:turn.example:3478'] },
      { urls: config.turnUrls, ...(await turnCredential('s', 'visitor-1', 1_700_000_000_000)) },
    ]);
    expect(await iceServersFor({ stunUrls: [], turnUrls: [], turnSecret: null }, 'visitor-1', 0)).toEqual([]);
  });

  it('refuses TURN without a secret, a secret without TURN, and wrong URL schemes, naming the settings', () => {
    expect(() => checkIceConfig({ stunUrls: [], turnUrls: ['turn:t:3478'], turnSecret: null })).toThrow('BECKON_TURN_URLS needs BECKON_TURN_SECRET, the secret shared with the TURN servers');
    expect(() => checkIceConfig({ stunUrls: [], turnUrls: [], turnSecret: 's' })).toThrow('BECKON_TURN_SECRET needs BECKON_TURN_URLS, the TURN servers it is shared with');
    expect(() => checkIceConfig({ stunUrls: ['turn:t:3478'], turnUrls: [], turnSecret: null })).toThrow('BECKON_STUN_URLS: turn:t:3478 must start with stun: or stuns:');
    expect(() => checkIceConfig({ stunUrls: [], turnUrls: ['http://t'], turnSecret: 's' })).toThrow('BECKON_TURN_URLS: http://t must start with turn: or turns:');
    expect(checkIceConfig({ stunUrls: ['stun:t:3478'], turnUrls: ['turns:t:5349'], turnSecret: 's' }).turnUrls).toEqual(['turns:t:5349']);
  });
});
