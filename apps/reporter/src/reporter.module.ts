import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/persistence';
import {
  EventsModule,
  EventsModuleOptions,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  ServiceMessagingModule,
} from '@app/messaging';
import { ReporterEnv } from './reporter.config';

export const REPORTER_SCHEMA = 'reporter';

/**
 * The reporter service. Its features arrive with their own work; today it starts, migrates its schema
 * (the outbox, inbox and dead letters every service carries), answers health and relays its outbox.
 */
@Module({})
export class ReporterModule {
  static register(
    config: ReporterEnv,
    databaseUrl: string,
    events?: Partial<EventsModuleOptions>,
  ): DynamicModule {
    return {
      module: ReporterModule,
      imports: [
        DatabaseModule.forService({
          schema: REPORTER_SCHEMA,
          clientUrl: databaseUrl,
          entities: [...MESSAGING_ENTITIES],
          migrations: [...MESSAGING_MIGRATIONS],
          poolMax: config.DATABASE_POOL_MAX,
        }),
        ServiceMessagingModule.forService('reporter', config),
        EventsModule.forService('reporter', config, events),
      ],
    };
  }
}
