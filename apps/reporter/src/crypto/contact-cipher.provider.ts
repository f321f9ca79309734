import { randomBytes } from 'node:crypto';
import { ConfigError } from '@app/runtime';
import { ReporterEnv } from '../reporter.config';
import { ContactCipher } from './contact-cipher';
import { parseContactKeyRing } from './contact-key-ring';

export interface ContactCipherChoice {
  cipher: ContactCipher;
  /** Set when demo mode made up a key for this run (said once in the log, never the key). */
  warning?: string;
}

/**
 * The cipher of the configured key ring. Outside demo mode a missing ring stops the start; in demo mode
 * a key is generated for this run only, so a demo works without setup but keeps nothing readable
 * across restarts.
 */
export function contactCipherFrom(config: ReporterEnv): ContactCipherChoice {
  if (config.REPORTER_CONTACT_KEYS) {
    return { cipher: new ContactCipher(parseContactKeyRing(config.REPORTER_CONTACT_KEYS)) };
  }
  if (!config.DEMO) {
    throw new ConfigError([
      'REPORTER_CONTACT_KEYS: must be set when DEMO=false; e.g. `k1:` followed by `openssl rand -base64 32`',
    ]);
  }
  const ring = parseContactKeyRing(`demo:${randomBytes(32).toString('base64')}`);
  return {
    cipher: new ContactCipher(ring),
    warning:
      'REPORTER_CONTACT_KEYS is not set: contact data is encrypted with a key made for this run only (demo mode)',
  };
}
