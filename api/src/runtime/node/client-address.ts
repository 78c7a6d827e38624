// Who a request comes from on the Node host, for the limits counted per
// client address (sign-ins, visitor sessions). The connection's peer, unless
// it is a reverse proxy the operator trusts (BECKON_TRUSTED_PROXIES): then
// the address that proxy puts in `X-Forwarded-For`. Anyone can send that
// header, so it is read only as far as trusted proxies wrote it: from the
// right, each hop counts only when the one after it is trusted.
import { BlockList, isIP } from 'node:net';
import { listSetting } from '../settings.ts';

/** The reverse proxies whose `X-Forwarded-For` is believed; null when none is. */
export type TrustedProxies = BlockList | null;

/**
 * BECKON_TRUSTED_PROXIES: comma-separated addresses and ranges (`10.0.0.0/8`,
 * `::1`) of the reverse proxies in front of the host. Unset or blank: none.
 * An item that is neither is an error naming it.
 * @example trustedProxiesSetting('127.0.0.1, ::1, 10.0.0.0/8')
 */
export function trustedProxiesSetting(value: string | undefined): TrustedProxies {
  const items = listSetting(value);
  if (items.length === 0) return null;
  const proxies = new BlockList();
  for (const item of items) {
    const [address = '', prefix, extra] = item.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const length = prefix === undefined ? bits : /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
    if (!family || extra !== undefined || !(length <= bits)) {
      throw new Error(`BECKON_TRUSTED_PROXIES: "${item}" is not an IP address or range, such as 127.0.0.1, ::1 or 10.0.0.0/8`);
    }
    proxies.addSubnet(address, length, family === 4 ? 'ipv4' : 'ipv6');
  }
  return proxies;
}

/**
 * The client's address: `peer` (the connection's), or, while that is a
 * trusted proxy, the address before it in `forwardedFor`. A hop that is not
 * an address ends the walk at the last one that was.
 * @example clientAddress('127.0.0.1', '203.0.113.7, 10.0.0.2', trustedProxiesSetting('127.0.0.1, 10.0.0.0/8')) // '203.0.113.7'
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, proxies: TrustedProxies): string {
  if (!proxies || !forwardedFor) return peer;
  const hops = forwardedFor.split(',').map((hop) => hop.trim());
  let address = peer;
  while (hops.length > 0 && isTrusted(proxies, address)) {
    const hop = hops.pop()!;
    if (!isIP(hop)) break;
    address = hop;
  }
  return address;
}

function isTrusted(proxies: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
