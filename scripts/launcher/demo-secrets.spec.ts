import { keptDemoSecrets, type SecretFile } from './demo-secrets';

function memory(
  initial?: Record<string, string>,
): SecretFile & { writes: number; content?: Record<string, string> } {
  const box: SecretFile & { writes: number; content?: Record<string, string> } = {
    writes: 0,
    content: initial && { ...initial },
    read: () => (box.content ? { ...box.content } : undefined),
    write: (_file, secrets) => {
      box.writes += 1;
      box.content = { ...secrets };
    },
  };
  return box;
}

describe('keptDemoSecrets', () => {
  const file = '/data/demo-secrets.json';

  it('makes the data-protecting secrets up once in demo mode and gives the same ones at every start', () => {
    const store = memory();
    const first = keptDemoSecrets({}, file, store);
    expect(Object.keys(first).sort()).toEqual(['REPORTER_CONTACT_KEYS', 'UNSUBSCRIBE_SECRET']);
    expect(first.REPORTER_CONTACT_KEYS).toMatch(/^demo1:[A-Za-z0-9+/]{43}=$/);
    expect(keptDemoSecrets({ DEMO: 'true' }, file, store)).toEqual(first);
    expect(store.writes).toBe(1);
  });

  it("leaves an operator's own value alone and makes nothing up outside demo mode", () => {
    const store = memory();
    expect(keptDemoSecrets({ UNSUBSCRIBE_SECRET: 'mine' }, file, store)).toEqual({
      REPORTER_CONTACT_KEYS: expect.any(String),
    });
    expect(keptDemoSecrets({ DEMO: 'false' }, file, memory())).toEqual({});
  });

  it('replaces an unreadable or empty entry instead of starting with it', () => {
    const store = memory({ REPORTER_CONTACT_KEYS: '', UNSUBSCRIBE_SECRET: 'kept' });
    const secrets = keptDemoSecrets({}, file, store);
    expect(secrets.UNSUBSCRIBE_SECRET).toBe('kept');
    expect(secrets.REPORTER_CONTACT_KEYS).toMatch(/^demo1:/);
  });
});
