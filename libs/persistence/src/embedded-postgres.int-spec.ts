import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function refusesConnections(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return false;
  } catch {
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A pid that no process has any more: that of a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

const quiet = { say: () => undefined };

describe('embedded PostgreSQL', () => {
  let folder: string;
  const started: EmbeddedPostgres[] = [];
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'engage-embedded-test-'));
    // Run as root, the server runs as the postgres account, which must reach its folder.
    chmodSync(folder, 0o755);
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs a throwaway PostgreSQL for embedded:memory and removes it at stop', async () => {
    const before = new Set(readdirSync(tmpdir()));
    const server = await startEmbeddedPostgres('embedded:memory', quiet);
    const [row] = await query<{ version: string; lower: string }>(
      server.url,
      "select current_setting('server_version_num')::int as version, lower('НАШ ОПРОС') as lower",
    );
    expect(row.version).toBeGreaterThanOrEqual(150000);
    expect(row.lower).toBe('наш опрос');
    const created = readdirSync(tmpdir()).filter(
      (name) => name.startsWith('engage-pg-') && !before.has(name),
    );
    expect(created).toHaveLength(1);

    await server.stop();
    await server.stop();
    expect(await refusesConnections(server.url)).toBe(true);
    expect(existsSync(join(tmpdir(), created[0]))).toBe(false);
  });

  it('keeps the data of embedded:<folder> from one start to the next', async () => {
    const dataDir = join(folder, 'postgres');
    const first = await startEmbeddedPostgres(`embedded:${dataDir}`, quiet);
    started.push(first);
    await query(first.url, "create table kept (note text); insert into kept values ('still here')");
    await first.stop();

    const second = await startEmbeddedPostgres(`embedded:${dataDir}`, quiet);
    started.push(second);
    expect(await query(second.url, 'select note from kept')).toEqual([{ note: 'still here' }]);
  });

  it('stops a server left running by a launcher that was killed, then starts its own', async () => {
    const dataDir = join(folder, 'postgres');
    const leftover = await startEmbeddedPostgres(`embedded:${dataDir}`, quiet);
    started.push(leftover);
    writeFileSync(join(dataDir, 'engage.owner'), `${deadPid()}\n`);
    const said: string[] = [];

    const fresh = await startEmbeddedPostgres(`embedded:${dataDir}`, { say: (line) => said.push(line) });
    started.push(fresh);
    expect(said.join('\n')).toMatch(/left running .* by a launcher that was killed/);
    expect(await refusesConnections(leftover.url)).toBe(true);
    expect(await query(fresh.url, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('refuses a folder whose server belongs to a process that is still running', async () => {
    const dataDir = join(folder, 'postgres');
    const running = await startEmbeddedPostgres(`embedded:${dataDir}`, quiet);
    started.push(running);
    writeFileSync(join(dataDir, 'engage.owner'), `${process.ppid}\n`);

    await expect(startEmbeddedPostgres(`embedded:${dataDir}`, quiet)).rejects.toThrow(
      new RegExp(`in use by process ${process.ppid}`),
    );
    expect(await query(running.url, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('refuses a pglite: URL, saying to use embedded:', async () => {
    await expect(startEmbeddedPostgres('pglite:memory', quiet)).rejects.toThrow(/use embedded:memory/);
  });
});
