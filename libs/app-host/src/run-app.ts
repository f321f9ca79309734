import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { exportMessagingMetrics } from '@app/messaging';
import {
  findServiceDatabase,
  isEmbeddedUrl,
  isMigrateOnly,
  migrateServiceDatabase,
  startEmbeddedPostgres,
} from '@app/persistence';
import { chooseLogFormat, exitWhenParentDies, JsonLogger, MetricsRegistry, ServiceEnv } from '@app/runtime';
import {
  AppConfiguration,
  AppContext,
  AppDefinition,
  HttpAppDefinition,
  ServiceAppDefinition,
  serviceConfig,
} from './app.definition';
import type { AppFace } from './faces/app-face';
import { httpFace } from './faces/http.face';
import { serviceFace } from './faces/service.face';
import { ProcessLifecycle } from './lifecycle/process-lifecycle';
import { waitForDatabase } from './database/wait-for-database';
import { waitForNats } from './nats/wait-for-nats';
import { OpsRoute } from './ops/ops-route';
import { OpsServer } from './ops/ops.server';

const CONTEXT = 'Host';

/** `main.ts` of the gateway. */
export function runHttpApp<TSettings>(definition: HttpAppDefinition<TSettings>): Promise<void> {
  return runApp(definition, httpFace(definition));
}

/** `main.ts` of a back-end service. */
export function runService<TEnv extends ServiceEnv>(definition: ServiceAppDefinition<TEnv>): Promise<void> {
  return runApp({ ...definition, readConfig: () => serviceConfig(definition.env) }, serviceFace<TEnv>());
}

/**
 * The one way every app starts: read and validate the configuration (a bad value stops the process
 * with a message naming it), listen for SIGTERM/SIGINT and for the end of the `npm start` launcher that
 * started it, open the embedded database when asked, wait for the database, apply the migrations and
 * exit under `--migrate-only`, wait for NATS, build the Nest app, open its ports and the operators'
 * port. A stop at any point closes what is open and exits within SHUTDOWN_TIMEOUT_MS. (A signal that
 * comes while Node still loads the modules ends the process at once, as Node does by default: a
 * listener installed earlier would only be called once loading is over.)
 */
async function runApp<TSettings>(
  definition: AppDefinition<TSettings>,
  face: AppFace<TSettings>,
): Promise<void> {
  const { name } = definition;
  let configuration: AppConfiguration<TSettings>;
  try {
    configuration = definition.readConfig();
  } catch (error) {
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  const { env, settings } = configuration;
  const logger = new JsonLogger(name, env.LOG_LEVEL, {
    format: chooseLogFormat(env.LOG_FORMAT, process.stdout.isTTY === true),
  });
  const lifecycle = new ProcessLifecycle(logger, { timeoutMs: env.SHUTDOWN_TIMEOUT_MS }).install();
  exitWhenParentDies(env.ENGAGE_PARENT_PID, {
    onParentGone: () => void lifecycle.stop(0, 'the launcher that started it is gone: stopping'),
  });
  configuration.warnings?.forEach((warning) => logger.warn(warning, 'Config'));
  try {
    const metrics = new MetricsRegistry(name);
    const context: AppContext<TSettings> = { name, env, settings, logger, metrics };
    const databaseUrl = await openDatabase(env.DATABASE_URL, lifecycle);
    const module = definition.module(settings, { databaseUrl, metrics });

    lifecycle.at('waiting for the database');
    await waitForDatabase(databaseUrl, {
      onWaiting: (server, reason) =>
        logger.warn(`waiting for the database at ${server} (${reason}); a stop ends the wait`, CONTEXT),
    });

    if (isMigrateOnly()) {
      lifecycle.at('applying migrations');
      const database = findServiceDatabase(module);
      if (!database) throw new Error(`${name} has no database to migrate`);
      const applied = await migrateServiceDatabase(database);
      logger.log(
        applied.length > 0 ? `applied ${applied.join(', ')}` : `schema "${database.schema}" is up to date`,
        'Migrations',
      );
      return await lifecycle.stop(0);
    }

    lifecycle.at('waiting for NATS');
    await waitForNats(env.NATS_URL, name, {
      onWaiting: (servers, reason) =>
        logger.warn(`waiting for NATS at ${servers} (${reason}); a stop ends the wait`, CONTEXT),
    });

    lifecycle.at('applying migrations and starting the modules');
    const app = await face.create(module, context);
    exportMessagingMetrics(app, metrics);
    lifecycle.opened('the app', () => face.close(app, context));
    if (lifecycle.isStopping) return;

    lifecycle.at('opening its ports');
    const ready = await face.open(app, context);
    await openOpsPort(app, definition, context, lifecycle);
    lifecycle.started();
    logger.log(ready, CONTEXT);
  } catch (error) {
    await lifecycle.fail(error);
  }
}

async function openDatabase(url: string, lifecycle: ProcessLifecycle): Promise<string> {
  if (!isEmbeddedUrl(url)) return url;
  lifecycle.at('opening the embedded database');
  const embedded = await startEmbeddedPostgres(url);
  lifecycle.opened('the embedded database', () => embedded.stop());
  return embedded.url;
}

async function openOpsPort<TSettings>(
  app: INestApplication,
  definition: AppDefinition<TSettings>,
  context: AppContext<TSettings>,
  lifecycle: ProcessLifecycle,
): Promise<void> {
  const { env, metrics, logger } = context;
  if (env.METRICS_PORT === 0) return;
  const routes: OpsRoute[] = [
    {
      path: '/metrics',
      answer: async () => ({ status: 200, contentType: metrics.contentType, body: await metrics.text() }),
    },
    ...(definition.opsRoutes?.(app) ?? []),
  ];
  const server = await OpsServer.open(env.METRICS_PORT, env.HOST, routes, logger);
  lifecycle.opened('the metrics port', () => server.close());
  logger.log(`metrics on http://localhost:${server.port}/metrics`, CONTEXT);
}
