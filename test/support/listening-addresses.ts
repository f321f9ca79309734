import { existsSync, readFileSync } from 'node:fs';

const LISTEN = '0A';

function ipv4(hex: string): string {
  // The kernel writes the address in host byte order (little-endian here).
  return [6, 4, 2, 0].map((offset) => parseInt(hex.slice(offset, offset + 2), 16)).join('.');
}

function ipv6(hex: string): string {
  return /^0+$/.test(hex) ? '::' : hex.toLowerCase();
}

/**
 * The local addresses a TCP port is listened on, read from the kernel's socket tables (Linux):
 * `0.0.0.0` or `::` for every interface, `127.0.0.1` for the loopback only.
 */
export function listeningAddresses(port: number): string[] {
  const tables: Array<[string, (hex: string) => string]> = [
    ['/proc/net/tcp', ipv4],
    ['/proc/net/tcp6', ipv6],
  ];
  return tables.flatMap(([file, address]) => {
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((row) => row.trim().split(/\s+/))
      .filter((fields) => fields.length > 3 && fields[3] === LISTEN)
      .map((fields) => fields[1].split(':'))
      .filter(([, hexPort]) => parseInt(hexPort, 16) === port)
      .map(([hexAddress]) => address(hexAddress));
  });
}
