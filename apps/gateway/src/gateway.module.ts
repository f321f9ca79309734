import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/persistence';
import { MESSAGING_ENTITIES } from '@app/messaging';
import { MetricsRegistry } from '@app/runtime';
import type { GatewaySettings } from './gateway.settings';
import { StaffAccount } from './identity/entities/staff-account.entity';
import { GATEWAY_MIGRATIONS } from './migrations';
import { IdentityModule } from './identity/identity.module';
import { HttpEdgeModule } from './http/http-edge.module';
import { ServiceClientsModule } from './services/service-clients.module';
import { HealthController } from './health/health.controller';
import { PollsGatewayModule } from './polls/polls-gateway.module';
import { CommentsGatewayModule } from './comments/comments-gateway.module';
import { SubmissionsGatewayModule } from './submissions/submissions-gateway.module';
import { PagesModule } from './pages/pages.module';
import { NotificationsGatewayModule } from './notifications/notifications-gateway.module';
import { DeadLettersAdminModule } from './admin/dead-letters-admin.module';
import { NotificationChannelsGatewayModule } from './notification-channels/notification-channels-gateway.module';
import { GatewayOutboxModule } from './events/gateway-outbox.module';

export const GATEWAY_SCHEMA = 'gateway';

/** The HTTP face of the suite: identity, health, and one module per service it fronts. */
@Module({})
export class GatewayModule {
  static register(settings: GatewaySettings, databaseUrl: string, metrics: MetricsRegistry): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        DatabaseModule.forService({
          schema: GATEWAY_SCHEMA,
          clientUrl: databaseUrl,
          entities: [...MESSAGING_ENTITIES, StaffAccount],
          migrations: GATEWAY_MIGRATIONS,
          poolMax: settings.env.DATABASE_POOL_MAX,
        }),
        ServiceClientsModule.register(settings.env, metrics),
        GatewayOutboxModule.register({
          name: settings.env.EVENTS_STREAM,
          replicas: settings.env.EVENTS_STREAM_REPLICAS,
        }),
        IdentityModule.register(settings),
        HttpEdgeModule.register(settings.env),
        PollsGatewayModule.register(settings.env),
        CommentsGatewayModule.register(settings.env),
        SubmissionsGatewayModule.register(settings.env),
        NotificationsGatewayModule.register(settings.env),
        PagesModule.register({ demo: settings.env.DEMO }),
        DeadLettersAdminModule,
        NotificationChannelsGatewayModule,
      ],
      controllers: [HealthController],
    };
  }
}
