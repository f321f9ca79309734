/**
 * The security headers of every response, computed once. They are what helmet sets by default, with a
 * policy for this API and its pages; building them per request (as the helmet plugin does) was a
 * measurable share of a cached read's cost.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
].join(';');

/** For documents (the demo page, the console, API docs): helmet's full default set. */
export const DOCUMENT_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cross-origin-opener-policy': 'same-origin',
  // Widgets on the portal's own origin load the script and call the API: resources are shareable.
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

/**
 * For JSON answers of /api/v1: the set the OWASP REST Security Cheat Sheet recommends ("Security
 * headers"). The document-only headers above mean nothing to a JSON client and only add bytes to the
 * hottest responses.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'cross-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

/**
 * For the console: no inline script or style at all (its stylesheet and script are files), images only
 * from the gateway or from blobs the console made of attachments it fetched with the staff token, and
 * no framing.
 */
const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "base-uri 'none'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data: blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "style-src-attr 'none'",
].join(';');

export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...DOCUMENT_SECURITY_HEADERS,
  'content-security-policy': CONSOLE_CONTENT_SECURITY_POLICY,
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
});

export function securityHeadersFor(url: string): Readonly<Record<string, string>> {
  if (url.startsWith('/api/v1/')) return API_SECURITY_HEADERS;
  if (url === '/console' || url.startsWith('/console/')) return CONSOLE_SECURITY_HEADERS;
  return DOCUMENT_SECURITY_HEADERS;
}
