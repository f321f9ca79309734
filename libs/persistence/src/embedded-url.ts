/** `embedded:memory` (a throwaway database) or `embedded:<folder>` (data kept in that folder). */
export const EMBEDDED_PREFIX = 'embedded:';
/** The form this suite used before it ran a real PostgreSQL; refused with a pointer to the new one. */
const RETIRED_PREFIX = 'pglite:';

export type EmbeddedTarget = { kind: 'memory' } | { kind: 'folder'; folder: string };

/** Whether DATABASE_URL asks for an embedded database rather than naming a server. */
export function isEmbeddedUrl(url: string): boolean {
  return url.startsWith(EMBEDDED_PREFIX) || url.startsWith(RETIRED_PREFIX);
}

export function parseEmbeddedUrl(url: string): EmbeddedTarget {
  if (url.startsWith(RETIRED_PREFIX)) {
    const rest = url.slice(RETIRED_PREFIX.length);
    throw new Error(
      `DATABASE_URL "${url}": the embedded PGlite is gone; use ${EMBEDDED_PREFIX}${rest || 'memory'} ` +
        `for an embedded PostgreSQL`,
    );
  }
  if (!url.startsWith(EMBEDDED_PREFIX)) throw new Error(`"${url}" is not an ${EMBEDDED_PREFIX} URL`);
  const target = url.slice(EMBEDDED_PREFIX.length).trim();
  if (target === '') {
    throw new Error(
      `DATABASE_URL "${url}" names no folder: use ${EMBEDDED_PREFIX}memory or ${EMBEDDED_PREFIX}<folder>`,
    );
  }
  return target === 'memory' ? { kind: 'memory' } : { kind: 'folder', folder: target };
}
