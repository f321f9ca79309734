import type { AppVariable } from './app-config';
import { ConfigRow, readersOf, statedDefault, writtenDefault } from './readme-config-table';

export interface ConfigFacts {
  /** Every variable the apps' config classes read. */
  appVariables: Map<string, AppVariable[]>;
  apps: string[];
  /** Variables only the launcher scripts read, with the script a row names in "Used by". */
  launcherVariables: Map<string, string>;
}

/** Every way README's configuration table and the code disagree, one sentence each. */
export function compareConfigTable(rows: ConfigRow[], facts: ConfigFacts): string[] {
  const problems: string[] = [];
  const rowOf = new Map<string, ConfigRow>();
  for (const row of rows) {
    if (row.variables.length === 0) problems.push(`README line ${row.line}: a row that names no variable`);
    for (const name of row.variables) {
      if (rowOf.has(name))
        problems.push(`${name}: two rows (README lines ${rowOf.get(name)!.line}, ${row.line})`);
      rowOf.set(name, row);
    }
  }

  for (const [name, readers] of facts.appVariables) {
    const row = rowOf.get(name);
    const defaults = [...new Set(readers.map((reader) => writtenDefault(reader.defaultValue) ?? 'none'))];
    const apps = readers.map((reader) => reader.app).sort();
    if (!row) {
      problems.push(
        `${name}: missing from README (read by ${apps.join(', ')}, default ${defaults.join(' / ')})`,
      );
      continue;
    }
    if (defaults.length > 1) {
      const each = readers.map((reader) => `${reader.app} ${writtenDefault(reader.defaultValue) ?? 'none'}`);
      problems.push(`${name}: the apps disagree on the default (${each.join(', ')})`);
    } else if ((statedDefault(row.defaultCell) ?? 'none') !== defaults[0]) {
      problems.push(`${name}: README says the default is ${row.defaultCell}, the code ${defaults[0]}`);
    }
    const stated = readersOf(row.usedBy, facts.apps).filter((reader) => facts.apps.includes(reader));
    if (stated.join(', ') !== apps.join(', ')) {
      problems.push(
        `${name}: README says it is used by ${row.usedBy}, the code reads it in ${apps.join(', ')}`,
      );
    }
  }

  for (const [name, script] of facts.launcherVariables) {
    const row = rowOf.get(name);
    if (!row) problems.push(`${name}: missing from README (read by ${script})`);
    else if (!readersOf(row.usedBy, facts.apps).includes(script))
      problems.push(`${name}: README says it is used by ${row.usedBy}, but ${script} reads it`);
  }

  for (const [name, row] of rowOf) {
    if (!facts.appVariables.has(name) && !facts.launcherVariables.has(name))
      problems.push(
        `${name}: README line ${row.line} documents it, but no config class or launcher script reads it`,
      );
  }
  return problems;
}
