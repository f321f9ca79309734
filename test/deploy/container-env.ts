import { AppVariable } from '../config/app-config';

/** Variables that only carry other values into place (the entrypoint's APP, pieces of NATS_URL). */
export const PLUMBING = new Set(['APP', 'NODE_ENV', 'NATS_PASSWORD', 'NATS_HOST']);

/**
 * What a container must set although the app has a default: those defaults fit a developer's machine
 * (a local PostgreSQL and NATS, ports off, demo mode on, links to localhost), not a deployment. The
 * secrets an app refuses to start without are checked by running the app's own configuration reader.
 */
export function containerRequirements(app: string, reads: Set<string>): string[] {
  const required = ['DATABASE_URL', 'NATS_URL', 'METRICS_PORT'];
  if (reads.has('DEMO')) required.push('DEMO');
  if (app === 'gateway') required.push('PORT');
  else required.push('HEALTH_PORT');
  if (app === 'notifications') required.push('PUBLIC_BASE_URL', 'UNSUBSCRIBE_SECRET');
  return required;
}

/** Every variable one app reads, from the same config classes README's configuration table is checked against. */
export function variablesReadBy(app: string, all: Map<string, AppVariable[]>): Set<string> {
  return new Set(
    [...all].filter(([, readers]) => readers.some((reader) => reader.app === app)).map(([name]) => name),
  );
}
