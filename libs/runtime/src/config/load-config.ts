import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type EnvClass<T> = new () => T;

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => {
    const constraints = Object.values(error.constraints ?? {});
    const nested = describe(error.children ?? []);
    return [...constraints.map((message) => `${error.property}: ${message}`), ...nested];
  });
}

/**
 * Reads the environment once into a typed, validated object. Unknown variables are ignored; a bad value
 * throws a ConfigError naming every offending variable, so a process stops at start instead of later.
 */
export function loadConfig<T extends object>(envClass: EnvClass<T>, env: NodeJS.ProcessEnv = process.env): T {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(envClass, present, { exposeDefaultValues: true });
  const problems = describe(
    validateSync(config, { skipMissingProperties: false, forbidUnknownValues: false }),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
