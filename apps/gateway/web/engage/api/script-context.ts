/**
 * What the script tag tells: read while the script runs, the only moment `document.currentScript` is
 * set. The API is the script's own origin unless the tag has data-api.
 */
const script = document.currentScript as HTMLScriptElement | null;

function apiBase(tag: HTMLScriptElement | null): string {
  try {
    if (tag && tag.dataset.api) return new URL(tag.dataset.api, document.baseURI).href.replace(/\/+$/, '');
    if (tag && tag.src) return new URL(tag.src).origin;
  } catch {
    // a malformed data-api: fall back to the page's origin
  }
  return location.origin;
}

export const API = apiBase(script);
export const SCRIPT_LOCALE: string | undefined = script ? script.dataset.locale : undefined;
/** A portal with a nonce-based CSP gives the script tag a nonce; the widget's styles carry the same one. */
export const SCRIPT_NONCE: string | undefined = script && script.nonce ? script.nonce : undefined;
/** A signed-in portal reader's JWT, when the portal renders it into the script tag. */
export const SCRIPT_PORTAL_TOKEN: string | undefined = script ? script.dataset.portalToken : undefined;
