import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@app/runtime';
import { ReporterEnv } from '../reporter.config';
import { contactCipherFrom } from './contact-cipher.provider';

describe('the contact cipher from configuration', () => {
  it('uses the configured ring', () => {
    const config = loadConfig(ReporterEnv, {
      REPORTER_CONTACT_KEYS: `k7:${randomBytes(32).toString('base64')}`,
      DEMO: 'false',
    });
    const { cipher, warning } = contactCipherFrom(config);
    expect(cipher.currentKeyId).toBe('k7');
    expect(warning).toBeUndefined();
  });

  it('refuses to start without keys outside demo mode, and makes a key for the run in demo mode, saying so', () => {
    expect(() => contactCipherFrom(loadConfig(ReporterEnv, { DEMO: 'false' }))).toThrow(ConfigError);
    const demo = contactCipherFrom(loadConfig(ReporterEnv, {}));
    expect(demo.cipher.decrypt(demo.cipher.encrypt('Анна', 'c'), 'c')).toBe('Анна');
    expect(demo.warning).toMatch(/REPORTER_CONTACT_KEYS is not set/);
  });
});
