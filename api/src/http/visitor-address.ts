// What of a visitor's address a block holds: an IPv4 address whole, and an
// IPv6 address's /64 network, since a home or a phone is given a whole /64 and
// picks new addresses in it at will.

/**
 * The address as blocks keep and compare it; null when the host does not know it.
 * @example blockableAddress('2001:DB8:0:7::1') // '2001:db8:0:7::/64'
 */
export function blockableAddress(address: string): string | null {
  const ipv4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
  if (ipv4) return ipv4;
  const groups = ipv6Groups(address.split('%')[0]!);
  return groups && `${groups.slice(0, 4).join(':')}::/64`;
}

// The eight groups of an IPv6 address, without leading zeros; null for anything else.
function ipv6Groups(text: string): string[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const [head, tail] = halves.map((half) => (half ? half.split(':') : []));
  const missing = 8 - head!.length - (tail?.length ?? 0);
  // '::' stands for one group of zeros or more; without it there are eight.
  if (tail ? missing < 1 : missing !== 0) return null;
  const groups = [...head!, ...Array<string>(tail ? missing : 0).fill('0'), ...(tail ?? [])];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  return groups.map((group) => parseInt(group, 16).toString(16));
}
