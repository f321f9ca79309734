import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@app/runtime';
import { IsContactKeyRing } from './contact-key-ring.decorator';

class KeysEnv {
  @IsContactKeyRing()
  CONTACT_KEYS!: string;
}

describe('contact key ring in configuration', () => {
  it('accepts a ring of random keys', () => {
    const value = `b:${randomBytes(32).toString('base64')},a:${randomBytes(32).toString('base64')}`;
    expect(loadConfig(KeysEnv, { CONTACT_KEYS: value }).CONTACT_KEYS).toBe(value);
  });

  it('stops the start naming the variable and the entry, without the key', () => {
    const short = randomBytes(16).toString('base64');
    let error: unknown;
    try {
      loadConfig(KeysEnv, { CONTACT_KEYS: `a:${randomBytes(32).toString('base64')},b:${short}` });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('CONTACT_KEYS: entry 2 (b) needs a key of 32 bytes');
    expect((error as Error).message).not.toContain(short);
  });

  it('refuses a missing ring and a key that is not random', () => {
    expect(() => loadConfig(KeysEnv, {})).toThrow(/CONTACT_KEYS/);
    const zeros = Buffer.alloc(32).toString('base64');
    expect(() => loadConfig(KeysEnv, { CONTACT_KEYS: `a:${zeros}` })).toThrow(
      /entry 1 \(a\) does not look random/,
    );
  });
});
