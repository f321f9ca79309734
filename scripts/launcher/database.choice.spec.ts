import { chooseDatabase, DEFAULT_DATABASE_URL, type DatabaseDeps } from './database.choice';

function fakeDeps(answers: boolean): DatabaseDeps & { started: string[] } {
  const started: string[] = [];
  return {
    started,
    answers: jest.fn(async () => answers),
    startEmbedded: jest.fn(async (url: string) => {
      started.push(url);
      return { url: 'postgres://postgres@127.0.0.1:54321/postgres', stop: async () => undefined };
    }),
  };
}

describe('chooseDatabase', () => {
  it('uses DATABASE_URL as it is when it names a server', async () => {
    const deps = fakeDeps(false);
    const chosen = await chooseDatabase(
      { DATABASE_URL: 'postgres://db/engage' },
      '.data/pglite',
      deps,
      () => {},
    );
    expect(chosen.url).toBe('postgres://db/engage');
    expect(deps.answers).not.toHaveBeenCalled();
    expect(deps.started).toEqual([]);
  });

  it('opens one embedded database for a pglite: URL and hands out its postgres URL', async () => {
    const deps = fakeDeps(true);
    const chosen = await chooseDatabase({ DATABASE_URL: 'pglite:memory' }, '.data/pglite', deps, () => {});
    expect(deps.started).toEqual(['pglite:memory']);
    expect(chosen.url).toBe('postgres://postgres@127.0.0.1:54321/postgres');
  });

  it('uses the local PostgreSQL when it answers', async () => {
    const deps = fakeDeps(true);
    const chosen = await chooseDatabase({}, '.data/pglite', deps, () => {});
    expect(chosen.url).toBe(DEFAULT_DATABASE_URL);
    expect(deps.started).toEqual([]);
  });

  it('falls back to PGlite in the data folder, and says so, when nothing answers', async () => {
    const deps = fakeDeps(false);
    const lines: string[] = [];
    await chooseDatabase({}, '.data/pglite', deps, (line) => lines.push(line));
    expect(deps.started).toEqual(['pglite:.data/pglite']);
    expect(lines.join('\n')).toMatch(/no PostgreSQL answers.*embedded PGlite.*\.data\/pglite/);
  });
});
