import { randomBytes } from 'node:crypto';
import { isPlaceholder, longestSequence, secretWeakness } from './secret-strength';

const base64Secret = (): string => randomBytes(32).toString('base64');

describe('secretWeakness', () => {
  it('accepts what `openssl rand -base64 32` and `-hex 32` produce', () => {
    for (let run = 0; run < 200; run++) {
      expect(secretWeakness(base64Secret())).toBeUndefined();
      expect(secretWeakness(randomBytes(32).toString('hex'))).toBeUndefined();
    }
  });

  it('refuses a secret one character short of 32 and accepts one of exactly 32', () => {
    const secret = randomBytes(24).toString('base64'); // 32 characters
    expect(secretWeakness(secret)).toBeUndefined();
    expect(secretWeakness(secret.slice(1))).toBe('must be at least 32 characters long');
  });

  it.each([
    'change-me-at-least-32-characters-long',
    'CHANGE_ME_AT_LEAST_32_CHARACTERS',
    'please change me to a random value of 32+',
    'Change.Me.To.Something.Random.And.Long.Enough',
  ])('refuses the placeholder %s', (placeholder) => {
    expect(secretWeakness(placeholder)).toBe('is still a placeholder (it contains "change-me")');
  });

  it('refuses a secret of nine distinct characters and accepts one of ten', () => {
    const nine = 'hbfdaigcehcbgadfiheagdbcfihdbegacfhdigbe';
    const ten = 'hbfdaigcehcbgadfiheagdbcfihdjbegacfhdigbe';
    expect(secretWeakness(nine)).toBe('uses fewer than 10 distinct characters');
    expect(secretWeakness(ten)).toBeUndefined();
  });

  it('refuses eight characters in a row that repeat or count, and accepts seven', () => {
    const random = 'Xq3#Lp9!Rz7@Wm2$Kd5%Tb8^Hn4&Yf6*';
    expect(secretWeakness(`${random}aaaaaaa`)).toBeUndefined();
    expect(secretWeakness(`${random}aaaaaaaa`)).toMatch(/more than 7 characters in a row/);
    expect(secretWeakness(`${random}1234567`)).toBeUndefined();
    expect(secretWeakness(`${random}12345678`)).toMatch(/more than 7 characters in a row/);
    expect(secretWeakness(`${random}hgfedcba`)).toMatch(/more than 7 characters in a row/);
  });

  it('refuses a shorter piece written again and again', () => {
    expect(secretWeakness('qwertyuiop'.repeat(4))).toBe('repeats a shorter piece');
  });

  it('never quotes the value in its reason', () => {
    const values = ['short', 'change-me-at-least-32-characters-long', 'ab'.repeat(20), 'a'.repeat(40)];
    for (const value of values) expect(secretWeakness(value)).not.toContain(value);
  });
});

describe('isPlaceholder', () => {
  it('tells the marker from words that merely contain it', () => {
    expect(isPlaceholder('change-me')).toBe(true);
    expect(isPlaceholder('Exchange-Meetings-2024!')).toBe(false);
    expect(isPlaceholder('changemeplease')).toBe(false);
  });
});

describe('longestSequence', () => {
  it('counts repeats and steps of one but not a change of direction', () => {
    expect(longestSequence('')).toBe(0);
    expect(longestSequence('x')).toBe(1);
    expect(longestSequence('1234')).toBe(4);
    expect(longestSequence('12321')).toBe(3);
    expect(longestSequence('a1111b')).toBe(4);
  });
});
