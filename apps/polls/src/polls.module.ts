import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/persistence';
import {
  EventsModule,
  EventsModuleOptions,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  ServiceMessagingModule,
} from '@app/messaging';
import { POLLS_ENTITIES } from './entities';
import { POLLS_MIGRATIONS } from './migrations';
import { PollsEnv } from './polls.config';
import { PollsController } from './polls.controller';
import { PollsRepository } from './polls.repository';
import { PollsScheduler } from './polls.scheduler';
import { PollsService } from './polls.service';
import { PollSignals } from './poll.signals';

export const POLLS_SCHEMA = 'polls';

/** The polls service: editors' polls, readers' votes, results, and the clock-driven closes. */
@Module({})
export class PollsModule {
  /** `events` overrides the stream set-up, so a test can keep its events away from everyone else's. */
  static register(config: PollsEnv, databaseUrl: string, events?: EventsModuleOptions): DynamicModule {
    return {
      module: PollsModule,
      imports: [
        DatabaseModule.forService({
          schema: POLLS_SCHEMA,
          clientUrl: databaseUrl,
          entities: [...MESSAGING_ENTITIES, ...POLLS_ENTITIES],
          migrations: [...MESSAGING_MIGRATIONS, ...POLLS_MIGRATIONS],
          poolMax: config.DATABASE_POOL_MAX,
        }),
        ServiceMessagingModule.forService('polls', config),
        EventsModule.forService(events ?? { stream: config.EVENTS_STREAM }),
      ],
      controllers: [PollsController],
      providers: [
        { provide: PollsEnv, useValue: config },
        PollsRepository,
        PollSignals,
        PollsService,
        PollsScheduler,
      ],
    };
  }
}
