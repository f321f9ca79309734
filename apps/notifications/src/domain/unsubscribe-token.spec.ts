import { UnsubscribeTokens } from './unsubscribe-token';

const tokens = new UnsubscribeTokens('a-long-secret-used-only-by-this-unit-test-0123456789');

describe('UnsubscribeTokens', () => {
  it('hashes an address the same whatever its case and surrounding spaces', () => {
    expect(tokens.emailHash(' Reader@Example.org ')).toBe(tokens.emailHash('reader@example.org'));
  });

  it('accepts its own token and gives back the hash it names', () => {
    const hash = tokens.emailHash('reader@example.org');
    expect(tokens.verify(tokens.issue(hash))).toBe(hash);
  });

  it('refuses a token with another hash, a changed signature, or another key', () => {
    const token = tokens.issue(tokens.emailHash('reader@example.org'));
    const [, signature] = token.split('.');
    expect(tokens.verify(`${tokens.emailHash('other@example.org')}.${signature}`)).toBeUndefined();
    const changed = token.endsWith('A') ? 'B' : 'A';
    expect(tokens.verify(`${token.slice(0, -1)}${changed}`)).toBeUndefined();
    expect(tokens.verify('no-dot')).toBeUndefined();
    const other = new UnsubscribeTokens('another-long-secret-used-only-by-this-unit-test-98765');
    expect(other.verify(token)).toBeUndefined();
  });

  it('does not put the address in the token', () => {
    expect(tokens.issue(tokens.emailHash('reader@example.org'))).not.toContain('reader');
  });
});
