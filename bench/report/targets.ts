import type { ScenarioKey } from '../scenarios';
import type { VoteCountsCheck } from '../checks/vote-counts.check';
import type { CommentCountsCheck } from '../checks/comment-counts.check';
import type { ScenarioFigures } from './figures';
import type { UploadFigures } from '../uploads/concurrent-uploads';

export interface TargetCheck {
  name: string;
  measured: number | null;
  /** How the measured value compares with the bound, e.g. ">= 0.7". */
  target: string;
  pass: boolean;
}

/** The processes a vote passes through; their CPU per vote is what a deployment must provide. */
const VOTE_CHAIN = ['gateway', 'polls', 'nats', 'postgres'];

/** The targets of the polls and comments work ("Speed it must show"), on the median of the timed runs. */
export function checkTargets(
  figures: ScenarioFigures[],
  counts: VoteCountsCheck[],
  commentCounts: CommentCountsCheck[] = [],
  uploads?: UploadFigures,
): TargetCheck[] {
  const byKey = new Map(figures.map((scenario) => [scenario.key, scenario]));
  const rate = (key: ScenarioKey): number | undefined => byKey.get(key)?.throughput.median;
  const ratio = (name: string, over: ScenarioKey, under: ScenarioKey, bound: number): TargetCheck => {
    const top = rate(over);
    const bottom = rate(under);
    const measured = top !== undefined && bottom !== undefined && bottom > 0 ? top / bottom : null;
    return { name, measured, target: `>= ${bound}`, pass: measured !== null && measured >= bound };
  };
  const voteP99 = byKey.get('b')?.p99Ms.median;
  const p99Within = (key: ScenarioKey, boundMs: number): TargetCheck => {
    const p99 = byKey.get(key)?.p99Ms.median;
    return {
      name: `p99 of (${key}), ms`,
      measured: p99 ?? null,
      target: `<= ${boundMs}`,
      pass: p99 !== undefined && p99 <= boundMs,
    };
  };
  const present = (check: TargetCheck, ...keys: ScenarioKey[]): TargetCheck[] =>
    keys.every((key) => byKey.has(key)) ? [check] : [];
  const errors = figures.reduce((sum, scenario) => sum + scenario.errors + scenario.warmupErrors, 0);
  const voteCpu = byKey.get('b')?.cpuMsPerRequest;
  const voteCpuMs = voteCpu ? VOTE_CHAIN.reduce((sum, part) => sum + (voteCpu[part] ?? 0), 0) : undefined;
  return [
    ratio('(b) votes spread / (a) echo chain', 'b', 'a', 0.6),
    ratio('(c) one option / (b) votes spread', 'c', 'b', 0.9),
    ratio('(d) cached read / (e) bare Fastify', 'd', 'e', 0.7),
    ...present(
      {
        name: `CPU ms per vote of (b), ${VOTE_CHAIN.join(' + ')}`,
        measured: voteCpuMs ?? null,
        target: '<= 1',
        pass: voteCpuMs !== undefined && voteCpuMs <= 1,
      },
      'b',
    ),
    {
      name: 'p99 of (b) votes spread, ms',
      measured: voteP99 ?? null,
      target: '<= 50',
      pass: voteP99 !== undefined && voteP99 <= 50,
    },
    ...present(ratio('(f) first comments page, newest / (a) echo chain', 'f', 'a', 1.0), 'f', 'a'),
    ...present(p99Within('f', 20), 'f'),
    ...present(ratio('(ft) first comments page, top / (a) echo chain', 'ft', 'a', 1.0), 'ft', 'a'),
    ...present(p99Within('ft', 20), 'ft'),
    ...present(ratio('(g) counts of 100 articles / (a) echo chain', 'g', 'a', 0.5), 'g', 'a'),
    ...present(ratio('(h) comments posted / (a) echo chain', 'h', 'a', 0.3), 'h', 'a'),
    ...present(p99Within('k', 30), 'k'),
    ...(uploads ? uploadTargets(uploads) : []),
    { name: 'errors (all runs, warm-up included)', measured: errors, target: '= 0', pass: errors === 0 },
    ...allPass('polls whose counts match the vote rows and the 201s', counts),
    ...allPass('posting articles whose comment counts match their rows and the 201s', commentCounts),
  ];
}

/** Every check of a kind passed; none at all in a run without its scenarios (no votes, no (h)). */
function allPass(name: string, checks: readonly { pass: boolean }[]): TargetCheck[] {
  if (checks.length === 0) return [];
  const passed = checks.filter((check) => check.pass).length;
  return [{ name, measured: passed, target: `= ${checks.length}`, pass: passed === checks.length }];
}

const MEBIBYTE = 1024 * 1024;
/** Most a process may grow while eight 20 MB photos stream through it. */
const UPLOAD_RSS_BOUND_MB = 64;

/** Scenario (j): every upload stored, and neither the gateway nor the reporter growing past the bound. */
function uploadTargets(uploads: UploadFigures): TargetCheck[] {
  const stored = uploads.statuses['201'] ?? 0;
  return [
    {
      name: '(j) uploads stored',
      measured: stored,
      target: `= ${uploads.uploads}`,
      pass: stored === uploads.uploads,
    },
    ...Object.entries(uploads.rss).map(([app, rss]) => {
      const growth = rss.growthBytes / MEBIBYTE;
      return {
        name: `(j) peak RSS growth of the ${app}, MB`,
        measured: Math.round(growth * 10) / 10,
        target: `<= ${UPLOAD_RSS_BOUND_MB}`,
        pass: growth <= UPLOAD_RSS_BOUND_MB,
      };
    }),
  ];
}
