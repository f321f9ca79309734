import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { attachServiceTransport } from '@app/messaging';
import type { ServiceEnv } from '@app/runtime';
import type { AppFace } from './app-face';
import { ServiceProbesController } from './service-probes.controller';

@Module({})
class ServiceHostModule {
  static around(module: DynamicModule): DynamicModule {
    return { module: ServiceHostModule, imports: [module], controllers: [ServiceProbesController] };
  }
}

/**
 * A back-end service: its NATS handlers in the service's queue group, and, when HEALTH_PORT is set, a
 * small HTTP server at HOST for the orchestrator's probes.
 */
export function serviceFace<TEnv extends ServiceEnv>(): AppFace<TEnv> {
  return {
    async create(module, context) {
      const app = await NestFactory.create<NestFastifyApplication>(
        ServiceHostModule.around(module),
        new FastifyAdapter(),
        { logger: context.logger, abortOnError: false },
      );
      attachServiceTransport(app, {
        name: context.name,
        config: context.settings,
        logger: context.logger,
        metrics: context.metrics,
      });
      return app;
    },

    async open(app, context) {
      await app.startAllMicroservices();
      const port = context.settings.HEALTH_PORT;
      if (port > 0) await app.listen(port, context.env.HOST);
      else await app.init();
      return `${context.name} is answering on NATS (queue group "${context.name}")`;
    },

    async close(app) {
      await app.close();
    },
  };
}
