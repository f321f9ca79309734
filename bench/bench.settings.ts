/** What one run measures and for how long; each value from `--name=value`, then BENCH_NAME, then the default. */
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
}

const DEFAULTS: BenchSettings = {
  durationS: 5,
  warmupS: 2,
  rounds: 3,
  connections: 32,
  options: 4,
  pauseMs: 500,
  only: [],
  profile: [],
};

export function readBenchSettings(argv: string[], env: NodeJS.ProcessEnv): BenchSettings {
  const args = new Map(
    argv
      .filter((arg) => arg.startsWith('--') && arg.includes('='))
      .map((arg) => [arg.slice(2, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] as const),
  );
  const raw = (name: string, envName: string): string | undefined => args.get(name) ?? env[envName];
  const number = (name: string, envName: string, fallback: number, min: number): number => {
    const text = raw(name, envName);
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min) {
      throw new Error(`--${name} / ${envName} must be a number of at least ${min}, got "${text}"`);
    }
    return value;
  };
  const list = (name: string, envName: string): string[] =>
    (raw(name, envName) ?? '')
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item.length > 0);
  return {
    durationS: number('duration', 'BENCH_DURATION_S', DEFAULTS.durationS, 0.5),
    warmupS: number('warmup', 'BENCH_WARMUP_S', DEFAULTS.warmupS, 0.5),
    rounds: Math.floor(number('rounds', 'BENCH_ROUNDS', DEFAULTS.rounds, 1)),
    connections: Math.floor(number('connections', 'BENCH_CONNECTIONS', DEFAULTS.connections, 1)),
    options: Math.floor(number('options', 'BENCH_OPTIONS', DEFAULTS.options, 2)),
    pauseMs: number('pause-ms', 'BENCH_PAUSE_MS', DEFAULTS.pauseMs, 0),
    only: list('only', 'BENCH_ONLY'),
    profile: list('profile', 'BENCH_PROFILE'),
  };
}
