import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HttpAppDefinition } from '../app.definition';
import type { AppFace } from './app-face';

/** The gateway's kind of app: Nest on Fastify, listening on PORT at HOST. */
export function httpFace<TSettings>(definition: HttpAppDefinition<TSettings>): AppFace<TSettings> {
  return {
    async create(module, context) {
      const app = await NestFactory.create<NestFastifyApplication>(
        module,
        definition.adapter(context.settings),
        {
          logger: context.logger,
          abortOnError: false,
          bodyParser: false,
        },
      );
      await definition.configure(app, context);
      return app;
    },

    async open(app, context) {
      await app.listen(definition.port(context.settings), context.env.HOST);
      const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
      return `${context.name} listening on http://localhost:${port}/`;
    },

    async close(app, context) {
      const server = app.getHttpServer() as Server;
      // Requests still running after the grace are cut, so the stop itself stays bounded.
      const cut = setTimeout(() => server.closeAllConnections(), context.env.SHUTDOWN_GRACE_MS);
      try {
        await app.close();
      } finally {
        clearTimeout(cut);
      }
    },
  };
}
