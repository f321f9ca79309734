import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/persistence';
import { ServiceMessagingModule } from '@app/messaging';
import { ReporterEnv } from './reporter.config';

export const REPORTER_SCHEMA = 'reporter';

/** The reporter service. Its features arrive with their own issue; today it starts and answers health. */
@Module({})
export class ReporterModule {
  static register(config: ReporterEnv, databaseUrl: string): DynamicModule {
    return {
      module: ReporterModule,
      imports: [
        DatabaseModule.forService({
          schema: REPORTER_SCHEMA,
          clientUrl: databaseUrl,
          entities: [],
          migrations: [],
          poolMax: config.DATABASE_POOL_MAX,
        }),
        ServiceMessagingModule.forService('reporter', config),
      ],
    };
  }
}
