/** One row of README's configuration table, as a reader sees it. */
export interface ConfigRow {
  variables: string[];
  defaultCell: string;
  usedBy: string;
  line: number;
}

const VARIABLE = /^(?:[A-Z][A-Z0-9_]*|<[A-Z]+>_[A-Z0-9_]+)$/;

const codeSpans = (cell: string): string[] => [...cell.matchAll(/`([^`]*)`/g)].map((match) => match[1]);

/** The rows of the first table under `## Configuration`. */
export function parseConfigTable(readme: string): ConfigRow[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.trim() === '## Configuration');
  if (start < 0) throw new Error('README has no "## Configuration" section');
  const rows: ConfigRow[] = [];
  for (let index = start + 1; index < lines.length && !lines[index].startsWith('## '); index++) {
    const line = lines[index].trim();
    if (!line.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    if (cells[0] === 'Variable' || /^-+$/.test(cells[0])) continue;
    rows.push({
      variables: codeSpans(cells[0]).filter((name) => VARIABLE.test(name)),
      defaultCell: cells[1] ?? '',
      usedBy: cells[2] ?? '',
      line: index + 1,
    });
  }
  return rows;
}

/**
 * The default a row states, in the form a config class holds it: undefined for "none" and "required
 * ...", otherwise the first code span (`0` in "`0` (off); `npm start`: 3101–3104").
 */
export function statedDefault(defaultCell: string): string | undefined {
  if (/^(none|required)\b/i.test(defaultCell)) return undefined;
  return codeSpans(defaultCell)[0] ?? defaultCell;
}

/** The class default as the table would write it. */
export function writtenDefault(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.join(',');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}

/** "all", "services", "gateway, polls" and the launcher's `npm start` / `npm run migrate`, as names. */
export function readersOf(usedBy: string, apps: string[]): string[] {
  const services = apps.filter((app) => app !== 'gateway');
  return usedBy
    .split(',')
    .map((part) => part.trim())
    .flatMap((part) => (part === 'all' ? apps : part === 'services' ? services : [part.replace(/`/g, '')]))
    .sort();
}
