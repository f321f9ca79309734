/**
 * A reader signed in on the portal: the portal hands the widgets its JWT, either in the script tag
 * (`<script src=".../engage.js" data-portal-token="...">`, for server-rendered pages) or at any time
 * through `window.Engage.signIn(token)` / `signOut()`. While a token is set, every call goes as that
 * reader (`Authorization: Bearer`), the gateway verifies it, and the name comes from the token.
 * A token the gateway refuses (expired, signed with another key) is dropped: the reader goes on as a
 * guest, and the portal may sign in again with a fresh one.
 */
import { SCRIPT_PORTAL_TOKEN } from './script-context';

let portalToken: string | null = SCRIPT_PORTAL_TOKEN || null;
const listeners = new Set<() => void>();

export function currentPortalToken(): string | null {
  return portalToken;
}

export function setPortalToken(token: string | null): void {
  const next = token && token.trim() ? token.trim() : null;
  if (next === portalToken) return;
  portalToken = next;
  listeners.forEach((listener) => listener());
}

/** Called whenever the portal signs a reader in or out, or the gateway refused the token. */
export function onPortalSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The reader's display name as the token says (its `name` claim), for the form to show. Only shown,
 * never trusted: the gateway takes the name from the verified token itself.
 */
export function portalReaderName(): string | null {
  if (!portalToken) return null;
  const payload = portalToken.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as { name?: unknown };
    return typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : null;
  } catch {
    return null;
  }
}
