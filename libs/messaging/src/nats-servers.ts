/**
 * Turns NATS_URL into client options. nats.js ignores credentials written in a server URL, so
 * `nats://polls:secret@nats:4222` is split into servers without them plus user and pass (a URL
 * with only a user part, `nats://s3cr3t@nats:4222`, is a token). Several servers may be listed,
 * comma-separated; the credentials of the first one that has any apply to all.
 */
export interface NatsServerOptions {
  servers: string[];
  user?: string;
  pass?: string;
  token?: string;
}

export function natsServers(natsUrl: string): NatsServerOptions {
  const options: NatsServerOptions = { servers: [] };
  for (const raw of natsUrl
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean)) {
    const withScheme = raw.includes('://') ? raw : `nats://${raw}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      options.servers.push(raw);
      continue;
    }
    if (url.username && options.user === undefined && options.token === undefined) {
      const name = decodeURIComponent(url.username);
      if (url.password) {
        options.user = name;
        options.pass = decodeURIComponent(url.password);
      } else {
        options.token = name;
      }
    }
    options.servers.push(url.username ? `${url.protocol}//${url.host}` : raw);
  }
  return options;
}
