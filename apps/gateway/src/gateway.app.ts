import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  findServiceDatabase,
  isEmbeddedUrl,
  migrateServiceDatabase,
  startEmbeddedPostgres,
} from '@app/persistence';
import { JsonLogger, MetricsRegistry } from '@app/runtime';
import type { GatewaySettings } from './gateway.settings';
import { GatewayModule } from './gateway.module';
import { configureHttp, createHttpAdapter } from './http/http-server';
import { serveOpenApi } from './http/openapi';

export interface RunningGateway {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/** Builds and starts the gateway; `main.ts` and the suite tests both start it this way. */
export async function startGateway(settings: GatewaySettings): Promise<RunningGateway> {
  const { env } = settings;
  const logger = new JsonLogger('gateway', env.LOG_LEVEL);
  settings.warnings.forEach((warning) => logger.warn(warning, 'Config'));
  let databaseUrl = env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (isEmbeddedUrl(databaseUrl)) {
    const embedded = await startEmbeddedPostgres(databaseUrl);
    databaseUrl = embedded.url;
    stopEmbedded = () => embedded.stop();
  }
  const metrics = new MetricsRegistry('gateway');
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register(settings, databaseUrl, metrics),
    createHttpAdapter(env),
    { logger, abortOnError: false, bodyParser: false },
  );
  await configureHttp(app, env, logger, metrics);
  serveOpenApi(app);
  app.enableShutdownHooks();
  await app.listen(env.PORT, env.HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  logger.log(`gateway listening on http://localhost:${port}/`, 'Gateway');
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await stopEmbedded?.();
      logger.flush();
    },
  };
}

/** `main.js --migrate-only`: applies the gateway schema's migrations and returns, without NATS or HTTP. */
export async function migrateGateway(settings: GatewaySettings): Promise<string[]> {
  const embedded = isEmbeddedUrl(settings.env.DATABASE_URL)
    ? await startEmbeddedPostgres(settings.env.DATABASE_URL)
    : undefined;
  try {
    const module = GatewayModule.register(
      settings,
      embedded?.url ?? settings.env.DATABASE_URL,
      new MetricsRegistry('gateway'),
    );
    const database = findServiceDatabase(module);
    if (!database) throw new Error('the gateway module has no database');
    return await migrateServiceDatabase(database);
  } finally {
    await embedded?.stop();
  }
}
