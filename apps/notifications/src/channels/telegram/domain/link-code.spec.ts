import { codeInMessage, hashLinkCode, LINK_CODE_LENGTH, newLinkCode } from './link-code';

describe('link codes', () => {
  it('are 8 unambiguous symbols, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newLinkCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  });

  it.each([
    ['ABCD2345', 'ABCD2345'],
    ['  abcd2345 ', 'ABCD2345'],
    ['ABCD-2345', 'ABCD2345'],
    ['/start ABCD2345', 'ABCD2345'],
    ['/start@engage_bot abcd2345', 'ABCD2345'],
    ['/startABCD2345', 'ABCD2345'],
  ])('finds the code in %j', (text, code) => {
    expect(codeInMessage(text)).toBe(code);
  });

  it.each(['', '/start', 'hello', 'ABCD234', 'ABCD23456', 'ABCD0345', 'ABCD1345', 'ABCDI345'])(
    'finds no code in %j',
    (text) => {
      expect(codeInMessage(text)).toBeUndefined();
    },
  );

  it('hashes a code the same way with the same key only', () => {
    const code = newLinkCode();
    expect(code).toHaveLength(LINK_CODE_LENGTH);
    expect(hashLinkCode(code, 'key-1')).toBe(hashLinkCode(code, 'key-1'));
    expect(hashLinkCode(code, 'key-1')).not.toBe(hashLinkCode(code, 'key-2'));
    expect(hashLinkCode(code, 'key-1')).not.toContain(code);
  });
});
