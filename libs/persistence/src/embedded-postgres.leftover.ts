import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Who started the server of a kept data folder, so the next start can tell a leftover from a live one. */
const OWNER_FILE = 'engage.owner';
const LEFTOVER_STOP_TIMEOUT_MS = 15000;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** On Linux, make sure the pid is still a postgres before signalling it (pids are reused). */
function looksLikePostgres(pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync('/proc')) return true;
  try {
    return readFileSync(cmdline, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

/**
 * A launcher killed with SIGKILL cannot stop its database, and the server it left keeps the folder
 * locked. If the folder's server still runs and the process that started it is gone, it is stopped
 * here; if that process is alive, the folder is in use and this refuses with a message saying so.
 */
export async function reclaimDataFolder(dataDir: string, say: (line: string) => void): Promise<void> {
  const serverPid = readPid(join(dataDir, 'postmaster.pid'));
  if (serverPid === undefined || !isAlive(serverPid) || !looksLikePostgres(serverPid)) return;
  const ownerPid = readPid(join(dataDir, OWNER_FILE));
  if (ownerPid !== undefined && ownerPid !== process.pid && isAlive(ownerPid)) {
    throw new Error(
      `the embedded database in ${dataDir} is in use by process ${ownerPid} (another npm start?); ` +
        `stop that one, or point DATABASE_URL at another folder`,
    );
  }
  say(`stopping the PostgreSQL (pid ${serverPid}) left running in ${dataDir} by a launcher that was killed`);
  process.kill(serverPid, 'SIGINT');
  const deadline = Date.now() + LEFTOVER_STOP_TIMEOUT_MS;
  while (isAlive(serverPid)) {
    if (Date.now() > deadline)
      throw new Error(`the PostgreSQL left running in ${dataDir} (pid ${serverPid}) did not stop`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function recordOwner(dataDir: string): void {
  writeFileSync(join(dataDir, OWNER_FILE), `${process.pid}\n`);
}
