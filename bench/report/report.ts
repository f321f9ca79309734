import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSettings } from '../bench.settings';
import type { VoteCountsCheck } from '../checks/vote-counts.check';
import type { CommentCountsCheck } from '../checks/comment-counts.check';
import type { QueryPlan } from '../checks/comment-plans.check';
import type { ScenarioFigures, Spread } from './figures';
import type { TargetCheck } from './targets';
import type { UploadFigures } from '../uploads/concurrent-uploads';

export interface BenchReport {
  finishedAt: string;
  machine: { cpus: number; node: string; platform: string };
  settings: BenchSettings;
  natsPrivate: boolean;
  scenarios: ScenarioFigures[];
  targets: TargetCheck[];
  counts: VoteCountsCheck[];
  commentCounts: CommentCountsCheck[];
  /** EXPLAIN of each statement behind a page of comments, on the seeded tables. */
  commentPlans: QueryPlan[];
  /** Scenario (j), when it ran. */
  uploads?: UploadFigures;
  /** EXPLAIN of the desk list statements, on the 10,000 seeded submissions. */
  deskPlans?: QueryPlan[];
}

const MB = 1024 * 1024;

/** Scenario (j) in one line: rates end to end and each process's peak memory over idle. */
export function uploadLine(uploads: UploadFigures): string {
  const rss = Object.entries(uploads.rss)
    .map(
      ([app, figures]) =>
        `${app} +${(figures.growthBytes / MB).toFixed(1)} MB (idle ${(figures.idleBytes / MB).toFixed(0)} MB)`,
    )
    .join(', ');
  return (
    `(j) ${uploads.uploads} × ${(uploads.fileBytes / 1e6).toFixed(1)} MB in ${(uploads.elapsedMs / 1000).toFixed(2)} s: ` +
    `${(uploads.storedBytesPerSecond / MB).toFixed(1)} MiB/s stored, ${(uploads.receivedBytesPerSecond / MB).toFixed(1)} MiB/s sent; ` +
    `peak RSS ${rss}; statuses ${JSON.stringify(uploads.statuses)}`
  );
}

/** Each plan with whether it reads through an index, indented under its name. */
export function planLines(plans: QueryPlan[]): string[] {
  return plans.flatMap((plan) => [
    `${plan.usesIndex ? 'INDEX' : 'NO INDEX'}  ${plan.name}`,
    ...plan.plan.map((line) => `        ${line}`),
  ]);
}

const rate = (value: number): string => Math.round(value).toString();
const ms = (value: number): string => value.toFixed(value < 10 ? 2 : 1);
const range = (spread: Spread, format: (value: number) => string): string =>
  `${format(spread.min)}–${format(spread.max)}`;
const measured = (check: TargetCheck): string =>
  check.measured === null
    ? 'n/a'
    : Number.isInteger(check.measured)
      ? String(check.measured)
      : check.measured.toFixed(3);

function scenarioRows(report: BenchReport): string[][] {
  return report.scenarios.map((scenario) => [
    `(${scenario.key}) ${scenario.title}`,
    rate(scenario.throughput.median),
    range(scenario.throughput, rate),
    ms(scenario.p50Ms.median),
    ms(scenario.p99Ms.median),
    range(scenario.p99Ms, ms),
    String(scenario.errors + scenario.warmupErrors),
  ]);
}

const SCENARIO_HEADER = ['scenario', 'req/s', 'req/s min–max', 'p50 ms', 'p99 ms', 'p99 min–max', 'errors'];

/** The figures as a fixed-width table and the targets as PASS/FAIL lines, for the terminal. */
export function printReport(report: BenchReport): void {
  const rows = [SCENARIO_HEADER, ...scenarioRows(report)];
  const widths = SCENARIO_HEADER.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]): string =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  const { settings } = report;
  console.log(
    `\n${settings.rounds} rounds × ${settings.durationS} s, ${settings.connections} connections, ` +
      `medians of the rounds (${report.machine.cpus} CPUs, Node ${report.machine.node})\n`,
  );
  console.log(line(rows[0]));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  rows.slice(1).forEach((row) => console.log(line(row)));
  console.log('');
  const parts = Object.keys(report.scenarios[0]?.cpuMsPerRequest ?? {});
  if (parts.length > 0) {
    console.log(`CPU ms per request (median of the rounds): ${parts.join(' / ')}`);
    for (const scenario of report.scenarios) {
      const cells = parts.map((part) => scenario.cpuMsPerRequest[part].toFixed(3)).join(' / ');
      console.log(`  (${scenario.key}) ${cells}`);
    }
    console.log('');
  }
  if (report.uploads) console.log(`${uploadLine(report.uploads)}\n`);
  for (const check of report.targets) {
    console.log(
      `${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${measured(check)} (target ${check.target})`,
    );
  }
  for (const count of report.counts) {
    const options = count.options.map((option) => `${option.tally}/${option.rows}`).join(' ');
    console.log(
      `      poll ${count.pollId}: ballots ${count.ballots}, 201s ${count.accepted}, ` +
        `voter tally ${count.voterTally}, option tally/rows ${options}`,
    );
  }
  for (const count of report.commentCounts) {
    console.log(
      `      ${count.articleIds.length} posting articles: totals ${count.total}, published rows ${count.rows}, ` +
        `201s ${count.accepted}`,
    );
  }
  for (const scenario of report.scenarios) {
    const errorRun = [scenario.warmup, ...scenario.runs].find((run) => run.firstError);
    if (errorRun) console.log(`      (${scenario.key}) first error: ${errorRun.firstError}`);
    if (scenario.runs.some((run) => run.readersExhausted)) {
      console.log(`      (${scenario.key}) a timed run used up its readers: its rate is a lower bound`);
    }
  }
}

/** `latest.json` (every run's figures) and `latest.md` (the summary) in bench/results. */
export function writeReport(report: BenchReport, directory: string): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  const table = [SCENARIO_HEADER, SCENARIO_HEADER.map(() => '---'), ...scenarioRows(report)]
    .map((row) => `| ${row.join(' | ')} |`)
    .join('\n');
  const targets = report.targets
    .map(
      (check) =>
        `- ${check.pass ? 'PASS' : 'FAIL'} ${check.name}: ${measured(check)} (target ${check.target})`,
    )
    .join('\n');
  const { settings, machine } = report;
  writeFileSync(
    join(directory, 'latest.md'),
    [
      `# Bench ${report.finishedAt}`,
      '',
      `${settings.rounds} interleaved rounds × ${settings.durationS} s after a ${settings.warmupS} s warm-up, ` +
        `${settings.connections} keep-alive connections; ${machine.cpus} CPUs, Node ${machine.node}.`,
      '',
      table,
      '',
      ...(report.uploads ? [uploadLine(report.uploads), ''] : []),
      targets,
      '',
      '## Plans of the comment page statements',
      '',
      '```text',
      ...planLines(report.commentPlans),
      '```',
      '',
      ...(report.deskPlans
        ? ['## Plans of the desk list statements', '', '```text', ...planLines(report.deskPlans), '```', '']
        : []),
    ].join('\n'),
  );
}
