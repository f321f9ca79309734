import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@app/runtime';
import { GatewayEnv, GatewaySecrets } from './gateway.config';

export interface GatewaySettings {
  env: GatewayEnv;
  secrets: GatewaySecrets;
  /** Warnings to log once the logger exists (never the values). */
  warnings: string[];
}

const SECRET_NAMES = ['READER_TOKEN_SECRET', 'STAFF_JWT_SECRET', 'HASH_SECRET'] as const;

/**
 * Reads the gateway's configuration. Outside demo mode every secret must be set; in demo mode a missing
 * one is generated for this process only (tokens then do not survive a restart), and we say so.
 */
export function readGatewaySettings(source: NodeJS.ProcessEnv = process.env): GatewaySettings {
  const env = loadConfig(GatewayEnv, source);
  const missing = SECRET_NAMES.filter((name) => !env[name]);
  if (missing.length > 0 && !env.DEMO) {
    throw new ConfigError(
      missing.map((name) => `${name}: must be set (32 characters or more) when DEMO=false`),
    );
  }
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
