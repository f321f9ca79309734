import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const DEMO_ADMIN_EMAIL = 'admin@demo.local';
/** The gateway refuses a shorter admin password. */
const MIN_PASSWORD_LENGTH = 12;

export interface AdminLogin {
  email: string;
  /** Shown only when the launcher made it up; an operator's own password is never printed. */
  password?: string;
  passwordFile?: string;
}

/** Demo mode is on unless DEMO says otherwise, read as the apps' config reads it. */
export function isDemo(env: NodeJS.ProcessEnv): boolean {
  const value = (env.DEMO ?? 'true').trim().toLowerCase();
  return !['false', '0', 'no', 'off'].includes(value);
}

/**
 * Who can log in to the console. An operator's ADMIN_EMAIL wins; otherwise, in demo mode, a fixed demo
 * account whose password is made up once per data folder and kept there, so it stays the same across
 * restarts (the account is created only once, with the password it had then).
 */
export function adminLogin(
  env: NodeJS.ProcessEnv,
  passwordFile: string,
  passwords: { read(file: string): string | undefined; create(file: string): string } = passwordStore,
): AdminLogin | undefined {
  if (env.ADMIN_EMAIL || env.ADMIN_PASSWORD) return env.ADMIN_EMAIL ? { email: env.ADMIN_EMAIL } : undefined;
  if (!isDemo(env)) return undefined;
  const kept = passwords.read(passwordFile);
  const password =
    kept !== undefined && kept.length >= MIN_PASSWORD_LENGTH ? kept : passwords.create(passwordFile);
  return { email: DEMO_ADMIN_EMAIL, password, passwordFile };
}

export const passwordStore = {
  read(file: string): string | undefined {
    return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  },
  create(file: string): string {
    const password = randomBytes(18).toString('base64url');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return password;
  },
};
