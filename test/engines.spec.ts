import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const ROOT = join(__dirname, '..');
const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

/**
 * `npm ci` warns (EBADENGINE) about a package whose `engines.node` the Node.js it runs on does not
 * satisfy. Every installed package must accept the oldest Node.js the project says it runs on.
 */
describe('the Node.js version the project runs on', () => {
  const oldest = semver.minVersion(read('package.json').engines.node as string)!.version;

  it('is accepted by every package in the lock file', () => {
    const packages = read('package-lock.json').packages as Record<string, { engines?: { node?: string } }>;
    const refusing = Object.entries(packages)
      .filter(([path, entry]) => path !== '' && typeof entry.engines?.node === 'string')
      .filter(([, entry]) => !semver.satisfies(oldest, entry.engines!.node!))
      .map(([path, entry]) => `${path} needs node ${entry.engines!.node}`);
    expect(refusing).toEqual([]);
  });

  it('is what this machine runs or older', () => {
    expect(semver.gte(process.versions.node, oldest)).toBe(true);
  });
});
