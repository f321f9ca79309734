import 'reflect-metadata';
import { DynamicModule, INestApplication, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NatsConnection, Subscription } from 'nats';
import pino from 'pino';
import { JsonLogger, ServiceEnv } from '@app/runtime';
import {
  findServiceDatabase,
  isEmbeddedUrl,
  isMigrateOnly,
  migrateServiceDatabase,
  startEmbeddedPostgres,
} from '@app/persistence';
import { natsServerOptions } from './rpc/nats-server.options';
import { RpcErrorFilter } from './rpc/rpc-error.filter';
import { serviceValidationPipe } from './rpc/service-validation.pipe';
import { InFlightTracker } from './rpc/in-flight.tracker';
import { TrackedNatsServer } from './rpc/tracked-nats.server';
import { ServiceDrain } from './service-drain';

export interface ServiceHostOptions {
  name: string;
  config: ServiceEnv;
  module: DynamicModule;
}

export interface RunningService {
  app: INestApplication;
  close(): Promise<void>;
}

/**
 * Starts one back-end service: its NATS handlers in the service's queue group, and, when HEALTH_PORT is
 * set, a small HTTP server for the orchestrator's probes. On SIGTERM/SIGINT it stops taking requests,
 * lets those in flight answer (up to SHUTDOWN_GRACE_MS), then closes NATS and the database.
 */
export async function startService(options: ServiceHostOptions): Promise<RunningService> {
  const { name, config } = options;
  const logger = new JsonLogger(name, config.LOG_LEVEL);
  const app = await NestFactory.create<NestFastifyApplication>(options.module, new FastifyAdapter(), {
    logger,
    abortOnError: false,
  });
  const inFlight = app.get(InFlightTracker);
  const server = new TrackedNatsServer(natsServerOptions(name, config.NATS_URL).options, inFlight, logger);
  const microservice: INestMicroservice = app.connectMicroservice(
    { strategy: server },
    {
      inheritAppConfig: false,
      // Deferred so the filters, interceptors and pipes below apply to the NATS handlers.
      deferInitialization: true,
    },
  );
  microservice.useGlobalFilters(new RpcErrorFilter(logger));
  microservice.useGlobalPipes(serviceValidationPipe());

  app.enableShutdownHooks();
  await app.startAllMicroservices();
  if (config.HEALTH_PORT > 0) await app.listen(config.HEALTH_PORT, '0.0.0.0');
  else await app.init();
  logger.log(`${name} is answering on NATS (queue group "${name}")`, 'ServiceHost');

  const stopTakingRequests = async (): Promise<void> => {
    const nc = safeUnwrap(server);
    // Drain the subscriptions first: the server stops routing this copy new requests (the queue group
    // sends them to the other copies) and the ones already received are still dispatched.
    const protocol = (nc as unknown as { protocol?: { subscriptions?: { all(): Subscription[] } } })
      ?.protocol;
    await Promise.all(
      (protocol?.subscriptions?.all() ?? []).map((subscription) =>
        subscription.drain().catch(() => undefined),
      ),
    );
    const idle = await inFlight.idle(config.SHUTDOWN_GRACE_MS);
    if (!idle) logger.warn(`${inFlight.count} requests still running after the grace period`, 'ServiceHost');
  };
  app.get(ServiceDrain).register(stopTakingRequests);
  return {
    app,
    close: async () => {
      await app.close();
      logger.flush();
    },
  };
}

function safeUnwrap(server: { unwrap<T>(): T } | undefined): NatsConnection | undefined {
  try {
    return server?.unwrap<NatsConnection>();
  } catch {
    return undefined;
  }
}

/**
 * The whole `main` of a back-end service: read and validate the configuration (a bad value stops the
 * process with a message naming it), open an embedded database when asked, start the service.
 */
export async function runServiceMain<TEnv extends ServiceEnv>(
  name: string,
  readConfig: () => TEnv,
  buildModule: (config: TEnv, databaseUrl: string) => DynamicModule,
): Promise<RunningService | undefined> {
  let config: TEnv;
  try {
    config = readConfig();
  } catch (error) {
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return undefined;
  }
  let databaseUrl = config.DATABASE_URL;
  const embedded = isEmbeddedUrl(databaseUrl) ? await startEmbeddedPostgres(databaseUrl) : undefined;
  if (embedded) {
    databaseUrl = embedded.url;
    process.once('exit', () => void embedded.stop());
  }
  const module = buildModule(config, databaseUrl);
  if (isMigrateOnly()) {
    await migrateOnly(name, config, module);
    await embedded?.stop();
    return undefined;
  }
  return startService({ name, config, module });
}

/** `main.js --migrate-only`: apply the service's migrations without NATS or HTTP, then exit. */
async function migrateOnly(name: string, config: ServiceEnv, module: DynamicModule): Promise<void> {
  const logger = new JsonLogger(name, config.LOG_LEVEL, pino.destination({ sync: true }));
  const database = findServiceDatabase(module);
  if (!database) {
    logger.error(`${name} has no database to migrate`, 'Migrations');
    process.exitCode = 1;
    return;
  }
  try {
    const applied = await migrateServiceDatabase(database);
    logger.log(
      applied.length > 0 ? `applied ${applied.join(', ')}` : `schema "${database.schema}" is up to date`,
      'Migrations',
    );
  } catch (error) {
    logger.error(error instanceof Error ? error : String(error), 'Migrations');
    process.exitCode = 1;
  }
}
