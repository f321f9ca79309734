import type { HttpAppDefinition } from '@app/host';
import { NatsRpcClient } from '@app/messaging';
import { readGatewaySettings, type GatewaySettings } from './gateway.settings';
import { GatewayModule } from './gateway.module';
import { serviceEchoRoute } from './health/service-echo.route';
import { configureHttp, createHttpAdapter } from './http/http-server';
import { serveOpenApi } from './http/openapi';

/** The gateway as the host starts it: its settings, its module, its HTTP set-up and its ports. */
export const gatewayApp: HttpAppDefinition<GatewaySettings> = {
  name: 'gateway',
  readConfig: () => {
    const settings = readGatewaySettings();
    return { env: settings.env, settings, warnings: settings.warnings };
  },
  module: (settings, { databaseUrl, metrics }) => GatewayModule.register(settings, databaseUrl, metrics),
  port: (settings) => settings.env.PORT,
  adapter: (settings) => createHttpAdapter(settings.env),
  configure: async (app, { settings, logger, metrics }) => {
    await configureHttp(app, settings.env, logger, metrics);
    serveOpenApi(app);
  },
  opsRoutes: (app) => [serviceEchoRoute(app.get(NatsRpcClient))],
};
