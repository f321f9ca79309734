import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { CommonEnv, JsonLogger, loadConfig, MetricsRegistry, ServiceEnv } from '@app/runtime';
import type { OpsRoute } from './ops/ops-route';

/** What an app's configuration gives the host, read once and validated. */
export interface AppConfiguration<TSettings> {
  /** Where to connect and listen, how to log, how long a stop may take. */
  env: CommonEnv;
  /** The app's own settings, handed to its module. */
  settings: TSettings;
  /** Said once the logger exists (never values). */
  warnings?: string[];
}

export interface AppContext<TSettings> {
  name: string;
  env: CommonEnv;
  settings: TSettings;
  logger: JsonLogger;
  metrics: MetricsRegistry;
}

/** Everything the host needs to know about an app; its `main.ts` hands this over and nothing more. */
export interface AppDefinition<TSettings> {
  name: string;
  /** Throws a ConfigError naming every bad variable; the process then stops with that message. */
  readConfig(): AppConfiguration<TSettings>;
  /** The app's root module, given the database URL (an embedded one already opened) and the metrics. */
  module(settings: TSettings, context: { databaseUrl: string; metrics: MetricsRegistry }): DynamicModule;
  /** Routes for operators, served on METRICS_PORT beside /metrics. */
  opsRoutes?(app: INestApplication): OpsRoute[];
}

/** An app whose face is HTTP (the gateway). */
export interface HttpAppDefinition<TSettings> extends AppDefinition<TSettings> {
  port(settings: TSettings): number;
  adapter(settings: TSettings): FastifyAdapter;
  /** Hooks, filters and pipes around the routes, before the app listens. */
  configure(app: NestFastifyApplication, context: AppContext<TSettings>): Promise<void>;
}

/** A back-end service: NATS handlers, and HTTP probes on HEALTH_PORT. */
export interface ServiceAppDefinition<TEnv extends ServiceEnv> extends Omit<
  AppDefinition<TEnv>,
  'readConfig'
> {
  /** Its one configuration class: what the host and the module both read. */
  env: new () => TEnv;
}

/** A service's configuration, read from the environment into its class. */
export function serviceConfig<TEnv extends ServiceEnv>(envClass: new () => TEnv): AppConfiguration<TEnv> {
  const env = loadConfig(envClass);
  return { env, settings: env };
}
