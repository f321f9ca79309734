import type { DynamicModule, INestApplication } from '@nestjs/common';
import { JsonLogger, MetricsRegistry, ServiceEnv } from '@app/runtime';
import { exportMessagingMetrics } from '@app/messaging';
import { serviceFace } from './faces/service.face';

export interface InProcessServiceOptions<TEnv extends ServiceEnv> {
  name: string;
  config: TEnv;
  module: DynamicModule;
}

export interface RunningService {
  app: INestApplication;
  /** The service's metrics, as its /metrics would serve them. */
  metrics: MetricsRegistry;
  close(): Promise<void>;
}

/**
 * A service inside the calling process, built and opened as `runService` does but without taking over
 * the process's signals or exit: for integration tests that call it over the real NATS.
 */
export async function startService<TEnv extends ServiceEnv>(
  options: InProcessServiceOptions<TEnv>,
): Promise<RunningService> {
  const { name, config } = options;
  const logger = new JsonLogger(name, config.LOG_LEVEL);
  const context = { name, env: config, settings: config, logger, metrics: new MetricsRegistry(name) };
  const face = serviceFace<TEnv>();
  const app = await face.create(options.module, context);
  exportMessagingMetrics(app, context.metrics);
  await face.open(app, context);
  return {
    app,
    metrics: context.metrics,
    close: async () => {
      await face.close(app, context);
      await logger.flush();
    },
  };
}
