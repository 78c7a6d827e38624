import { describe, expect, it } from 'vitest';
import { blockableAddress } from './visitor-address.ts';

describe('blockableAddress', () => {
  it('keeps an IPv4 address whole, also as an IPv4-mapped IPv6 address', () => {
    expect(blockableAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(blockableAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('keeps the /64 network of an IPv6 address, however it is written', () => {
    expect(blockableAddress('2001:db8:0:7::1')).toBe('2001:db8:0:7::/64');
    expect(blockableAddress('2001:0DB8:0000:0007:abcd:0:0:1')).toBe('2001:db8:0:7::/64');
    expect(blockableAddress('2001:db8::7:1')).toBe('2001:db8:0:0::/64');
    expect(blockableAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(blockableAddress('::1')).toBe('0:0:0:0::/64');
  });

  it.each(['unknown', '', '2001:db8::7::1', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2:3:4:5:6:7:8', 'g::1', '12345::1'])('knows no address in %j', (address) => {
    expect(blockableAddress(address)).toBeNull();
  });
});
