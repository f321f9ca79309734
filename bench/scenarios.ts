import { SCENARIOS as SCENARIO_TITLES, type BenchSettings } from './bench.settings';
import type { LoadJob, LoadResult } from './load/load.protocol';
import type { BenchPoll, EngageApi } from './setup/engage-api';

export type ScenarioKey = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'ft' | 'g' | 'h' | 'j' | 'k';

/** Scenario (j) is not a closed loop: run.ts runs it on its own (uploads/concurrent-uploads.ts). */
export const UPLOAD_SCENARIO: ScenarioKey = 'j';

export interface Scenario {
  key: ScenarioKey;
  title: string;
  /** The job for one run; vote scenarios mint the readers it needs first, outside the timing. */
  prepare(durationS: number): Promise<Omit<LoadJob, 'connections' | 'durationMs'>>;
  /** Learns from a finished run (how many readers the next one needs). */
  record(result: LoadResult): void;
  /** The poll whose votes this scenario casts, for the counts check. */
  votesOn?: BenchPoll;
  /** The articles this scenario posts comments to, for the comment counts check. */
  commentsOn?: string[];
  /** Connections of its own instead of the run's (a desk is read by a few moderators, not by crowds). */
  connections?: number;
}

/** Moderators reading the desk at once in scenario (k). */
export const DESK_READERS = 4;

export interface ScenarioTargets {
  /** Every gateway copy; a scenario's connections are spread over them. */
  gatewayUrls: string[];
  /** Where the echo chain is served: the gateway's operators' port, not the public one. */
  gatewayOpsUrls: string[];
  ceilingUrl: string;
  api: EngageApi;
  spreadPoll: BenchPoll;
  oneOptionPoll: BenchPoll;
  comments: BenchComments;
  /** A moderator's access token, for the desk list of scenario (k). */
  moderatorToken: string;
}

/** What the comment scenarios read and write, seeded before the run. */
export interface BenchComments {
  /** The article with 10,000 published comments. */
  bigArticleId: string;
  /** 100 article ids for one counts call (the big one among them). */
  countedArticleIds: string[];
  /** Articles that start empty and take the posted comments, in turn. */
  postingArticleIds: string[];
}

/** The least vote rate readers are minted for; a warm-up on a busy machine may measure far less. */
const LEAST_VOTE_RATE = 500;
/** Readers minted beyond the expected need, so a round faster than the ones before still has enough. */
const READER_HEADROOM = 2;

/** What the readers of scenario (h) write, in turn: plain text, a reply-worthy length, no links. */
const COMMENT_BODIES = [
  'Спасибо за материал, давно ждал подробностей.',
  'A fair summary, though the second half could use a source or two.',
  'Интересно, что скажут в мэрии. Будем следить.',
  'Read it twice; the numbers in the third paragraph do not add up for me.',
].map((body, index) => JSON.stringify({ body, authorName: `Читатель ${index + 1}` }));

export function buildScenarios(targets: ScenarioTargets, settings: BenchSettings): Scenario[] {
  const fixed = (
    key: ScenarioKey,
    title: string,
    origins: string[],
    path: string,
    headers?: Record<string, string>,
  ): Scenario => ({
    key,
    title,
    prepare: async () => ({ origins, method: 'GET', path, ...(headers ? { headers } : {}) }),
    record: () => undefined,
  });
  /** A scenario where each request is a new reader's (a vote, a comment), minted before the timing. */
  const byNewReaders = (
    key: ScenarioKey,
    title: string,
    request: { path: string; paths?: string[]; bodies: string[] },
    subject: Pick<Scenario, 'votesOn' | 'commentsOn'>,
  ): Scenario => {
    let fastestRate = 0;
    return {
      key,
      title,
      ...subject,
      prepare: async (durationS) => {
        const rate = Math.max(fastestRate, LEAST_VOTE_RATE);
        const needed = Math.ceil(rate * durationS * READER_HEADROOM) + 2 * settings.connections;
        return {
          origins: targets.gatewayUrls,
          method: 'POST',
          path: request.path,
          paths: request.paths,
          bodies: request.bodies,
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
  const votes = (key: ScenarioKey, title: string, poll: BenchPoll, optionIds: string[]): Scenario =>
    byNewReaders(
      key,
      title,
      {
        path: `/api/v1/polls/${poll.id}/votes`,
        bodies: optionIds.map((id) => JSON.stringify({ optionIds: [id] })),
      },
      { votesOn: poll },
    );
  const { comments } = targets;
  const commentPage = `/api/v1/articles/${comments.bigArticleId}/comments`;
  const all: Scenario[] = [
    fixed('a', 'echo chain (1 NATS request)', targets.gatewayOpsUrls, '/health/services/polls/echo'),
    votes('b', 'votes spread over options', targets.spreadPoll, targets.spreadPoll.optionIds),
    votes('c', 'votes on one option', targets.oneOptionPoll, targets.oneOptionPoll.optionIds.slice(0, 1)),
    fixed('d', 'poll read (gateway cache)', targets.gatewayUrls, `/api/v1/polls/${targets.spreadPoll.id}`),
    fixed('e', 'bare Fastify (ceiling)', [targets.ceilingUrl], '/ceiling'),
    fixed('f', SCENARIO_TITLES.f, targets.gatewayUrls, commentPage),
    fixed('ft', SCENARIO_TITLES.ft, targets.gatewayUrls, `${commentPage}?sort=top`),
    fixed(
      'g',
      SCENARIO_TITLES.g,
      targets.gatewayUrls,
      `/api/v1/comments/counts?articleIds=${comments.countedArticleIds.join(',')}`,
    ),
    byNewReaders(
      'h',
      SCENARIO_TITLES.h,
      {
        path: `/api/v1/articles/${comments.postingArticleIds[0]}/comments`,
        paths: comments.postingArticleIds.map((articleId) => `/api/v1/articles/${articleId}/comments`),
        bodies: COMMENT_BODIES,
      },
      { commentsOn: comments.postingArticleIds },
    ),
    {
      ...fixed('k', SCENARIO_TITLES.k, targets.gatewayUrls, '/api/v1/moderation/submissions', {
        authorization: `Bearer ${targets.moderatorToken}`,
      }),
      connections: DESK_READERS,
    },
  ];
  return settings.only.length > 0 ? all.filter((scenario) => settings.only.includes(scenario.key)) : all;
}
