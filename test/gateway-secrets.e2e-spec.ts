import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess, REPO_ROOT } from '@test/support/app-process';
import { waitFor } from '@test/support/wait-for';

/** Values as deploy/.env.example ships them: what an operator who forgot to edit it would run with. */
function envExample(): Record<string, string> {
  const lines = readFileSync(join(REPO_ROOT, 'deploy', '.env.example'), 'utf8').split('\n');
  return Object.fromEntries(
    lines
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]),
  );
}

describe('gateway secrets at start', () => {
  // Nothing listens there: a gateway that got past its configuration would hang instead of exiting.
  const nowhere = {
    NATS_URL: 'nats://127.0.0.1:5998',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5999/postgres',
  };

  it('stops, naming each secret and quoting none, when deploy/.env.example is used unedited', async () => {
    const example = envExample();
    const gateway = new AppProcess('gateway', {
      ...nowhere,
      PORT: '0',
      DEMO: example.DEMO,
      READER_TOKEN_SECRET: example.READER_TOKEN_SECRET,
      STAFF_JWT_SECRET: example.STAFF_JWT_SECRET,
      HASH_SECRET: example.HASH_SECRET,
      ADMIN_EMAIL: example.ADMIN_EMAIL,
      ADMIN_PASSWORD: example.ADMIN_PASSWORD,
    }).start();
    await waitFor(() => !gateway.running, 20000, 'the gateway to stop');
    expect(await gateway.stop()).not.toBe(0);

    const output = gateway.lines.join('\n');
    for (const name of ['READER_TOKEN_SECRET', 'STAFF_JWT_SECRET', 'HASH_SECRET', 'ADMIN_PASSWORD']) {
      expect(output).toMatch(new RegExp(`${name} is still a placeholder`));
    }
    expect(output).not.toContain(example.READER_TOKEN_SECRET);
    expect(output).not.toContain(example.ADMIN_PASSWORD);
  });

  it('stops outside demo mode when a secret is missing, as the container image runs by default', async () => {
    const gateway = new AppProcess('gateway', { ...nowhere, PORT: '0', DEMO: 'false' }).start();
    await waitFor(() => !gateway.running, 20000, 'the gateway to stop');
    expect(await gateway.stop()).not.toBe(0);
    expect(gateway.lines.join('\n')).toContain('HASH_SECRET: must be set when DEMO=false');
  });
});
