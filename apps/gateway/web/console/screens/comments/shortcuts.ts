/** The queue's keyboard commands. */
export type Shortcut = 'next' | 'previous' | 'approve' | 'reject' | 'feature';

const KEYS: Record<string, Shortcut> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  a: 'approve',
  r: 'reject',
  f: 'feature',
};

/**
 * The command a key press means, or null. Never while the person types in a field (a reason, a search)
 * or holds a modifier (the browser's own shortcuts), and never for a key another handler already took.
 */
export function shortcutOf(event: KeyboardEvent): Shortcut | null {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return null;
  if (isTyping(event.target)) return null;
  return KEYS[event.key] ?? null;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}
