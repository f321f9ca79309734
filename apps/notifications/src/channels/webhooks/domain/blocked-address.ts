import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which addresses a webhook may not reach (SSRF guard): anything that is not a public unicast host.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address,
 * so `::ffff:127.0.0.1` is loopback like `127.0.0.1`.
 */
interface Range {
  readonly bytes: readonly number[];
  readonly prefix: number;
  readonly kind: string;
}

const v4 = (cidr: string, kind: string): Range => {
  const [address, prefix] = cidr.split('/');
  return { bytes: address.split('.').map(Number), prefix: Number(prefix), kind };
};

const v6 = (cidr: string, kind: string): Range => {
  const [address, prefix] = cidr.split('/');
  return { bytes: ipv6Bytes(address) ?? [], prefix: Number(prefix), kind };
};

const IPV4_REFUSED: readonly Range[] = [
  v4('0.0.0.0/8', 'unspecified'),
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'private (shared address space)'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'reserved'),
  v4('192.0.2.0/24', 'reserved (documentation)'),
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'reserved (benchmarking)'),
  v4('198.51.100.0/24', 'reserved (documentation)'),
  v4('203.0.113.0/24', 'reserved (documentation)'),
  v4('224.0.0.0/4', 'multicast'),
  v4('240.0.0.0/4', 'reserved'),
];

const IPV6_REFUSED: readonly Range[] = [
  v6('::/128', 'unspecified'),
  v6('::1/128', 'loopback'),
  v6('100::/64', 'reserved (discard)'),
  v6('2001:db8::/32', 'reserved (documentation)'),
  v6('fc00::/7', 'unique-local'),
  v6('fe80::/10', 'link-local'),
  v6('fec0::/10', 'site-local'),
  v6('ff00::/8', 'multicast'),
];

/** IPv6 prefixes whose last 32 bits (or, for 6to4, bits 16-47) are an IPv4 address. */
const EMBEDS_IPV4: readonly { range: Range; offset: number }[] = [
  { range: v6('::ffff:0:0/96', 'IPv4-mapped'), offset: 12 },
  { range: v6('::/96', 'IPv4-compatible'), offset: 12 },
  { range: v6('64:ff9b::/96', 'NAT64'), offset: 12 },
  { range: v6('64:ff9b:1::/48', 'NAT64'), offset: 12 },
  { range: v6('2002::/16', '6to4'), offset: 2 },
];

function inRange(bytes: readonly number[], range: Range): boolean {
  if (bytes.length !== range.bytes.length) return false;
  let bits = range.prefix;
  for (let index = 0; bits > 0; index += 1, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[index] & mask) !== (range.bytes[index] & mask)) return false;
  }
  return true;
}

/** The 16 bytes of an IPv6 address (a zone id is dropped), or undefined when it is not one. */
export function ipv6Bytes(address: string): number[] | undefined {
  const plain = address.replace(/%.*$/, '');
  if (!isIPv6(plain)) return undefined;
  let text = plain;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  return groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

function ipv4Refusal(bytes: readonly number[]): string | null {
  return IPV4_REFUSED.find((range) => inRange(bytes, range))?.kind ?? null;
}

/**
 * Why a webhook may not be sent to `address` (`loopback`, `private`, ...), or null when it is a
 * public address. Anything that is not an IP address at all is refused too.
 */
export function addressRefusal(address: string): string | null {
  if (isIPv4(address)) return ipv4Refusal(address.split('.').map(Number));
  const bytes = ipv6Bytes(address);
  if (!bytes) return 'not an IP address';
  // First the IPv6 ranges themselves: ::/96 (IPv4-compatible) also covers :: and ::1.
  const refused = IPV6_REFUSED.find((range) => inRange(bytes, range));
  if (refused) return refused.kind;
  for (const { range, offset } of EMBEDS_IPV4) {
    if (!inRange(bytes, range)) continue;
    const embedded = ipv4Refusal(bytes.slice(offset, offset + 4));
    if (embedded) return `${range.kind} ${embedded}`;
  }
  return null;
}
