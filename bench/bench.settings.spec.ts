import { BenchSettings, BenchUsageError, readBenchCommand } from './bench.settings';

const settingsOf = (argv: string[], env: NodeJS.ProcessEnv = {}): BenchSettings => {
  const command = readBenchCommand(argv, env);
  if (command.kind !== 'run') throw new Error('expected a run');
  return command.settings;
};
const usageErrorOf = (argv: string[], env: NodeJS.ProcessEnv = {}): BenchUsageError => {
  try {
    readBenchCommand(argv, env);
  } catch (error) {
    if (error instanceof BenchUsageError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
};

describe('readBenchCommand', () => {
  it('runs with the defaults when given nothing', () => {
    expect(settingsOf([])).toEqual({
      durationS: 5,
      warmupS: 2,
      rounds: 3,
      connections: 32,
      options: 4,
      pauseMs: 500,
      only: [],
      profile: [],
      gateways: 1,
      pollsCopies: 1,
    });
  });

  it('reads options as --name value and --name=value', () => {
    expect(settingsOf(['--rounds', '1', '--duration=2', '--only', 'a,E', '--profile=polls'])).toMatchObject({
      rounds: 1,
      durationS: 2,
      only: ['a', 'e'],
      profile: ['polls'],
    });
  });

  it('prefers an option to its environment variable, and the variable to the default', () => {
    const env = { BENCH_ROUNDS: '7', BENCH_CONNECTIONS: '8' };
    expect(settingsOf(['--rounds', '2'], env)).toMatchObject({ rounds: 2, connections: 8 });
  });

  it('answers --help and -h with the options, their defaults and a short run, whatever else is given', () => {
    for (const argv of [['--help'], ['-h'], ['--rounds', '1', '--help'], ['--bogus', '--help']]) {
      const command = readBenchCommand(argv, {});
      expect(command.kind).toBe('help');
      if (command.kind !== 'help') continue;
      expect(command.text).toMatch(/--rounds <n> +timed runs of each scenario.*default 3.*BENCH_ROUNDS/);
      expect(command.text).toMatch(/--duration <n> +.*default 5/);
      expect(command.text).toMatch(/--profile <list> +.*default none/);
      expect(command.text).toContain('npm run bench -- --rounds 1 --duration 2 --warmup 1');
    }
  });

  it('refuses an unknown option, naming it, with exit code 2', () => {
    const error = usageErrorOf(['--rounds', '1', '--seconds', '2']);
    expect(error.message).toBe('unknown option --seconds');
    expect(error.exitCode).toBe(2);
  });

  it('refuses an option without its value and a stray argument', () => {
    expect(usageErrorOf(['--rounds']).message).toBe('--rounds needs a value');
    expect(usageErrorOf(['--rounds', '--duration', '2']).message).toBe('--rounds needs a value');
    expect(usageErrorOf(['fast']).message).toBe('unexpected argument "fast"');
  });

  it('refuses values below their least, fractions where whole numbers count, and unknown scenarios', () => {
    expect(settingsOf(['--duration', '0.5']).durationS).toBe(0.5);
    expect(usageErrorOf(['--duration', '0.4']).message).toBe(
      '--duration / BENCH_DURATION_S must be a number of at least 0.5, got "0.4"',
    );
    expect(usageErrorOf(['--rounds', '1.5']).message).toBe(
      '--rounds / BENCH_ROUNDS must be a whole number of at least 1, got "1.5"',
    );
    expect(usageErrorOf([], { BENCH_OPTIONS: '1' }).message).toMatch(/^--options \/ BENCH_OPTIONS must be/);
    expect(settingsOf(['--gateways', '1', '--polls-copies', '2'])).toMatchObject({
      gateways: 1,
      pollsCopies: 2,
    });
    expect(usageErrorOf(['--gateways', '0']).message).toMatch(
      /^--gateways \/ BENCH_GATEWAYS must be a whole number of at least 1/,
    );
    expect(usageErrorOf([], { BENCH_POLLS_COPIES: '0' }).message).toMatch(
      /^--polls-copies \/ BENCH_POLLS_COPIES must be a whole number of at least 1/,
    );
    expect(usageErrorOf(['--only', 'a,x']).message).toBe(
      '--only / BENCH_ONLY names unknown x (known: a, b, c, d, e, f, ft, g, h, j, k)',
    );
  });
});
