import { DynamicModule, Injectable, Module, OnModuleInit, Logger } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import { buildOrmOptions, ServiceDatabaseOptions } from './orm-options';
import { applyMigrations } from './migrations.runner';
import { DatabaseHealth } from './database.health';
import { SERVICE_DATABASE_OPTIONS } from './migrate-only';

@Injectable()
class MigrateOnStart implements OnModuleInit {
  private readonly logger = new Logger('Migrations');
  constructor(private readonly orm: MikroORM) {}

  async onModuleInit(): Promise<void> {
    const applied = await applyMigrations(this.orm);
    if (applied.length > 0) this.logger.log(`applied ${applied.join(', ')}`);
  }
}

/** A service's own schema through MikroORM, migrated to the latest version before anything is served. */
@Module({})
export class DatabaseModule {
  static forService(options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        MikroOrmModule.forRoot({
          ...buildOrmOptions(options),
          registerRequestContext: false,
        }),
      ],
      providers: [MigrateOnStart, DatabaseHealth, { provide: SERVICE_DATABASE_OPTIONS, useValue: options }],
      exports: [DatabaseHealth],
    };
  }
}
