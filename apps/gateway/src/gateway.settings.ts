import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@app/runtime';
import { GatewayEnv, GatewaySecrets } from './gateway.config';

export interface GatewaySettings {
  env: GatewayEnv;
  secrets: GatewaySecrets;
  /** Warnings to log once the logger exists (never the values). */
  warnings: string[];
}

const REQUIRED_SECRETS = ['READER_TOKEN_SECRET', 'STAFF_JWT_SECRET', 'HASH_SECRET'] as const;
/** Keys of different purposes: one reused for another would let its holder forge the other's tokens. */
const SEPARATE_SECRETS = [...REQUIRED_SECRETS, 'PORTAL_JWT_SECRET'] as const;

/** Pairs of secrets set to the same value, by name only. */
export function sharedSecrets(env: Partial<Record<(typeof SEPARATE_SECRETS)[number], string>>): string[] {
  const problems: string[] = [];
  SEPARATE_SECRETS.forEach((name, index) => {
    const value = env[name];
    const other = SEPARATE_SECRETS.slice(index + 1).find((later) => value && env[later] === value);
    if (other) problems.push(`${name} and ${other}: must differ (each key serves one purpose)`);
  });
  return problems;
}

/**
 * Reads the gateway's configuration. Each secret must be strong (GatewayEnv refuses placeholders and
 * low-variety values) and unlike the others. Outside demo mode every required secret must be set; in
 * demo mode a missing one is generated for this process only (tokens then do not survive a restart),
 * and we say so.
 */
export function readGatewaySettings(source: NodeJS.ProcessEnv = process.env): GatewaySettings {
  const env = loadConfig(GatewayEnv, source);
  const missing = REQUIRED_SECRETS.filter((name) => !env[name]);
  const problems = [
    ...(env.DEMO
      ? []
      : missing.map(
          (name) => `${name}: must be set when DEMO=false; generate one with \`openssl rand -base64 32\``,
        )),
    ...sharedSecrets(env),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  if ((env.ADMIN_EMAIL && !env.ADMIN_PASSWORD) || (!env.ADMIN_EMAIL && env.ADMIN_PASSWORD)) {
    throw new ConfigError(['ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither']);
  }
  const generated = (): string => randomBytes(32).toString('base64url');
  return {
    env,
    secrets: {
      readerToken: env.READER_TOKEN_SECRET ?? generated(),
      staffJwt: env.STAFF_JWT_SECRET ?? generated(),
      hash: env.HASH_SECRET ?? generated(),
    },
    warnings: missing.map((name) => `${name} is not set: using a random value for this run (demo mode only)`),
  };
}
