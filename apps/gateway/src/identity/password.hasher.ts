import { randomBytes, scrypt as scryptCallback, ScryptOptions, timingSafeEqual } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** scrypt parameters: N=2^15, r=8, p=1 (OWASP's minimum is N=2^17 with r=8 for interactive logins
 * when memory allows; 2^15 keeps a login near 100 ms on a small machine). Stored with the hash, so they
 * can be raised later without invalidating existing passwords. */
const DEFAULTS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 };
const MAX_MEMORY = 128 * DEFAULTS.N * DEFAULTS.r * 2;

/** Slow, salted password hashes in the form `scrypt$N$r$p$salt$hash`. */
export class PasswordHasher {
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scrypt(password, salt, DEFAULTS.keyLength, {
      N: DEFAULTS.N,
      r: DEFAULTS.r,
      p: DEFAULTS.p,
      maxmem: MAX_MEMORY,
    });
    return [
      'scrypt',
      DEFAULTS.N,
      DEFAULTS.r,
      DEFAULTS.p,
      salt.toString('base64'),
      key.toString('base64'),
    ].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [N, r, p] = parts.slice(1, 4).map(Number);
    const salt = Buffer.from(parts[4], 'base64');
    const expected = Buffer.from(parts[5], 'base64');
    const key = await scrypt(password, salt, expected.length, { N, r, p, maxmem: 128 * N * r * 2 });
    return timingSafeEqual(key, expected);
  }
}
