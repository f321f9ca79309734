import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueMarkdown, catalogueOf, unpadded, withCatalogue } from '@app/contracts';

/** `npm run catalogue`: rewrites README.md's tables of operations and events from the contracts. */
const readmePath = join(__dirname, '..', '..', 'README.md');
const before = readFileSync(readmePath, 'utf8');
if (unpadded(catalogueOf(before)) === unpadded(catalogueMarkdown())) {
  process.stdout.write('README.md catalogue is up to date\n');
} else {
  writeFileSync(readmePath, withCatalogue(before));
  // Aligned the way `npm run lint` expects.
  execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', readmePath]);
  process.stdout.write('README.md catalogue rewritten\n');
}
