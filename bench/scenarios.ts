import type { BenchSettings } from './bench.settings';
import type { LoadJob, LoadResult } from './load/load.protocol';
import type { BenchPoll, EngageApi } from './setup/engage-api';

export type ScenarioKey = 'a' | 'b' | 'c' | 'd' | 'e';

export interface Scenario {
  key: ScenarioKey;
  title: string;
  /** The job for one run; vote scenarios mint the readers it needs first, outside the timing. */
  prepare(durationS: number): Promise<Omit<LoadJob, 'connections' | 'durationMs'>>;
  /** Learns from a finished run (how many readers the next one needs). */
  record(result: LoadResult): void;
  /** The poll whose votes this scenario casts, for the counts check. */
  votesOn?: BenchPoll;
}

export interface ScenarioTargets {
  gatewayUrl: string;
  /** Where the echo chain is served: the gateway's operators' port, not the public one. */
  gatewayOpsUrl: string;
  ceilingUrl: string;
  api: EngageApi;
  spreadPoll: BenchPoll;
  oneOptionPoll: BenchPoll;
}

/** The least vote rate readers are minted for; a warm-up on a busy machine may measure far less. */
const LEAST_VOTE_RATE = 500;
/** Readers minted beyond the expected need, so a round faster than the ones before still has enough. */
const READER_HEADROOM = 2;

export function buildScenarios(targets: ScenarioTargets, settings: BenchSettings): Scenario[] {
  const fixed = (key: ScenarioKey, title: string, origin: string, path: string): Scenario => ({
    key,
    title,
    prepare: async () => ({ origin, method: 'GET', path }),
    record: () => undefined,
  });
  const votes = (key: ScenarioKey, title: string, poll: BenchPoll, optionIds: string[]): Scenario => {
    let fastestRate = 0;
    return {
      key,
      title,
      votesOn: poll,
      prepare: async (durationS) => {
        const rate = Math.max(fastestRate, LEAST_VOTE_RATE);
        const needed = Math.ceil(rate * durationS * READER_HEADROOM) + 2 * settings.connections;
        return {
          origin: targets.gatewayUrl,
          method: 'POST',
          path: `/api/v1/polls/${poll.id}/votes`,
          bodies: optionIds.map((id) => JSON.stringify({ optionIds: [id] })),
          readers: await targets.api.mintReaders(needed),
        };
      },
      record: (result) => {
        const measured = result.requests / (result.elapsedMs / 1000);
        // A run that used up its readers was faster than it could show.
        fastestRate = Math.max(fastestRate, result.readersExhausted ? 2 * measured : measured);
      },
    };
  };
  const all: Scenario[] = [
    fixed('a', 'echo chain (1 NATS request)', targets.gatewayOpsUrl, '/health/services/polls/echo'),
    votes('b', 'votes spread over options', targets.spreadPoll, targets.spreadPoll.optionIds),
    votes('c', 'votes on one option', targets.oneOptionPoll, targets.oneOptionPoll.optionIds.slice(0, 1)),
    fixed('d', 'poll read (gateway cache)', targets.gatewayUrl, `/api/v1/polls/${targets.spreadPoll.id}`),
    fixed('e', 'bare Fastify (ceiling)', targets.ceilingUrl, '/ceiling'),
  ];
  return settings.only.length > 0 ? all.filter((scenario) => settings.only.includes(scenario.key)) : all;
}
