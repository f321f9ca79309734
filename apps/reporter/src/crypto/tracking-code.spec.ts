import { createHash } from 'node:crypto';
import { normaliseTrackingCode, TRACKING_CODE_ALPHABET } from '../domain/tracking-code-format';
import { hashTrackingCode, issueTrackingCode, trackingCodeMatches } from './tracking-code';

const CODE_SHAPE = new RegExp(`^[${TRACKING_CODE_ALPHABET}]{4}(-[${TRACKING_CODE_ALPHABET}]{4}){3}$`);

describe('tracking codes', () => {
  it('draws 80 bits and uses every one of them', () => {
    const drawn: number[] = [];
    const allOnes = issueTrackingCode((size) => {
      drawn.push(size);
      return Buffer.alloc(size, 0xff);
    });
    expect(drawn).toEqual([10]);
    expect(allOnes.code).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(issueTrackingCode((size) => Buffer.alloc(size, 0)).code).toBe('0000-0000-0000-0000');
    // 0x80 then zeros: only the first bit set, so the first symbol is 16 and the rest 0.
    const firstBit = issueTrackingCode((size) =>
      Buffer.concat([Buffer.from([0x80]), Buffer.alloc(size - 1)]),
    );
    expect(firstBit.code).toBe('G000-0000-0000-0000');
    // Only the last bit set: the last symbol is 1.
    const lastBit = issueTrackingCode((size) => Buffer.concat([Buffer.alloc(size - 1), Buffer.from([0x01])]));
    expect(lastBit.code).toBe('0000-0000-0000-0001');
  });

  it('issues grouped codes of the alphabet, each different, with every symbol in use', () => {
    const codes = Array.from({ length: 2000 }, () => issueTrackingCode().code);
    for (const code of codes) expect(code).toMatch(CODE_SHAPE);
    expect(new Set(codes).size).toBe(codes.length);
    const seen = new Set(codes.join('').replace(/-/g, ''));
    expect(seen.size).toBe(32);
  });

  it('keeps only the SHA-256 of the canonical code, never the code', () => {
    const { code, hash } = issueTrackingCode();
    const canonical = normaliseTrackingCode(code) as string;
    expect(hash).toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(hash).not.toContain(canonical);
  });

  it('finds the same hash whatever way the reader types the code', () => {
    const { code, hash } = issueTrackingCode();
    expect(hashTrackingCode(code.toLowerCase().replace(/-/g, ' '))).toBe(hash);
    expect(hashTrackingCode(code.replace(/-/g, ''))).toBe(hash);
  });

  it('gives no hash for text that cannot be a code', () => {
    expect(hashTrackingCode('not a code')).toBeUndefined();
    expect(hashTrackingCode('')).toBeUndefined();
  });

  it('matches a typed code to its stored hash and no other', () => {
    const first = issueTrackingCode();
    const second = issueTrackingCode();
    expect(trackingCodeMatches(first.code.toLowerCase(), first.hash)).toBe(true);
    expect(trackingCodeMatches(second.code, first.hash)).toBe(false);
    expect(trackingCodeMatches('garbage', first.hash)).toBe(false);
    expect(trackingCodeMatches(first.code, 'short')).toBe(false);
  });
});
