import { join } from 'node:path';

/** Services first and the gateway last: its readiness waits for them anyway, but its log reads better. */
export const SERVICE_APPS = ['polls', 'comments', 'reporter', 'notifications'] as const;
export const GATEWAY_APP = 'gateway';
export const ALL_APPS = [...SERVICE_APPS, GATEWAY_APP] as const;
export type AppName = (typeof ALL_APPS)[number];

export const DEFAULT_GATEWAY_PORT = 3000;
export const FIRST_SERVICE_HEALTH_PORT = 3101;

export interface AppPlan {
  name: AppName;
  main: string;
  env: NodeJS.ProcessEnv;
  /** Where the launcher asks whether this app is ready. */
  readyUrl: string;
}

export interface Infrastructure {
  databaseUrl: string;
  natsUrl: string;
}

export function mainOf(root: string, name: string): string {
  return join(root, 'dist', 'apps', name, 'src', 'main.js');
}

function portFrom(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a port number (1-65535), got "${raw}"`);
  }
  return port;
}

export function gatewayPort(env: NodeJS.ProcessEnv): number {
  return portFrom(env, 'PORT', DEFAULT_GATEWAY_PORT);
}

/** A service's health port: <NAME>_HEALTH_PORT, or 3101, 3102, ... in the order of SERVICE_APPS. */
export function serviceHealthPort(env: NodeJS.ProcessEnv, name: (typeof SERVICE_APPS)[number]): number {
  return portFrom(
    env,
    `${name.toUpperCase()}_HEALTH_PORT`,
    FIRST_SERVICE_HEALTH_PORT + SERVICE_APPS.indexOf(name),
  );
}

/** What each app is started with: the launcher's environment plus where to find the shared infrastructure. */
export function planApps(env: NodeJS.ProcessEnv, infra: Infrastructure, root: string): AppPlan[] {
  const shared: NodeJS.ProcessEnv = {
    ...env,
    DATABASE_URL: infra.databaseUrl,
    NATS_URL: infra.natsUrl,
    DEMO: env.DEMO ?? 'true',
  };
  const services = SERVICE_APPS.map((name): AppPlan => {
    const port = serviceHealthPort(env, name);
    return {
      name,
      main: mainOf(root, name),
      env: { ...shared, HEALTH_PORT: String(port) },
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
    };
  });
  const port = gatewayPort(env);
  const { HEALTH_PORT: _unused, ...gatewayEnv } = shared;
  const gateway: AppPlan = {
    name: GATEWAY_APP,
    main: mainOf(root, GATEWAY_APP),
    env: { ...gatewayEnv, PORT: String(port) },
    readyUrl: `http://127.0.0.1:${port}/health/ready`,
  };
  const ports = services.map((service) => service.env.HEALTH_PORT);
  const clash = ports.find((p, index) => ports.indexOf(p) !== index || p === String(port));
  if (clash)
    throw new Error(`port ${clash} is given to two apps; set distinct PORT and <NAME>_HEALTH_PORT values`);
  return selectApps([...services, gateway], env.APPS);
}

/** APPS=polls,gateway runs only those (say, while another app is being worked on); all by default. */
export function selectApps(plans: AppPlan[], wanted: string | undefined): AppPlan[] {
  const names = (wanted ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (names.length === 0) return plans;
  const unknown = names.filter((name) => !plans.some((plan) => plan.name === name));
  if (unknown.length > 0)
    throw new Error(`APPS names unknown apps: ${unknown.join(', ')} (known: ${ALL_APPS.join(', ')})`);
  return plans.filter((plan) => names.includes(plan.name));
}
