import { PAGE_LIMIT_MAX, SERVICES, ServiceName } from '@app/contracts';

export type EventsCommand =
  | { kind: 'help' }
  | { kind: 'list'; services: readonly ServiceName[]; limit?: number; cursor?: string }
  | { kind: 'redrive'; service: ServiceName; id: string };

export const EVENTS_CLI_USAGE = `Usage:
  npm run events -- list [--service <name>] [--limit <1-${PAGE_LIMIT_MAX}>] [--cursor <cursor>]
  npm run events -- redrive <service> <dead-letter-id>
  npm run events -- --help

Lists and re-drives the dead letters of the services (${SERVICES.join(', ')}), over NATS
at NATS_URL in the namespace NATS_PREFIX, as an admin. Without --service, list shows every
service that consumes events.`;

export class UsageError extends Error {}

const isService = (value: string): value is ServiceName => (SERVICES as readonly string[]).includes(value);

/** Reads `npm run events -- ...`'s arguments; anything it does not know is a UsageError. */
export function parseEventsArgs(args: readonly string[]): EventsCommand {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) return { kind: 'help' };
  const [command, ...rest] = args;
  if (command === 'redrive') {
    const unknown = rest.find((arg) => arg.startsWith('-'));
    if (unknown) throw new UsageError(`redrive takes no option ${unknown}`);
    if (rest.length !== 2) throw new UsageError('redrive needs <service> <dead-letter-id>');
    const [service, id] = rest;
    if (!isService(service)) throw new UsageError(`no service "${service}" (one of ${SERVICES.join(', ')})`);
    return { kind: 'redrive', service, id };
  }
  if (command !== 'list') throw new UsageError(`unknown command "${command}" (list, redrive)`);
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const [name, value] = [rest[i], rest[i + 1]];
    if (!['--service', '--limit', '--cursor'].includes(name)) throw new UsageError(`unknown option ${name}`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    if (options.has(name)) throw new UsageError(`${name} is given twice`);
    options.set(name, value);
  }
  const service = options.get('--service');
  if (service !== undefined && !isService(service)) {
    throw new UsageError(`no service "${service}" (one of ${SERVICES.join(', ')})`);
  }
  const limitText = options.get('--limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!/^\d+$/.test(limitText!) || limit < 1 || limit > PAGE_LIMIT_MAX)) {
    throw new UsageError(`--limit must be a whole number from 1 to ${PAGE_LIMIT_MAX}`);
  }
  const cursor = options.get('--cursor');
  if (cursor !== undefined && service === undefined) throw new UsageError('--cursor needs --service');
  return { kind: 'list', services: service ? [service] : SERVICES, limit, cursor };
}
