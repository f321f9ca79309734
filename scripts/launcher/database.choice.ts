import { EMBEDDED_PREFIX, isEmbeddedUrl, parseEmbeddedUrl } from '@app/persistence';
import { redactUrl, type Log } from './log';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ChosenDatabase {
  /** A postgres:// URL every app can connect to. */
  url: string;
  stop(): Promise<void>;
}

export interface DatabaseDeps {
  answers(url: string): Promise<boolean>;
  startEmbedded(embeddedUrl: string): Promise<ChosenDatabase>;
  /** Creates the database the URL names if it is missing; tells whether it did. */
  ensureDatabase(url: string): Promise<'created' | 'existed'>;
}

const nothingToStop = async (): Promise<void> => undefined;

/**
 * DATABASE_URL when it is set (an `embedded:` one is started here, once, and shared by every app);
 * otherwise the local PostgreSQL on its standard port; otherwise an embedded PostgreSQL keeping its
 * data in `fallbackDir`, which the log says in one line because it is not what production runs.
 * Then the database the URL names is created if it is missing, here and once: every app creating it
 * at the same moment made one of them fail.
 */
export async function chooseDatabase(
  env: NodeJS.ProcessEnv,
  fallbackDir: string,
  deps: DatabaseDeps,
  log: Log,
): Promise<ChosenDatabase> {
  const chosen = await pickServer(env, fallbackDir, deps, log);
  try {
    if ((await deps.ensureDatabase(chosen.url)) === 'created') {
      log(`database: created ${new URL(chosen.url).pathname.slice(1)}`);
    }
  } catch (error) {
    await chosen.stop();
    throw new Error(
      `database: PostgreSQL at ${redactUrl(chosen.url)} cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return chosen;
}

async function pickServer(
  env: NodeJS.ProcessEnv,
  fallbackDir: string,
  deps: DatabaseDeps,
  log: Log,
): Promise<ChosenDatabase> {
  const given = env.DATABASE_URL;
  if (given && isEmbeddedUrl(given)) {
    const target = parseEmbeddedUrl(given);
    const embedded = await deps.startEmbedded(given);
    const where = target.kind === 'memory' ? 'a throwaway data folder' : `its data in ${target.folder}`;
    log(`database: embedded PostgreSQL (DATABASE_URL=${given}) at ${embedded.url}, ${where}`);
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
  const embedded = await deps.startEmbedded(`${EMBEDDED_PREFIX}${fallbackDir}`);
  log(
    `database: no PostgreSQL answers at ${DEFAULT_DATABASE_URL}, so an embedded one runs at ${embedded.url} ` +
      `with its data in ${fallbackDir} (set DATABASE_URL to use a server)`,
  );
  return embedded;
}
