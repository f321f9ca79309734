import { join } from 'node:path';
import { PARENT_PID_VARIABLE } from '@app/runtime';
import type { AdminLogin } from './demo-admin';

/** Services first and the gateway last: its readiness waits for them anyway, but its log reads better. */
export const SERVICE_APPS = ['polls', 'comments', 'reporter', 'notifications'] as const;
export const GATEWAY_APP = 'gateway';
export const ALL_APPS = [...SERVICE_APPS, GATEWAY_APP] as const;
export type AppName = (typeof ALL_APPS)[number];
type ServiceName = (typeof SERVICE_APPS)[number];

export const DEFAULT_GATEWAY_PORT = 3000;
/**
 * Every other port is PORT plus an offset, so a second suite on the same machine needs only another
 * PORT: services answer health probes on PORT+1..PORT+4 and metrics on PORT+11..PORT+14 (in the order
 * of SERVICE_APPS), the gateway its metrics on PORT+10.
 */
export const HEALTH_PORT_OFFSET = 1;
export const METRICS_PORT_OFFSET = 10;

export interface AppPorts {
  /** The gateway's HTTP port. */
  http?: number;
  /** A service's /health/live and /health/ready. */
  health?: number;
  metrics: number;
}

export interface AppPlan {
  name: AppName;
  main: string;
  env: NodeJS.ProcessEnv;
  ports: AppPorts;
  /** Where the launcher asks whether this app is ready. */
  readyUrl: string;
}

export interface LaunchContext {
  databaseUrl: string;
  natsUrl: string;
  /** Each app watches this pid and ends itself once the launcher is gone, even killed with SIGKILL. */
  launcherPid: number;
  /** The admin the gateway creates at start, when the launcher chose one (demo mode). */
  admin?: AdminLogin;
  /**
   * Whether the launcher writes to a terminal. Its apps write into its pipes, so they cannot tell for
   * themselves: they are told to print readable lines (LOG_FORMAT=pretty) unless LOG_FORMAT is set.
   */
  terminal?: boolean;
  /** Secrets kept beside the demo data (see demo-secrets.ts), given to every app. */
  demoSecrets?: Record<string, string>;
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

/** Every app's ports: <NAME>_HEALTH_PORT and <NAME>_METRICS_PORT when set, PORT plus an offset otherwise. */
export function portsOf(env: NodeJS.ProcessEnv): Record<AppName, AppPorts> {
  const base = gatewayPort(env);
  const derived = (variable: string, offset: number): number => {
    const fallback = base + offset;
    if (fallback > 65535 && !env[variable]) {
      throw new Error(`PORT ${base} leaves no room for ${variable} (PORT+${offset}); choose a lower PORT`);
    }
    return portFrom(env, variable, fallback);
  };
  const service = (name: ServiceName, index: number): AppPorts => ({
    health: derived(`${name.toUpperCase()}_HEALTH_PORT`, HEALTH_PORT_OFFSET + index),
    metrics: derived(`${name.toUpperCase()}_METRICS_PORT`, METRICS_PORT_OFFSET + HEALTH_PORT_OFFSET + index),
  });
  const ports = Object.fromEntries(SERVICE_APPS.map((name, index) => [name, service(name, index)])) as Record<
    AppName,
    AppPorts
  >;
  ports.gateway = { http: base, metrics: derived('GATEWAY_METRICS_PORT', METRICS_PORT_OFFSET) };
  const taken = ALL_APPS.flatMap((name) => [
    ports[name].http,
    ports[name].health,
    ports[name].metrics,
  ]).filter((port): port is number => port !== undefined);
  const clash = taken.find((port, index) => taken.indexOf(port) !== index);
  if (clash !== undefined) {
    throw new Error(
      `port ${clash} is given twice; set distinct PORT, <NAME>_HEALTH_PORT and <NAME>_METRICS_PORT values`,
    );
  }
  return ports;
}

/** One line for the log: what listens where. */
export function describePorts(plan: AppPlan): string {
  const { http, health, metrics } = plan.ports;
  return [http && `http ${http}`, health && `health ${health}`, `metrics ${metrics}`]
    .filter(Boolean)
    .join(', ');
}

/** What each app is started with: the launcher's environment plus where to find the shared infrastructure. */
export function planApps(env: NodeJS.ProcessEnv, context: LaunchContext, root: string): AppPlan[] {
  // A port meant for one app must not reach every app through the launcher's own environment.
  const { HEALTH_PORT: _health, METRICS_PORT: _metrics, ...inherited } = env;
  const shared: NodeJS.ProcessEnv = {
    ...inherited,
    DATABASE_URL: context.databaseUrl,
    NATS_URL: context.natsUrl,
    DEMO: env.DEMO ?? 'true',
    ...context.demoSecrets,
    [PARENT_PID_VARIABLE]: String(context.launcherPid),
    ...(env.LOG_FORMAT === undefined && context.terminal ? { LOG_FORMAT: 'pretty' } : {}),
  };
  const ports = portsOf(env);
  const services = SERVICE_APPS.map((name): AppPlan => ({
    name,
    main: mainOf(root, name),
    env: { ...shared, HEALTH_PORT: String(ports[name].health), METRICS_PORT: String(ports[name].metrics) },
    ports: ports[name],
    readyUrl: `http://127.0.0.1:${ports[name].health}/health/ready`,
  }));
  const admin =
    context.admin?.password !== undefined
      ? { ADMIN_EMAIL: context.admin.email, ADMIN_PASSWORD: context.admin.password }
      : {};
  const gateway: AppPlan = {
    name: GATEWAY_APP,
    main: mainOf(root, GATEWAY_APP),
    env: {
      ...shared,
      ...admin,
      PORT: String(ports.gateway.http),
      METRICS_PORT: String(ports.gateway.metrics),
    },
    ports: ports.gateway,
    readyUrl: `http://127.0.0.1:${ports.gateway.http}/health/ready`,
  };
  return selectApps([...services, gateway], env.APPS);
}

/**
 * What the launcher waits for before it says the suite is ready. The gateway's /health/ready answers
 * 200 only when every service answers, so with some services left out (APPS) it would never do; then
 * each service's own readiness and the gateway's liveness are what "ready" can mean.
 */
export function readinessTargets(plans: AppPlan[]): { name: AppName; url: string }[] {
  const gateway = plans.find((plan) => plan.name === GATEWAY_APP);
  const services = plans.filter((plan) => plan.name !== GATEWAY_APP);
  if (gateway && services.length === SERVICE_APPS.length)
    return [{ name: gateway.name, url: gateway.readyUrl }];
  const targets = services.map((plan) => ({ name: plan.name, url: plan.readyUrl }));
  if (gateway)
    targets.push({ name: gateway.name, url: `http://127.0.0.1:${gateway.ports.http}/health/live` });
  return targets;
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
