import { describe, expect, it } from 'vitest';
import { RateLimiter, clientOfAddress, waitInWords } from './rate-limit.ts';

describe('a rate limiter', () => {
  it('allows max uses in any window, then says how long until the oldest ages out', () => {
    const limiter = new RateLimiter({ max: 3, windowMs: 60_000 });
    expect([0, 10_000, 20_000].map((at) => limiter.take('203.0.113.7', at))).toEqual([null, null, null]);
    expect(limiter.take('203.0.113.7', 30_000)).toBe(30_000);
    // A refused try does not count: the first use still ages out at 60 s.
    expect(limiter.take('203.0.113.7', 59_999)).toBe(1);
    expect(limiter.take('203.0.113.7', 60_001)).toBeNull();
    expect(limiter.take('203.0.113.7', 60_002)).toBe(9_998);
  });

  it('counts each client on its own', () => {
    const limiter = new RateLimiter({ max: 1, windowMs: 1000 });
    expect(limiter.take('a', 0)).toBeNull();
    expect(limiter.take('b', 0)).toBeNull();
    expect(limiter.take('a', 1)).toBe(999);
  });

  it('remembers a bounded number of clients, forgetting the one unseen longest', () => {
    const limiter = new RateLimiter({ max: 1, windowMs: 60_000 }, 3);
    for (const client of ['a', 'b', 'c']) limiter.take(client, 0);
    limiter.take('a', 1);
    for (let n = 0; n < 1000; n++) limiter.take(`flood-${n}`, 2);
    expect(limiter.clients).toBe(3);
    // 'a' was seen last of the first three, yet the flood pushed it out too; nothing grew.
    expect(limiter.take('a', 3)).toBeNull();
  });

  it('keeps the most recently seen clients when full', () => {
    const limiter = new RateLimiter({ max: 1, windowMs: 60_000 }, 2);
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('a', 1);
    limiter.take('c', 2);
    expect(limiter.take('a', 3)).not.toBeNull();
    expect(limiter.take('b', 3)).toBeNull();
  });
});

describe('the client of an address', () => {
  it('is an IPv4 address itself, also written as IPv6', () => {
    expect(clientOfAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(clientOfAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 of an IPv6 address, however it is written', () => {
    expect(clientOfAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientOfAddress('2001:0DB8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(clientOfAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientOfAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientOfAddress('::1')).toBe('0:0:0:0::/64');
  });
});

describe('a wait in words', () => {
  it('is seconds under a minute, then whole minutes rounded up', () => {
    expect(waitInWords(1)).toBe('1 second');
    expect(waitInWords(12_300)).toBe('13 seconds');
    expect(waitInWords(60_000)).toBe('a minute');
    expect(waitInWords(61_000)).toBe('2 minutes');
  });
});
