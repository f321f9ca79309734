import { randomBytes } from 'node:crypto';
import { ConfigError } from '@app/runtime';
import { readGatewaySettings } from './gateway.settings';

const strong = (): string => randomBytes(32).toString('base64');
const production = (): NodeJS.ProcessEnv => ({
  DEMO: 'false',
  READER_TOKEN_SECRET: strong(),
  STAFF_JWT_SECRET: strong(),
  HASH_SECRET: strong(),
});

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readGatewaySettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('readGatewaySettings', () => {
  it('starts outside demo mode with strong, distinct secrets and warns of nothing', () => {
    const env = production();
    const settings = readGatewaySettings(env);
    expect(settings.secrets).toEqual({
      readerToken: env.READER_TOKEN_SECRET,
      staffJwt: env.STAFF_JWT_SECRET,
      hash: env.HASH_SECRET,
    });
    expect(settings.warnings).toEqual([]);
  });

  it('refuses to start outside demo mode without each secret, naming every missing one', () => {
    const problems = problemsOf({ DEMO: 'false', HASH_SECRET: strong() });
    expect(problems).toEqual([
      'READER_TOKEN_SECRET: must be set when DEMO=false; generate one with `openssl rand -base64 32`',
      'STAFF_JWT_SECRET: must be set when DEMO=false; generate one with `openssl rand -base64 32`',
    ]);
  });

  it.each(['READER_TOKEN_SECRET', 'STAFF_JWT_SECRET', 'HASH_SECRET', 'PORTAL_JWT_SECRET'])(
    'refuses a placeholder in %s, naming the variable and never the value',
    (name) => {
      const placeholder = 'change-me-at-least-32-characters-long';
      const problems = problemsOf({ ...production(), [name]: placeholder });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${name}: ${name} is still a placeholder`));
      expect(problems[0]).not.toContain(placeholder);
    },
  );

  it('refuses a low-variety secret even in demo mode', () => {
    const problems = problemsOf({ DEMO: 'true', HASH_SECRET: 'ab'.repeat(20) });
    expect(problems).toEqual([
      expect.stringMatching(/^HASH_SECRET: HASH_SECRET uses fewer than 10 distinct/),
    ]);
  });

  it('refuses the staff key reused as the portal key, which would let the portal sign staff tokens', () => {
    const env = production();
    const problems = problemsOf({ ...env, PORTAL_JWT_SECRET: env.STAFF_JWT_SECRET });
    expect(problems).toEqual([
      'STAFF_JWT_SECRET and PORTAL_JWT_SECRET: must differ (each key serves one purpose)',
    ]);
  });

  it('generates a different secret for each process in demo mode and says so', () => {
    const first = readGatewaySettings({ DEMO: 'true' });
    const second = readGatewaySettings({ DEMO: 'true' });
    expect(first.secrets.hash).not.toEqual(second.secrets.hash);
    expect(first.secrets.readerToken).not.toEqual(first.secrets.staffJwt);
    expect(first.warnings).toEqual([
      'READER_TOKEN_SECRET is not set: using a random value for this run (demo mode only)',
      'STAFF_JWT_SECRET is not set: using a random value for this run (demo mode only)',
      'HASH_SECRET is not set: using a random value for this run (demo mode only)',
    ]);
  });

  it('refuses an admin password left as the placeholder', () => {
    const problems = problemsOf({
      ...production(),
      ADMIN_EMAIL: 'admin@example.org',
      ADMIN_PASSWORD: 'change-me-to-a-long-password',
    });
    expect(problems).toEqual([
      'ADMIN_PASSWORD: ADMIN_PASSWORD is still a placeholder (it contains "change-me")',
    ]);
  });
  it.each([
    ['COMMENT_POST_FORWARD_BATCH_MAX', '1', '100', ['0', '101']],
    ['COMMENT_POST_FORWARD_DELAY_MS', '0', '100', ['-1', '101']],
    ['POLL_VOTE_FORWARD_BATCH_MAX', '1', '100', ['0', '101']],
    ['POLL_VOTE_FORWARD_DELAY_MS', '0', '100', ['-1', '101']],
    ['COMMENTS_LIVE_INTERVAL_MS', '100', '60000', ['99', '60001']],
    ['COMMENTS_LIVE_MAX_STREAMS', '1', '1000000', ['0', '1000001']],
  ])('takes %s from %s to %s and refuses what lies past either edge', (name, lowest, highest, outside) => {
    for (const value of [lowest, highest]) {
      expect(
        readGatewaySettings({ ...production(), [name]: value }).env[name as 'COMMENTS_LIVE_INTERVAL_MS'],
      ).toBe(Number(value));
    }
    for (const value of outside) {
      expect(problemsOf({ ...production(), [name]: value })).toEqual([expect.stringContaining(name)]);
    }
  });
});
