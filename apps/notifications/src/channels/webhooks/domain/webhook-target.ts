import { isIP } from 'node:net';
import { addressRefusal } from './blocked-address';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Every address a host name resolves to (the system resolver in production). */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** Where one attempt connects: the URL, and the one address checked for it (pinned for the connection). */
export interface WebhookTarget {
  readonly url: URL;
  readonly address: ResolvedAddress;
}

export class WebhookTargetRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Checks a webhook URL and the addresses its host resolves to. With private networks refused, one
 * refused address refuses the URL: a host that resolves to a public and a private address could send
 * the connection to either. WHATWG URL parsing already turned `0x7f.1` or `2130706433` into
 * `127.0.0.1`, so the address check sees every spelling of an IP literal the same way.
 */
export async function resolveWebhookTarget(
  raw: string,
  resolve: HostResolver,
  allowPrivateNetworks: boolean,
): Promise<WebhookTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetRefused('it is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WebhookTargetRefused('only http and https are allowed');
  }
  if (url.username !== '' || url.password !== '') {
    throw new WebhookTargetRefused('credentials in the URL are not allowed (use the signing secret)');
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(hostname);
  let addresses: readonly ResolvedAddress[];
  if (literal === 4 || literal === 6) {
    addresses = [{ address: hostname, family: literal }];
  } else {
    try {
      addresses = await resolve(hostname);
    } catch {
      throw new WebhookTargetRefused('its host does not resolve');
    }
  }
  if (addresses.length === 0) throw new WebhookTargetRefused('its host does not resolve');
  if (!allowPrivateNetworks) {
    for (const { address } of addresses) {
      const refusal = addressRefusal(address);
      if (refusal) throw new WebhookTargetRefused(`its host resolves to a ${refusal} address`);
    }
  }
  return { url, address: addresses[0] };
}
