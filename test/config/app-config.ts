import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';

export const REPO_ROOT = join(__dirname, '..', '..');

/** A variable as one app reads it: the app and the default its config class gives. */
export interface AppVariable {
  app: string;
  defaultValue: unknown;
}

type Constructor = new () => object;

/** Config classes are the exported classes of `apps/<app>/src/*.config.ts` that class-validator knows. */
function configClassesIn(module: Record<string, unknown>): Constructor[] {
  return Object.values(module).filter(
    (value): value is Constructor =>
      typeof value === 'function' &&
      getMetadataStorage().getTargetValidationMetadatas(value, '', true, false).length > 0,
  );
}

function variablesOf(configClass: Constructor): Map<string, unknown> {
  const instance = new configClass() as Record<string, unknown>;
  const names = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(configClass, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
  return new Map([...names].map((name) => [name, instance[name]]));
}

/** Every variable any app reads, with each app that reads it and its default there. */
export async function appVariables(): Promise<Map<string, AppVariable[]>> {
  const variables = new Map<string, AppVariable[]>();
  const appsDir = join(REPO_ROOT, 'apps');
  for (const app of readdirSync(appsDir).sort()) {
    const files = readdirSync(join(appsDir, app, 'src')).filter((file) => file.endsWith('.config.ts'));
    for (const file of files) {
      const module = (await import(join(appsDir, app, 'src', file))) as Record<string, unknown>;
      for (const configClass of configClassesIn(module)) {
        for (const [name, defaultValue] of variablesOf(configClass)) {
          const readers = variables.get(name) ?? [];
          if (!readers.some((reader) => reader.app === app)) readers.push({ app, defaultValue });
          variables.set(name, readers);
        }
      }
    }
  }
  return variables;
}

export function appNames(): string[] {
  return readdirSync(join(REPO_ROOT, 'apps')).sort();
}
