import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file of `apps/gateway/static`, read once at start: the files are small and every portal page asks. */
export interface StaticAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const STATIC_FOLDER = join('apps', 'gateway', 'static');

/**
 * The static files stay in the source tree (`npm run build` compiles TypeScript only), so the folder is
 * found by walking up from this file: it works from `apps/...` in a checkout, from `dist/apps/...` after
 * a build, and from `/app/dist/...` in the container image, which copies the folder beside `dist`.
 */
export function findStaticRoot(from: string = __dirname): string {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, STATIC_FOLDER);
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) {
      throw new Error(`the gateway's static folder (${STATIC_FOLDER}) was not found above ${from}`);
    }
  }
}

export function loadStaticAsset(root: string, path: string, contentType: string): StaticAsset {
  const body = readFileSync(join(root, path));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, contentType, etag };
}
