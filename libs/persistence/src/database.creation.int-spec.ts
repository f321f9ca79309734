import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEST_POSTGRES_URL } from '@test/support/test-database';
import { ensureDatabaseExists, withDatabase } from './database.creation';

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('ensureDatabaseExists', () => {
  const names: string[] = [];
  afterAll(async () => {
    await admin(async (client) => {
      for (const name of names) await client.query(`drop database if exists ${name} with (force)`);
    });
  });

  it('creates a database that does not exist yet, once, when several callers ask at the same moment', async () => {
    const callers = 8;
    for (let round = 0; round < 5; round += 1) {
      const name = `engage_create_${randomBytes(5).toString('hex')}`;
      names.push(name);
      const url = withDatabase(TEST_POSTGRES_URL, name);
      const outcomes = await Promise.all(Array.from({ length: callers }, () => ensureDatabaseExists(url)));
      expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'existed')).toHaveLength(callers - 1);
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.end();
    }
  });

  it('leaves an existing database alone', async () => {
    const name = `engage_create_${randomBytes(5).toString('hex')}`;
    names.push(name);
    const url = withDatabase(TEST_POSTGRES_URL, name);
    expect(await ensureDatabaseExists(url)).toBe('created');
    expect(await ensureDatabaseExists(url)).toBe('existed');
  });

  it('says which database it could not create and why', async () => {
    const url = new URL(withDatabase(TEST_POSTGRES_URL, `engage_create_${randomBytes(5).toString('hex')}`));
    url.username = `nobody_${randomBytes(3).toString('hex')}`;
    await expect(ensureDatabaseExists(url.toString())).rejects.toThrow(/nobody_/);
  });
});
