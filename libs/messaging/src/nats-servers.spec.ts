import { natsServers } from './nats-servers';

describe('natsServers', () => {
  it('leaves a URL without credentials as it is', () => {
    expect(natsServers('nats://127.0.0.1:4222')).toEqual({ servers: ['nats://127.0.0.1:4222'] });
  });

  it('moves user and password out of the URL, for every listed server', () => {
    expect(natsServers('nats://polls:s%40cret@nats-0:4222,nats://nats-1:4222')).toEqual({
      servers: ['nats://nats-0:4222', 'nats://nats-1:4222'],
      user: 'polls',
      pass: 's@cret',
    });
  });

  it('reads a lone user part as a token', () => {
    expect(natsServers('nats://t0ken@nats:4222')).toEqual({ servers: ['nats://nats:4222'], token: 't0ken' });
  });
});
