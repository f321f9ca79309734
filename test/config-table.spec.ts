import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { appNames, appVariables, REPO_ROOT } from './config/app-config';
import { compareConfigTable, ConfigFacts } from './config/config-table.compare';
import { parseConfigTable } from './config/readme-config-table';

/**
 * What the launcher scripts read themselves (they have no config class): the variable, the script a
 * README row names for it, and the text that shows a script still reads it.
 */
const LAUNCHER_VARIABLES: { name: string; script: string; readAs: string }[] = [
  { name: 'APPS', script: 'npm start', readAs: 'env.APPS' },
  { name: '<SERVICE>_HEALTH_PORT', script: 'npm start', readAs: '_HEALTH_PORT`' },
  { name: '<APP>_METRICS_PORT', script: 'npm start', readAs: '_METRICS_PORT`' },
  { name: 'MIGRATE_TIMEOUT_MS', script: 'npm run migrate', readAs: 'MIGRATE_TIMEOUT_MS' },
];

function scriptSources(directory = join(REPO_ROOT, 'scripts')): string {
  return readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return [scriptSources(path)];
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')
        ? [readFileSync(path, 'utf8')]
        : [];
    })
    .join('\n');
}

describe("README's configuration table", () => {
  const rows = parseConfigTable(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));
  let facts: ConfigFacts;

  beforeAll(async () => {
    facts = {
      appVariables: await appVariables(),
      apps: appNames(),
      launcherVariables: new Map(LAUNCHER_VARIABLES.map(({ name, script }) => [name, script])),
    };
  });

  it('lists every variable the apps read, with their default and the apps that read it, and nothing else', () => {
    expect(compareConfigTable(rows, facts)).toEqual([]);
  });

  it("lists launcher variables that the launcher's scripts still read", () => {
    const sources = scriptSources();
    expect(LAUNCHER_VARIABLES.filter(({ readAs }) => !sources.includes(readAs))).toEqual([]);
  });

  it('finds config classes for every app and the variables every process reads', () => {
    expect(facts.apps).toEqual(['comments', 'gateway', 'notifications', 'polls', 'reporter']);
    expect(facts.appVariables.get('DATABASE_URL')?.map((reader) => reader.app)).toEqual(facts.apps);
  });
});

describe('compareConfigTable', () => {
  const table = (...lines: string[]): string =>
    [
      '## Configuration',
      '',
      '| Variable | Default | Used by | Meaning |',
      '| -------- | ------- | ------- | ------- |',
      ...lines,
      '',
      '## Next',
    ].join('\n');
  const facts: ConfigFacts = {
    apps: ['gateway', 'polls'],
    appVariables: new Map([
      ['PORT', [{ app: 'gateway', defaultValue: 3000 }]],
      [
        'LOG_LEVEL',
        [
          { app: 'gateway', defaultValue: 'info' },
          { app: 'polls', defaultValue: 'info' },
        ],
      ],
      ['CORS_ORIGINS', [{ app: 'gateway', defaultValue: [] }]],
    ]),
    launcherVariables: new Map([['APPS', 'npm start']]),
  };
  const complete = [
    '| `PORT` | `3000` | gateway | HTTP port |',
    '| `LOG_LEVEL` | `info` | all | how loudly |',
    '| `CORS_ORIGINS` | none | gateway | origins |',
    '| `APPS` | all | `npm start` | which apps |',
  ];

  it('accepts a table that matches the code', () => {
    expect(compareConfigTable(parseConfigTable(table(...complete)), facts)).toEqual([]);
  });

  it('reports a variable the table lacks, a wrong default, wrong readers and a stale row', () => {
    const rows = parseConfigTable(
      table(
        '| `PORT` | `8080` | gateway | HTTP port |',
        '| `LOG_LEVEL` | `info` | gateway | how loudly |',
        '| `APPS` | all | `npm start` | which apps |',
        '| `GONE_MS` | `5` | polls | removed long ago |',
      ),
    );
    expect(compareConfigTable(rows, facts)).toEqual([
      'PORT: README says the default is `8080`, the code 3000',
      'LOG_LEVEL: README says it is used by gateway, the code reads it in gateway, polls',
      'CORS_ORIGINS: missing from README (read by gateway, default none)',
      'GONE_MS: README line 8 documents it, but no config class or launcher script reads it',
    ]);
  });

  it('reports a launcher variable the table lacks', () => {
    expect(compareConfigTable(parseConfigTable(table(...complete.slice(0, 3))), facts)).toEqual([
      'APPS: missing from README (read by npm start)',
    ]);
  });
});
