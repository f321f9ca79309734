import { cpus } from 'node:os';
import { join } from 'node:path';
import { BenchSettings, BenchUsageError, readBenchCommand } from './bench.settings';
import { checkVoteCounts, VoteCountsCheck } from './checks/vote-counts.check';
import { checkCommentCounts, CommentCountsCheck } from './checks/comment-counts.check';
import { explainCommentPages, QueryPlan } from './checks/comment-plans.check';
import { explainDeskList } from './checks/desk-plans.check';
import { seedComments } from './setup/comment-seed';
import { startCeiling } from './ceiling/ceiling.process';
import { createBenchDatabase } from './infra/bench-database';
import { startBenchNats } from './infra/bench-nats';
import { BENCH_ADMIN, REPO_ROOT, startEngage } from './infra/engage.processes';
import { CpuMeter, type CpuReading } from './report/cpu-meter';
import { LoadGenerator } from './load/load-generator';
import type { LoadResult } from './load/load.protocol';
import { RunFigures, runFigures, scenarioFigures } from './report/figures';
import { BenchReport, planLines, printReport, uploadLine, writeReport } from './report/report';
import { checkTargets } from './report/targets';
import { buildScenarios, Scenario, UPLOAD_SCENARIO } from './scenarios';
import { benchPhoto } from './uploads/bench-photo';
import { runConcurrentUploads, UploadFigures } from './uploads/concurrent-uploads';
import { seedSubmissions } from './uploads/submission-seed';
import { EngageApi } from './setup/engage-api';

/** Runs of a vote scenario that used up its readers before the time was over, before giving up. */
const MAX_ATTEMPTS = 3;
/** Scenario (j): this many readers send a photo of this size at the same moment. */
const UPLOADS = 8;
const UPLOAD_BYTES = 20_000_000;
/** Scenario (k): the desk holds this many submissions. */
const DESK_SUBMISSIONS = 10_000;

/** What to undo, newest first, whether the run ends, fails or is interrupted. */
const cleanups: { what: string; undo: () => Promise<void> }[] = [];
let cleaning: Promise<void> | undefined;

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const { what, undo } of cleanups.reverse()) {
      await undo().catch((error: unknown) => console.error(`bench: could not ${what}: ${String(error)}`));
    }
  })();
  return cleaning;
}

/** This run's settings; `--help` or a command line it cannot run ends the process before anything starts. */
function settingsOrExit(): BenchSettings {
  try {
    const command = readBenchCommand(process.argv.slice(2), process.env);
    if (command.kind === 'run') return command.settings;
    console.log(command.text);
    process.exit(0);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(`bench: ${error.message}\nbench: the options are listed by: npm run bench -- --help`);
    process.exit(error.exitCode);
  }
}

async function main(settings: BenchSettings): Promise<void> {
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  const database = await createBenchDatabase();
  cleanups.push({ what: `drop database ${database.name}`, undo: () => database.drop() });
  const nats = await startBenchNats();
  cleanups.push({ what: 'stop nats-server', undo: () => nats.stop() });
  console.log(`bench: database ${database.name}, NATS ${nats.url}${nats.private ? ' (private)' : ''}`);

  const engage = await startEngage(
    database.url,
    nats.url,
    { apps: settings.profile, directory: join(REPO_ROOT, 'bench', 'results', 'profiles') },
    { gateways: settings.gateways, polls: settings.pollsCopies },
  );
  cleanups.push({ what: 'delete the events stream', undo: () => nats.deleteStream(engage.eventsStream) });
  cleanups.push({
    what: 'stop the services and the gateway',
    undo: async () => void (await Promise.all(engage.children.map((child) => child.stop()))),
  });
  const ceiling = await startCeiling();
  cleanups.push({ what: 'stop the ceiling server', undo: () => ceiling.child.stop() });
  const load = LoadGenerator.start();
  cleanups.push({ what: 'stop the load worker', undo: () => load.stop() });
  const [setupUrl] = engage.baseUrls;
  const api = new EngageApi(setupUrl);
  cleanups.push({ what: 'close the setup client', undo: () => api.close() });

  const pidOf = (process: { pid?: number }): number[] => (process.pid ? [process.pid] : []);
  // Copies of an app add up: CPU per request is the app's, however many processes run it.
  const pidsOf = async (app: string): Promise<number[]> =>
    engage.children.filter((child) => child.name === app).flatMap((child) => pidOf(child.process));
  const cpu = new CpuMeter({
    gateway: () => pidsOf('gateway'),
    polls: () => pidsOf('polls'),
    comments: () => pidsOf('comments'),
    reporter: () => pidsOf('reporter'),
    nats: async () => nats.pids,
    postgres: () => database.backendPids(),
    ceiling: async () => pidOf(ceiling.child.process),
    load: async () => pidOf(load.child.process),
  });

  const seedStarted = performance.now();
  const comments = await database.withClient((client) => seedComments(client));
  console.log(`bench: comments seeded in ${Math.round(performance.now() - seedStarted)} ms`);
  const commentPlans = await database.withClient((client) =>
    explainCommentPages(client, comments.bigArticleId),
  );
  console.log(['bench: plans of the comment page statements', ...planLines(commentPlans)].join('\n'));

  const editor = await api.login(BENCH_ADMIN.email, BENCH_ADMIN.password);
  let deskPlans: QueryPlan[] | undefined;
  const runsScenario = (key: string): boolean => settings.only.length === 0 || settings.only.includes(key);
  if (runsScenario('k')) {
    const started = performance.now();
    await seedSubmissions(setupUrl, DESK_SUBMISSIONS);
    console.log(
      `bench: ${DESK_SUBMISSIONS} submissions posted in ${Math.round(performance.now() - started)} ms`,
    );
    deskPlans = await database.withClient((client) => explainDeskList(client));
    console.log(['bench: plans of the desk list statements', ...planLines(deskPlans)].join('\n'));
  }
  const options = Array.from({ length: settings.options }, (_, index) => `Option ${index + 1}`);
  const scenarios = buildScenarios(
    {
      gatewayUrls: engage.baseUrls,
      gatewayOpsUrls: engage.opsUrls,
      ceilingUrl: ceiling.baseUrl,
      api,
      spreadPoll: await api.createPoll(editor, 'Which of these do you read first?', options),
      oneOptionPoll: await api.createPoll(editor, 'Where does the bench vote?', options),
      comments,
      // The admin may do all a moderator may: the desk list as the newsroom reads it.
      moderatorToken: editor,
    },
    settings,
  );
  console.log(`bench: gateway ${engage.baseUrls.join(', ')}, ceiling ${ceiling.baseUrl}; warming up`);

  // Every 201 counts for the check against the vote rows, including those of a run that used up its
  // readers and was run again.
  const accepted = new Map<Scenario, number>();
  const runOnce = async (scenario: Scenario, durationS: number, label: string): Promise<RunFigures> => {
    let result: LoadResult;
    let before: CpuReading;
    for (let attempt = 1; ; attempt++) {
      const job = await scenario.prepare(durationS);
      before = await cpu.sample();
      const connections = scenario.connections ?? settings.connections;
      result = await load.run({ ...job, connections, durationMs: durationS * 1000 });
      scenario.record(result);
      accepted.set(scenario, (accepted.get(scenario) ?? 0) + (result.statuses['201'] ?? 0));
      if (!result.readersExhausted || attempt === MAX_ATTEMPTS) break;
      console.log(`${label.padEnd(9)} (${scenario.key}) used up its readers; again with more`);
      await sleep(settings.pauseMs);
    }
    // A service that died makes every later figure meaningless: stop here and say why.
    const gone = [...engage.children, ceiling.child].find((child) => !child.running);
    if (gone) throw new Error(`${gone.name} ended (${gone.ended}) during the run:\n${gone.lastLines()}`);
    const figures = runFigures(result, CpuMeter.perRequest(before, await cpu.sample(), result.requests));
    console.log(
      `${label.padEnd(9)} (${scenario.key}) ${Math.round(figures.throughput).toString().padStart(6)} req/s  ` +
        `p50 ${figures.p50Ms.toFixed(2)} ms  p99 ${figures.p99Ms.toFixed(2)} ms  errors ${figures.errors}`,
    );
    await sleep(settings.pauseMs);
    return figures;
  };

  const warmups = new Map<Scenario, RunFigures>();
  for (const scenario of scenarios)
    warmups.set(scenario, await runOnce(scenario, settings.warmupS, 'warm-up'));
  const runs = new Map<Scenario, RunFigures[]>(scenarios.map((scenario) => [scenario, []]));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const scenario of scenarios) {
      runs.get(scenario)!.push(await runOnce(scenario, settings.durationS, `round ${round}`));
    }
  }

  let uploads: UploadFigures | undefined;
  if (runsScenario(UPLOAD_SCENARIO)) {
    const photo = benchPhoto(UPLOAD_BYTES);
    const pid = (name: string): number => engage.children.find((child) => child.name === name)!.process.pid!;
    const uploadRun = () =>
      runConcurrentUploads({
        baseUrl: setupUrl,
        moderatorToken: editor,
        photo,
        count: UPLOADS,
        pids: { gateway: pid('gateway'), reporter: pid('reporter') },
      });
    // An untimed pass first, as every scenario has: what a process sets up once (its connection pool
    // grown to the uploads, the upload path compiled) is not memory an upload holds.
    console.log(`warm-up   ${uploadLine(await uploadRun())}`);
    uploads = await uploadRun();
    console.log(uploadLine(uploads));
  }

  const counts: VoteCountsCheck[] = [];
  for (const scenario of scenarios) {
    if (!scenario.votesOn) continue;
    const poll = scenario.votesOn;
    counts.push(
      await database.withClient((client) =>
        checkVoteCounts(client, poll.id, poll.optionIds, accepted.get(scenario) ?? 0),
      ),
    );
  }

  const commentCounts: CommentCountsCheck[] = [];
  for (const scenario of scenarios) {
    const articleId = scenario.commentsOn;
    if (!articleId) continue;
    commentCounts.push(
      await database.withClient((client) =>
        checkCommentCounts(client, articleId, accepted.get(scenario) ?? 0),
      ),
    );
  }

  const figures = scenarios.map((scenario) =>
    scenarioFigures(scenario.key, scenario.title, warmups.get(scenario)!, runs.get(scenario)!),
  );
  const report: BenchReport = {
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, platform: `${process.platform}-${process.arch}` },
    settings,
    natsPrivate: nats.private,
    scenarios: figures,
    targets: checkTargets(figures, counts, commentCounts, uploads),
    counts,
    commentCounts,
    commentPlans,
    ...(uploads ? { uploads } : {}),
    ...(deskPlans ? { deskPlans } : {}),
  };
  printReport(report);
  const directory = join(REPO_ROOT, 'bench', 'results');
  writeReport(report, directory);
  console.log(`\nbench: figures written to ${join(directory, 'latest.json')} and latest.md`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`bench: ${signal}, stopping everything it started`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main(settingsOrExit())
  .catch((error: unknown) => {
    // Once a signal started the clean-up, the run's own failure is only its echo.
    if (cleaning) return;
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
