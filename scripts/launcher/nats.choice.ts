import { delimiter, join } from 'node:path';
import type { Log } from './log';

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
const NATS_DEFAULT_PORT = 4222;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0']);

export interface NatsEndpoint {
  host: string;
  port: number;
  local: boolean;
}

/** The first server of a NATS_URL (it may list several, comma-separated). */
export function natsEndpoint(url: string): NatsEndpoint {
  const first = url.split(',')[0].trim();
  const parsed = new URL(first.includes('://') ? first : `nats://${first}`);
  const host = parsed.hostname;
  const port = parsed.port ? Number(parsed.port) : NATS_DEFAULT_PORT;
  return { host, port, local: LOCAL_HOSTS.has(host) };
}

/** A throwaway local server: JetStream on, bound to loopback, its store in the project's data folder. */
export function natsServerArgs(port: number, storeDir: string): string[] {
  return ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir];
}

export function findOnPath(
  binary: string,
  pathEnv: string | undefined,
  isExecutable: (file: string) => boolean,
): string | undefined {
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, binary);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export class NatsUnavailableError extends Error {
  constructor(url: string, reason: string) {
    super(
      `No NATS answers at ${url} (${reason}). To get one:\n` +
        `  - install nats-server (Debian/Ubuntu: apt-get install nats-server, or put the release binary ` +
        `from the NATS project on the PATH) and run npm start again: it starts one with JetStream;\n` +
        `  - or start one yourself: nats-server -js -p 4222;\n` +
        `  - or set NATS_URL to a server with JetStream that is running.`,
    );
    this.name = 'NatsUnavailableError';
  }
}

export interface ChosenNats {
  url: string;
  /** Whether this launcher started the server (and so stops it). */
  started: boolean;
}

export interface NatsDeps {
  answers(endpoint: NatsEndpoint): Promise<boolean>;
  findBinary(): string | undefined;
  /** Starts the server and resolves once it answers; rejects if it does not. */
  startServer(binary: string, args: string[], endpoint: NatsEndpoint): Promise<void>;
}

/**
 * NATS_URL or the local default. If nothing answers there and the address is on this machine, a
 * nats-server on the PATH is started with JetStream; otherwise the launcher stops with how to get one.
 */
export async function chooseNats(
  env: NodeJS.ProcessEnv,
  storeDir: string,
  deps: NatsDeps,
  log: Log,
): Promise<ChosenNats> {
  const url = env.NATS_URL || DEFAULT_NATS_URL;
  const endpoint = natsEndpoint(url);
  if (await deps.answers(endpoint)) {
    log(`nats: ${endpoint.host}:${endpoint.port}${env.NATS_URL ? ' (NATS_URL)' : ''}`);
    return { url, started: false };
  }
  if (!endpoint.local)
    throw new NatsUnavailableError(url, 'it is not on this machine, so none is started here');
  const binary = deps.findBinary();
  if (!binary) throw new NatsUnavailableError(url, 'no nats-server binary is on the PATH to start one');
  const args = natsServerArgs(endpoint.port, storeDir);
  log(`nats: nothing answers at ${endpoint.host}:${endpoint.port}; starting ${binary} ${args.join(' ')}`);
  await deps.startServer(binary, args, endpoint);
  log(`nats: started nats-server with JetStream on port ${endpoint.port} (stopped with the suite)`);
  return { url, started: true };
}
