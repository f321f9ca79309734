import { lookup } from 'node:dns/promises';
import type { HostResolver } from './domain/webhook-target';

/** The system resolver, every address of a name (both families), in its own order. */
export const systemResolver: HostResolver = async (hostname) => {
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};
