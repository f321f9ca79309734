import { DynamicModule, Logger, Module } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DatabaseModule } from '@app/persistence';
import {
  EventsModule,
  EventsModuleOptions,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  NatsLink,
  ServiceMessagingModule,
} from '@app/messaging';
import { AttachmentReader } from './attachments/attachment-reader';
import { ContactCipher } from './crypto/contact-cipher';
import { contactCipherFrom } from './crypto/contact-cipher.provider';
import { DeskService } from './desk/desk.service';
import { REPORTER_ENTITIES } from './entities';
import { HousekeepingJob } from './housekeeping/housekeeping.job';
import { ChunkReceiver } from './intake/chunk-receiver';
import { IntakeService } from './intake/intake.service';
import { IntakeSessions } from './intake/intake-sessions';
import { ReporterInstance } from './intake/reporter-instance';
import { StagedFiles } from './intake/staged-files';
import { REPORTER_MIGRATIONS } from './migrations';
import { SubmitterNoticeService } from './notice/submitter-notice.service';
import { ReporterController } from './reporter.controller';
import { ReporterEnv } from './reporter.config';
import { ATTACHMENT_STORAGE } from './storage/attachment-storage';
import { PostgresAttachmentStorage } from './storage/postgres-attachment-storage';
import { TrackingService } from './tracking/tracking.service';

export const REPORTER_SCHEMA = 'reporter';

/**
 * The reporter service: readers' submissions with their files (streamed in chunks, cleaned of metadata
 * on the way), tracking by code, the newsroom's desk, and retention. Contact data is encrypted at rest.
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
          entities: [...MESSAGING_ENTITIES, ...REPORTER_ENTITIES],
          migrations: [...MESSAGING_MIGRATIONS, ...REPORTER_MIGRATIONS],
          poolMax: config.DATABASE_POOL_MAX,
        }),
        ServiceMessagingModule.forService('reporter', config),
        EventsModule.forService('reporter', config, events),
      ],
      controllers: [ReporterController],
      providers: [
        { provide: ReporterEnv, useValue: config },
        {
          provide: ContactCipher,
          useFactory: () => {
            const { cipher, warning } = contactCipherFrom(config);
            if (warning) new Logger('Config').warn(warning);
            return cipher;
          },
        },
        {
          provide: ReporterInstance,
          inject: [NatsLink],
          useFactory: (nats: NatsLink) =>
            new ReporterInstance(ReporterInstance.idFrom(config.REPORTER_INSTANCE_ID), nats.namespace),
        },
        {
          provide: ATTACHMENT_STORAGE,
          inject: [EntityManager],
          useFactory: (em: EntityManager) => new PostgresAttachmentStorage(em),
        },
        IntakeSessions,
        StagedFiles,
        IntakeService,
        ChunkReceiver,
        AttachmentReader,
        TrackingService,
        DeskService,
        SubmitterNoticeService,
        HousekeepingJob,
      ],
    };
  }
}
