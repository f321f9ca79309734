import { IsOptional } from 'class-validator';
import { ConfigError, loadConfig } from './load-config';
import { IsNotPlaceholder, IsStrongSecret } from './strong-secret.decorator';

class SecretsEnv {
  @IsOptional()
  @IsStrongSecret()
  SIGNING_SECRET?: string;

  @IsOptional()
  @IsNotPlaceholder()
  SOME_PASSWORD?: string;
}

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(SecretsEnv, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('@IsStrongSecret', () => {
  it('refuses a placeholder with a message that names the variable and not the value', () => {
    const value = 'change-me-at-least-32-characters-long';
    const problems = problemsOf({ SIGNING_SECRET: value });
    expect(problems).toEqual([
      'SIGNING_SECRET: SIGNING_SECRET is still a placeholder (it contains "change-me"); ' +
        'generate one with `openssl rand -base64 32`',
    ]);
    expect(problems.join('\n')).not.toContain(value);
  });

  it('refuses a long run of one character without quoting it', () => {
    const value = `Zx9!Qw2@Lp5#Rt7$${'k'.repeat(20)}Mn3%Yb8&`;
    const problems = problemsOf({ SIGNING_SECRET: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SIGNING_SECRET: .*in a row/);
    expect(problems[0]).not.toContain('kkkk');
  });

  it('accepts a random secret', () => {
    expect(problemsOf({ SIGNING_SECRET: 'Vq0wI1nq3e8Yd0b0mZ8Xo5oJc7qk3N0lP2gQe4yF8tA=' })).toEqual([]);
  });
});

describe('@IsNotPlaceholder', () => {
  it('refuses a password left as the placeholder and accepts a chosen one', () => {
    expect(problemsOf({ SOME_PASSWORD: 'change-me' })).toEqual([
      'SOME_PASSWORD: SOME_PASSWORD is still a placeholder (it contains "change-me")',
    ]);
    expect(problemsOf({ SOME_PASSWORD: 'a long passphrase of my own' })).toEqual([]);
  });
});
