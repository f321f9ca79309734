/** Builds an element whose text is set as text: whatever editors or readers wrote is never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string | null,
  text?: string | number | null,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

let ids = 0;

/** An id unique on the page, for aria-labelledby and friends. */
export const uid = (prefix: string): string => `engage-${prefix}-${++ids}`;

/** A link target from page markup, with script-running schemes replaced by `#`. */
export function safeHref(value: string | undefined): string {
  const href = (value || '').trim();
  return href === '' || /^(javascript|data|vbscript):/i.test(href) ? '#' : href;
}
