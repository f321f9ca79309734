/** What one run measures and for how long; each value from `--name value`, then BENCH_NAME, then the default. */
export interface BenchSettings {
  /** Seconds of one timed run of one scenario. */
  durationS: number;
  /** Seconds of the untimed run of each scenario before the rounds. */
  warmupS: number;
  /** Timed runs of each scenario, interleaved a, b, c, d, e, a, b, ... */
  rounds: number;
  /** Keep-alive connections of the closed-loop client (each waits for its answer before the next request). */
  connections: number;
  /** Options of the poll that scenario (b) spreads its votes over. */
  options: number;
  /** Pause between two runs, so the signals and the outbox relay of one run settle before the next. */
  pauseMs: number;
  /** Only these scenarios (e.g. `a,e`); all by default. */
  only: string[];
  /** Apps run with --cpu-prof (`gateway`, `polls`), their profiles written to bench/results/profiles. */
  profile: string[];
  /** Copies of the gateway; the load client spreads its connections over them. */
  gateways: number;
  /** Copies of the polls service (one NATS queue group). */
  pollsCopies: number;
}

/** What the command line asks for: a run, or the usage text. */
export type BenchCommand = { kind: 'run'; settings: BenchSettings } | { kind: 'help'; text: string };

/** A command line the bench cannot run; the process exits with code 2, as command-line tools do. */
export class BenchUsageError extends Error {
  readonly exitCode = 2;
}

export const SCENARIOS: Record<string, string> = {
  a: 'echo chain (1 NATS request)',
  b: 'votes spread over options',
  c: 'votes on one option',
  d: 'poll read (gateway cache)',
  e: 'bare Fastify (ceiling)',
  f: 'first comments page, newest (10k-comment article)',
  ft: 'first comments page, top (10k-comment article)',
  g: 'comment counts of 100 articles',
  h: 'comments posted by distinct readers (post-moderation)',
  j: 'eight concurrent uploads of a 20 MB photo',
  k: 'desk list of submissions (10k submissions, 4 moderators)',
};
const PROFILED_APPS = ['gateway', 'polls', 'comments', 'reporter'];

interface OptionText {
  flag: string;
  env: string;
  meaning: string;
}
interface NumberOption extends OptionText {
  kind: 'number';
  fallback: number;
  min: number;
  integer: boolean;
}
interface ListOption extends OptionText {
  kind: 'list';
  allowed: string[];
  /** What an empty list means, for the help. */
  whenEmpty: string;
}
type BenchOption = NumberOption | ListOption;

const numberOption = (
  flag: string,
  env: string,
  meaning: string,
  limits: { fallback: number; min: number; integer: boolean },
): NumberOption => ({ kind: 'number', flag, env, meaning, ...limits });
const listOption = (
  flag: string,
  env: string,
  meaning: string,
  values: { allowed: string[]; whenEmpty: string },
): ListOption => ({ kind: 'list', flag, env, meaning, ...values });

const OPTIONS = {
  durationS: numberOption('duration', 'BENCH_DURATION_S', 'seconds of one timed run of a scenario', {
    fallback: 5,
    min: 0.5,
    integer: false,
  }),
  warmupS: numberOption('warmup', 'BENCH_WARMUP_S', 'seconds of the untimed run of each scenario first', {
    fallback: 2,
    min: 0.5,
    integer: false,
  }),
  rounds: numberOption('rounds', 'BENCH_ROUNDS', 'timed runs of each scenario, interleaved', {
    fallback: 3,
    min: 1,
    integer: true,
  }),
  connections: numberOption('connections', 'BENCH_CONNECTIONS', 'keep-alive connections of the load client', {
    fallback: 32,
    min: 1,
    integer: true,
  }),
  options: numberOption('options', 'BENCH_OPTIONS', 'options of the poll scenario b votes over', {
    fallback: 4,
    min: 2,
    integer: true,
  }),
  pauseMs: numberOption('pause-ms', 'BENCH_PAUSE_MS', 'milliseconds between two runs, to settle', {
    fallback: 500,
    min: 0,
    integer: false,
  }),
  only: listOption('only', 'BENCH_ONLY', 'only these scenarios', {
    allowed: Object.keys(SCENARIOS),
    whenEmpty: 'all',
  }),
  profile: listOption('profile', 'BENCH_PROFILE', 'apps run with --cpu-prof', {
    allowed: PROFILED_APPS,
    whenEmpty: 'none',
  }),
  gateways: numberOption(
    'gateways',
    'BENCH_GATEWAYS',
    'copies of the gateway, connections spread over them',
    {
      fallback: 1,
      min: 1,
      integer: true,
    },
  ),
  pollsCopies: numberOption('polls-copies', 'BENCH_POLLS_COPIES', 'copies of the polls service', {
    fallback: 1,
    min: 1,
    integer: true,
  }),
} satisfies Record<keyof BenchSettings, BenchOption>;
const ALL_OPTIONS: BenchOption[] = Object.values(OPTIONS);

const SHORT_RUN = 'npm run bench -- --rounds 1 --duration 2 --warmup 1';

export function benchHelp(): string {
  const defaultOf = (option: BenchOption): string =>
    option.kind === 'number' ? String(option.fallback) : option.whenEmpty;
  const rows = ALL_OPTIONS.map((option) => {
    const flag = `--${option.flag} ${option.kind === 'number' ? '<n>' : '<list>'}`;
    const values = option.kind === 'list' ? ` (${option.allowed.join(', ')})` : '';
    return `  ${flag.padEnd(22)}${option.meaning}${values}; default ${defaultOf(option)}; env ${option.env}`;
  });
  const scenarios = Object.entries(SCENARIOS).map(([key, title]) => `  ${key}  ${title}`);
  return [
    'Usage: npm run bench -- [options]      (or: node dist/bench/run.js [options])',
    '',
    'Starts its own database, NATS, gateway, polls, comments and reporter services, seeds an article with',
    '10,000 comments and 1,000 more articles and 10,000 submissions, shows the plans of the comment page',
    'and desk list queries, runs each scenario, checks the vote and comment counts and writes the figures',
    'to bench/results/latest.json and latest.md.',
    '',
    'Options (--name value or --name=value; an option beats its environment variable):',
    ...rows,
    '  -h, --help            this text',
    '',
    'Scenarios:',
    ...scenarios,
    '',
    `A short run (under a minute): ${SHORT_RUN}`,
  ].join('\n');
}

/** Splits argv into option values by flag; refuses what it does not know. */
function readArguments(argv: string[]): Map<string, string> | 'help' {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) return 'help';
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (!arg.startsWith('--')) throw new BenchUsageError(`unexpected argument "${arg}"`);
    const equals = arg.indexOf('=');
    const flag = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
    if (!ALL_OPTIONS.some((option) => option.flag === flag))
      throw new BenchUsageError(`unknown option --${flag}`);
    if (equals >= 0) {
      values.set(flag, arg.slice(equals + 1));
      continue;
    }
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new BenchUsageError(`--${flag} needs a value`);
    values.set(flag, value);
    index += 1;
  }
  return values;
}

function numberOf(option: NumberOption, text: string | undefined): number {
  if (text === undefined || text.trim() === '') return option.fallback;
  const value = Number(text);
  const kind = option.integer ? 'a whole number' : 'a number';
  if (!Number.isFinite(value) || value < option.min || (option.integer && !Number.isInteger(value))) {
    throw new BenchUsageError(
      `--${option.flag} / ${option.env} must be ${kind} of at least ${option.min}, got "${text}"`,
    );
  }
  return value;
}

function listOf(option: ListOption, text: string | undefined): string[] {
  const items = (text ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item.length > 0);
  const unknown = items.filter((item) => !option.allowed.includes(item));
  if (unknown.length > 0) {
    throw new BenchUsageError(
      `--${option.flag} / ${option.env} names unknown ${unknown.join(', ')} (known: ${option.allowed.join(', ')})`,
    );
  }
  return items;
}

export function readBenchCommand(argv: string[], env: NodeJS.ProcessEnv): BenchCommand {
  const args = readArguments(argv);
  if (args === 'help') return { kind: 'help', text: benchHelp() };
  const text = (option: BenchOption): string | undefined => args.get(option.flag) ?? env[option.env];
  const number = (option: NumberOption): number => numberOf(option, text(option));
  const list = (option: ListOption): string[] => listOf(option, text(option));
  return {
    kind: 'run',
    settings: {
      durationS: number(OPTIONS.durationS),
      warmupS: number(OPTIONS.warmupS),
      rounds: number(OPTIONS.rounds),
      connections: number(OPTIONS.connections),
      options: number(OPTIONS.options),
      pauseMs: number(OPTIONS.pauseMs),
      only: list(OPTIONS.only),
      profile: list(OPTIONS.profile),
      gateways: number(OPTIONS.gateways),
      pollsCopies: number(OPTIONS.pollsCopies),
    },
  };
}
