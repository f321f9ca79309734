import { connect } from 'nats';
import { Caller, DeadLettersRpc, DeadLetterView } from '@app/contracts';
import { NatsNamespace, natsServers, NatsRpcClient } from '@app/messaging';
import { CommonEnv, loadConfig } from '@app/runtime';
import { EVENTS_CLI_USAGE, EventsCommand, parseEventsArgs, UsageError } from './events-cli/events-cli.args';

/**
 * `npm run events -- list|redrive ...`: an operator's look at the services' dead letters, over NATS
 * through the same declarations the gateway calls, as an admin. In production NATS requires
 * credentials, so only someone who holds them can run it.
 */
const OPERATOR: Caller = { readerId: null, staffId: 'events-cli', roles: ['admin'], addressHash: null };
const TIMEOUT_MS = 10000;

const say = (line: string) => process.stdout.write(`${line}\n`);

function row(letter: DeadLetterView): string {
  const type = letter.type ?? '(no event)';
  return `${letter.id}  ${letter.service}  ${letter.consumer}  ${type}  ${letter.deliveries}x  ${letter.failedAt}\n    ${letter.error}`;
}

async function run(command: Exclude<EventsCommand, { kind: 'help' }>, rpc: NatsRpcClient): Promise<number> {
  if (command.kind === 'redrive') {
    const reply = await rpc.call(DeadLettersRpc[command.service].redrive, {
      caller: OPERATOR,
      id: command.id,
    });
    say(`${reply.id}: ${reply.outcome === 'handled' ? 're-driven, handled' : 'already handled; removed'}`);
    return 0;
  }
  for (const service of command.services) {
    try {
      const page = await rpc.call(DeadLettersRpc[service].list, {
        caller: OPERATOR,
        query: { limit: command.limit, cursor: command.cursor },
      });
      say(`${service}: ${page.items.length === 0 ? 'no dead letters' : `${page.items.length} dead letters`}`);
      page.items.forEach((letter) => say(row(letter)));
      if (page.nextCursor) say(`  more: --service ${service} --cursor ${page.nextCursor}`);
    } catch (error) {
      // Listing all, a service without consumers does not answer these; one asked for by name must.
      if (command.services.length === 1 || statusOf(error) !== 503) throw error;
      say(`${service}: not answering (it may consume no events)`);
    }
  }
  return 0;
}

const statusOf = (error: unknown): number | undefined =>
  error instanceof Error && 'status' in error ? Number((error as { status: unknown }).status) : undefined;

async function main(): Promise<number> {
  let command: EventsCommand;
  try {
    command = parseEventsArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`events: ${error.message}\n\n${EVENTS_CLI_USAGE}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    say(EVENTS_CLI_USAGE);
    return 0;
  }
  const env = loadConfig(CommonEnv);
  const nc = await connect({ ...natsServers(env.NATS_URL), name: 'events-cli', timeout: TIMEOUT_MS });
  try {
    return await run(
      command,
      new NatsRpcClient(nc, TIMEOUT_MS, undefined, new NatsNamespace(env.NATS_PREFIX)),
    );
  } catch (error) {
    const status = statusOf(error);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`events: ${message}${status ? ` (${status})` : ''}\n`);
    return 1;
  } finally {
    await nc.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`events: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
