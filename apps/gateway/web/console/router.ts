import { useEffect, useState } from 'preact/hooks';

/**
 * The console's pages live in the URL's fragment (`/console/#/polls/<id>`): the gateway serves one
 * document, reloads and bookmarks land on the same page, and the back button works.
 */
export function currentPath(): string {
  const hash = location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

export function useCurrentPath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return path;
}

export function navigate(path: string): void {
  location.hash = path;
}

/** The href of a console page, for links. */
export function hrefOf(path: string): string {
  return '#' + path;
}

/** `/polls/:id` against `/polls/42?x=1` → `{ id: '42' }`; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const wanted = pattern.split('/').filter(Boolean);
  const actual = path.split('?')[0].split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < Math.max(wanted.length, actual.length); i++) {
    const part = wanted[i];
    if (part === undefined) return null;
    const optional = part.endsWith('?');
    const name = part.replace(/^:/, '').replace(/\?$/, '');
    if (actual[i] === undefined) {
      if (optional) continue;
      return null;
    }
    if (part.startsWith(':')) {
      try {
        params[name] = decodeURIComponent(actual[i]);
      } catch {
        return null;
      }
    } else if (part !== actual[i]) {
      return null;
    }
  }
  return params;
}

/** The query of the fragment (`#/submissions?status=new`), for filters kept in the URL. */
export function queryOf(path: string): URLSearchParams {
  const index = path.indexOf('?');
  return new URLSearchParams(index >= 0 ? path.slice(index + 1) : '');
}
