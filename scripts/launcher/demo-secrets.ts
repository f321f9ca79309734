import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDemo } from './demo-admin';

/**
 * Secrets that protect stored data, made up once per data folder in demo mode and kept beside the
 * data: contact data a reader sent the desk stays readable, and unsubscribe links already mailed stay
 * valid, across restarts of `npm start`. (Keys that only sign short-lived tokens stay random per start.)
 * An operator's own value always wins; outside demo mode nothing is made up.
 */
const DATA_SECRETS: Record<string, () => string> = {
  REPORTER_CONTACT_KEYS: () => `demo1:${randomBytes(32).toString('base64')}`,
  UNSUBSCRIBE_SECRET: () => randomBytes(32).toString('base64url'),
};

export interface SecretFile {
  read(file: string): Record<string, string> | undefined;
  write(file: string, secrets: Record<string, string>): void;
}

export function keptDemoSecrets(
  env: NodeJS.ProcessEnv,
  file: string,
  store: SecretFile = secretFile,
): Record<string, string> {
  if (!isDemo(env)) return {};
  const kept = store.read(file) ?? {};
  const secrets: Record<string, string> = {};
  let changed = false;
  for (const [name, make] of Object.entries(DATA_SECRETS)) {
    if (env[name]) continue;
    if (typeof kept[name] !== 'string' || kept[name] === '') {
      kept[name] = make();
      changed = true;
    }
    secrets[name] = kept[name];
  }
  if (changed) store.write(file, kept);
  return secrets;
}

export const secretFile: SecretFile = {
  read(file) {
    if (!existsSync(file)) return undefined;
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : undefined;
    } catch {
      return undefined;
    }
  },
  write(file, secrets) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  },
};
