import { describe, expect, it } from 'vitest';
import { clientAddress, trustedProxiesSetting } from './client-address.ts';

describe('trustedProxiesSetting', () => {
  it('is none when unset or blank', () => {
    expect(trustedProxiesSetting(undefined)).toBeNull();
    expect(trustedProxiesSetting(' , ')).toBeNull();
  });

  it('takes addresses and ranges of either family', () => {
    const proxies = trustedProxiesSetting('127.0.0.1, ::1, 10.0.0.0/8, fd00::/8')!;
    for (const [address, family] of [['127.0.0.1', 'ipv4'], ['::1', 'ipv6'], ['10.20.30.40', 'ipv4'], ['fd12::3', 'ipv6']] as const) {
      expect(proxies.check(address, family)).toBe(true);
    }
    expect(proxies.check('127.0.0.2', 'ipv4')).toBe(false);
    expect(proxies.check('11.0.0.1', 'ipv4')).toBe(false);
  });

  it('refuses an item that is not an address or a range, naming it', () => {
    for (const item of ['localhost', '10.0.0/8', '10.0.0.0/33', '::1/129', '10.0.0.0/', '10.0.0.0/8/8', '10.0.0.0/-1']) {
      expect(() => trustedProxiesSetting(`127.0.0.1, ${item}`)).toThrow(`BECKON_TRUSTED_PROXIES: "${item}" is not an IP address or range`);
    }
  });
});

describe('clientAddress', () => {
  const proxies = trustedProxiesSetting('127.0.0.1, 10.0.0.0/8');

  it('is the connection\'s peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.7', null)).toBe('127.0.0.1');
  });

  it('is the connection\'s peer when that is not a trusted proxy', () => {
    expect(clientAddress('198.51.100.4', '203.0.113.7', proxies)).toBe('198.51.100.4');
  });

  it('is the address a trusted proxy forwards, walking back through trusted proxies only', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.7', proxies)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.7, 10.1.2.3', proxies)).toBe('203.0.113.7');
    // What the client itself wrote at the front is not believed: its own hop is the last untrusted one.
    expect(clientAddress('127.0.0.1', '192.0.2.1, 203.0.113.7', proxies)).toBe('203.0.113.7');
    expect(clientAddress('127.0.0.1', '2001:db8::5', proxies)).toBe('2001:db8::5');
  });

  it('stops at a hop that is not an address, and at a proxy that forwarded nothing', () => {
    expect(clientAddress('127.0.0.1', 'unknown', proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '203.0.113.7, garbage, 10.0.0.2', proxies)).toBe('10.0.0.2');
    expect(clientAddress('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '10.0.0.2', proxies)).toBe('10.0.0.2');
  });
});
