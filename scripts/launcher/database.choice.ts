import { redactUrl, type Log } from './log';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PREFIX = 'pglite:';

export interface ChosenDatabase {
  /** A postgres:// URL every app can connect to. */
  url: string;
  stop(): Promise<void>;
}

export interface DatabaseDeps {
  answers(url: string): Promise<boolean>;
  startEmbedded(pgliteUrl: string): Promise<ChosenDatabase>;
}

const nothingToStop = async (): Promise<void> => undefined;

/**
 * DATABASE_URL when it is set (a `pglite:` one is opened here, once, and shared by every app); otherwise
 * the local PostgreSQL on its standard port; otherwise an embedded PGlite keeping its data in
 * `fallbackDir`, which the log says plainly because it is not what production runs.
 */
export async function chooseDatabase(
  env: NodeJS.ProcessEnv,
  fallbackDir: string,
  deps: DatabaseDeps,
  log: Log,
): Promise<ChosenDatabase> {
  const given = env.DATABASE_URL;
  if (given && given.startsWith(EMBEDDED_PREFIX)) {
    const embedded = await deps.startEmbedded(given);
    log(`database: embedded PGlite (${given}) at ${embedded.url}`);
    return embedded;
  }
  if (given) {
    log(`database: ${redactUrl(given)} (DATABASE_URL)`);
    return { url: given, stop: nothingToStop };
  }
  if (await deps.answers(DEFAULT_DATABASE_URL)) {
    log(`database: local PostgreSQL at ${DEFAULT_DATABASE_URL}`);
    return { url: DEFAULT_DATABASE_URL, stop: nothingToStop };
  }
  const pgliteUrl = `${EMBEDDED_PREFIX}${fallbackDir}`;
  log(
    `database: no PostgreSQL answers at ${DEFAULT_DATABASE_URL}; falling back to an embedded PGlite ` +
      `with its data in ${fallbackDir} (set DATABASE_URL to use a real server)`,
  );
  const embedded = await deps.startEmbedded(pgliteUrl);
  log(`database: embedded PGlite at ${embedded.url}`);
  return embedded;
}
