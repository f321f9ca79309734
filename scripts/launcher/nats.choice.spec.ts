import {
  chooseNats,
  findOnPath,
  natsEndpoint,
  natsServerArgs,
  NatsUnavailableError,
  type NatsDeps,
} from './nats.choice';

function fakeDeps(answers: boolean, binary?: string): NatsDeps & { starts: string[][] } {
  const starts: string[][] = [];
  return {
    starts,
    answers: async () => answers,
    findBinary: () => binary,
    startServer: async (bin, args) => {
      starts.push([bin, ...args]);
    },
  };
}

describe('natsEndpoint', () => {
  it('reads host and port of the first server, defaulting the port', () => {
    expect(natsEndpoint('nats://127.0.0.1:4399')).toEqual({ host: '127.0.0.1', port: 4399, local: true });
    expect(natsEndpoint('nats://user:pw@nats.internal,nats://other:4223')).toEqual({
      host: 'nats.internal',
      port: 4222,
      local: false,
    });
    expect(natsEndpoint('localhost:5222')).toEqual({ host: 'localhost', port: 5222, local: true });
  });
});

describe('chooseNats', () => {
  it('uses the server that answers', async () => {
    const deps = fakeDeps(true, '/usr/sbin/nats-server');
    expect(await chooseNats({}, '/data/nats', deps, () => {})).toEqual({
      url: 'nats://127.0.0.1:4222',
      started: false,
    });
    expect(deps.starts).toEqual([]);
  });

  it('starts nats-server with JetStream on the port of NATS_URL when nothing answers, and says so', async () => {
    const deps = fakeDeps(false, '/usr/sbin/nats-server');
    const lines: string[] = [];
    const chosen = await chooseNats({ NATS_URL: 'nats://127.0.0.1:4399' }, '/data/nats', deps, (l) =>
      lines.push(l),
    );
    expect(chosen).toEqual({ url: 'nats://127.0.0.1:4399', started: true });
    expect(deps.starts).toEqual([
      ['/usr/sbin/nats-server', '-a', '127.0.0.1', '-p', '4399', '-js', '-sd', '/data/nats'],
    ]);
    expect(lines.join('\n')).toMatch(/started nats-server with JetStream on port 4399/);
  });

  it('stops with how to get NATS when there is no binary', async () => {
    const attempt = chooseNats({}, '/data/nats', fakeDeps(false), () => {});
    await expect(attempt).rejects.toThrow(NatsUnavailableError);
    await expect(attempt).rejects.toThrow(/apt-get install nats-server[\s\S]*NATS_URL/);
  });

  it('does not start a local server for a NATS on another host', async () => {
    const deps = fakeDeps(false, '/usr/sbin/nats-server');
    await expect(chooseNats({ NATS_URL: 'nats://nats.internal:4222' }, '/d', deps, () => {})).rejects.toThrow(
      /not on this machine/,
    );
    expect(deps.starts).toEqual([]);
  });
});

describe('nats-server helpers', () => {
  it('binds a started server to loopback with its store in the given folder', () => {
    expect(natsServerArgs(4222, '/x/.data/nats')).toEqual([
      '-a',
      '127.0.0.1',
      '-p',
      '4222',
      '-js',
      '-sd',
      '/x/.data/nats',
    ]);
  });

  it('finds the first executable of that name on the PATH', () => {
    const present = new Set(['/usr/sbin/nats-server', '/opt/bin/nats-server']);
    expect(findOnPath('nats-server', '/usr/bin:/usr/sbin:/opt/bin', (f) => present.has(f))).toBe(
      '/usr/sbin/nats-server',
    );
    expect(findOnPath('nats-server', '/usr/bin', (f) => present.has(f))).toBeUndefined();
    expect(findOnPath('nats-server', undefined, () => true)).toBeUndefined();
  });
});
