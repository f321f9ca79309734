import { HostResolver, resolveWebhookTarget, WebhookTargetRefused } from './webhook-target';

/** A resolver with fixed answers, standing in for DNS. */
const resolver =
  (answers: Record<string, string[]>): HostResolver =>
  (hostname) => {
    const addresses = answers[hostname];
    if (!addresses) return Promise.reject(new Error('ENOTFOUND'));
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }) as const),
    );
  };

const dns = resolver({
  'hooks.example.com': ['93.184.215.14'],
  'v6.example.com': ['2606:4700:4700::1111'],
  localhost: ['127.0.0.1', '::1'],
  'internal.example.com': ['10.0.0.7'],
  'mixed.example.com': ['93.184.215.14', '192.168.0.10'],
  'metadata.example.com': ['169.254.169.254'],
  'mapped.example.com': ['::ffff:127.0.0.1'],
  'empty.example.com': [],
});

async function refusal(url: string, allowPrivate = false): Promise<string | null> {
  try {
    await resolveWebhookTarget(url, dns, allowPrivate);
    return null;
  } catch (error) {
    if (error instanceof WebhookTargetRefused) return error.reason;
    throw error;
  }
}

describe('resolveWebhookTarget', () => {
  it.each([
    ['http://127.0.0.1/hook', 'loopback'],
    ['http://127.1/hook', 'loopback'],
    ['http://0x7f.0.0.1/hook', 'loopback'],
    ['http://2130706433/hook', 'loopback'],
    ['http://017700000001/hook', 'loopback'],
    ['http://localhost:8080/hook', 'loopback'],
    ['http://[::1]/hook', 'loopback'],
    ['http://[::ffff:127.0.0.1]/hook', 'IPv4-mapped loopback'],
    ['http://[::ffff:a00:1]/hook', 'IPv4-mapped private'],
    ['http://mapped.example.com/hook', 'IPv4-mapped loopback'],
    ['http://10.0.0.1/hook', 'private'],
    ['https://internal.example.com/hook', 'private'],
    ['https://mixed.example.com/hook', 'private'],
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['http://metadata.example.com/', 'link-local'],
    ['http://[fe80::1]/hook', 'link-local'],
    ['http://[fd12:3456::1]/hook', 'unique-local'],
    ['http://224.0.0.251/hook', 'multicast'],
    ['http://[ff02::1]/hook', 'multicast'],
    ['http://0.0.0.0/hook', 'unspecified'],
    ['http://[::]/hook', 'unspecified'],
  ])('refuses %s (%s)', async (url, kind) => {
    expect(await refusal(url)).toBe(`its host resolves to a ${kind} address`);
  });

  it.each([
    ['ftp://hooks.example.com/hook', 'only http and https are allowed'],
    ['file:///etc/passwd', 'only http and https are allowed'],
    [
      'https://user:pass@hooks.example.com/',
      'credentials in the URL are not allowed (use the signing secret)',
    ],
    ['https://nowhere.example.com/', 'its host does not resolve'],
    ['https://empty.example.com/', 'its host does not resolve'],
    ['not a url', 'it is not a URL'],
  ])('refuses %s: %s', async (url, reason) => {
    expect(await refusal(url)).toBe(reason);
  });

  it('accepts public hosts and pins the address it checked', async () => {
    const target = await resolveWebhookTarget('https://hooks.example.com/engage?x=1', dns, false);
    expect(target.address).toEqual({ address: '93.184.215.14', family: 4 });
    expect(target.url.href).toBe('https://hooks.example.com/engage?x=1');
    expect((await resolveWebhookTarget('https://v6.example.com/', dns, false)).address.family).toBe(6);
  });

  it('lets private addresses through when private networks are allowed', async () => {
    expect(await refusal('http://127.0.0.1:9999/hook', true)).toBeNull();
    expect(await refusal('http://localhost/hook', true)).toBeNull();
    expect(await refusal('ftp://localhost/hook', true)).toBe('only http and https are allowed');
  });
});
