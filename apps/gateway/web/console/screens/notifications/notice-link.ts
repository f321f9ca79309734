/**
 * Where an entry's `link` opens in the console. The service writes links relative to the console
 * (`comments?queue=pending`, `polls/<id>`); the settings pages it names live under other paths here.
 */
const MOVED: Record<string, string> = {
  'settings/notifications': '/notifications/settings',
  'settings/webhooks': '/admin/webhooks',
};

export function consolePathOf(link: string | null): string | null {
  if (!link) return null;
  const relative = link.replace(/^\/+/, '');
  // Only a path inside the console: never another origin or scheme.
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative) || relative.startsWith('\\')) return null;
  return MOVED[relative] ?? `/${relative}`;
}
