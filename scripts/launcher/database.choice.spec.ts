import { chooseDatabase, DEFAULT_DATABASE_URL, type DatabaseDeps } from './database.choice';

const EMBEDDED_AT = 'postgres://postgres@127.0.0.1:54321/postgres';

function fakeDeps(
  answers: boolean,
  creation: 'created' | 'existed' | Error = 'existed',
): DatabaseDeps & { started: string[]; ensured: string[]; stopped: () => number } {
  const started: string[] = [];
  const ensured: string[] = [];
  let stops = 0;
  return {
    started,
    ensured,
    stopped: () => stops,
    answers: jest.fn(async () => answers),
    startEmbedded: jest.fn(async (url: string) => {
      started.push(url);
      return { url: EMBEDDED_AT, stop: async () => void (stops += 1) };
    }),
    ensureDatabase: jest.fn(async (url: string) => {
      ensured.push(url);
      if (creation instanceof Error) throw creation;
      return creation;
    }),
  };
}

describe('chooseDatabase', () => {
  it('uses DATABASE_URL as it is when it names a server', async () => {
    const deps = fakeDeps(false);
    const chosen = await chooseDatabase(
      { DATABASE_URL: 'postgres://db/engage' },
      '.data/postgres',
      deps,
      () => {},
    );
    expect(chosen.url).toBe('postgres://db/engage');
    expect(deps.answers).not.toHaveBeenCalled();
    expect(deps.started).toEqual([]);
  });

  it('starts one embedded PostgreSQL for an embedded: URL and hands out its postgres URL', async () => {
    const deps = fakeDeps(true);
    const chosen = await chooseDatabase(
      { DATABASE_URL: 'embedded:memory' },
      '.data/postgres',
      deps,
      () => {},
    );
    expect(deps.started).toEqual(['embedded:memory']);
    expect(chosen.url).toBe(EMBEDDED_AT);
  });

  it('refuses a pglite: URL, saying to use embedded:', async () => {
    const deps = fakeDeps(true);
    await expect(
      chooseDatabase({ DATABASE_URL: 'pglite:memory' }, '.data/postgres', deps, () => {}),
    ).rejects.toThrow(/use embedded:memory/);
    expect(deps.started).toEqual([]);
  });

  it('uses the local PostgreSQL when it answers', async () => {
    const deps = fakeDeps(true);
    const chosen = await chooseDatabase({}, '.data/postgres', deps, () => {});
    expect(chosen.url).toBe(DEFAULT_DATABASE_URL);
    expect(deps.started).toEqual([]);
  });

  it('starts an embedded PostgreSQL in the data folder when nothing answers, and says so in one line', async () => {
    const deps = fakeDeps(false);
    const lines: string[] = [];
    await chooseDatabase({}, '.data/postgres', deps, (line) => lines.push(line));
    expect(deps.started).toEqual(['embedded:.data/postgres']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no PostgreSQL answers.*embedded one runs at postgres:.*\.data\/postgres/);
  });

  it('creates the database the URL names once, before any app starts, and says so', async () => {
    const deps = fakeDeps(false, 'created');
    const lines: string[] = [];
    await chooseDatabase({ DATABASE_URL: 'postgres://db/engage' }, '.data/postgres', deps, (line) =>
      lines.push(line),
    );
    expect(deps.ensured).toEqual(['postgres://db/engage']);
    expect(lines).toContain('database: created engage');
  });

  it('says nothing more when the database is already there', async () => {
    const deps = fakeDeps(true, 'existed');
    const lines: string[] = [];
    await chooseDatabase({}, '.data/postgres', deps, (line) => lines.push(line));
    expect(deps.ensured).toEqual([DEFAULT_DATABASE_URL]);
    expect(lines).toHaveLength(1);
  });

  it('stops, naming the server without its password, when the database cannot be created or reached', async () => {
    const deps = fakeDeps(false, new Error('permission denied to create database'));
    await expect(
      chooseDatabase({ DATABASE_URL: 'postgres://u:secret@db/engage' }, '.data/postgres', deps, () => {}),
    ).rejects.toThrow(/postgres:\/\/u:\*\*\*@db\/engage cannot be used: permission denied/);
  });

  it('stops the embedded server it started when its database cannot be used', async () => {
    const deps = fakeDeps(false, new Error('boom'));
    await expect(chooseDatabase({}, '.data/postgres', deps, () => {})).rejects.toThrow(/boom/);
    expect(deps.stopped()).toBe(1);
  });
});
