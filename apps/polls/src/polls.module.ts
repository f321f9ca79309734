import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/persistence';
import {
  EventsModule,
  EventsModuleOptions,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  ServiceMessagingModule,
} from '@app/messaging';
import { POLLS_MIGRATIONS } from './migrations';
import { PollsEnv } from './polls.config';
import { PollsController } from './polls.controller';
import { PollEditsRepository } from './repositories/poll-edits.repository';
import { PollReadsRepository } from './repositories/poll-reads.repository';
import { PollScheduleRepository } from './repositories/poll-schedule.repository';
import { PollsDemoRepository } from './repositories/polls-demo.repository';
import { VotesRepository } from './repositories/votes.repository';
import { PollsScheduler } from './polls.scheduler';
import { PollsService } from './polls.service';
import { PollSignals } from './poll.signals';

export const POLLS_SCHEMA = 'polls';

/** The polls service: editors' polls, readers' votes, results, and the clock-driven closes. */
@Module({})
export class PollsModule {
  /** `events` overrides the stream set-up, so a test can keep its events away from everyone else's. */
  static register(
    config: PollsEnv,
    databaseUrl: string,
    events?: Partial<EventsModuleOptions>,
  ): DynamicModule {
    return {
      module: PollsModule,
      imports: [
        DatabaseModule.forService({
          schema: POLLS_SCHEMA,
          clientUrl: databaseUrl,
          // Polls keeps no entities of its own: see repositories/sql.ts.
          entities: [...MESSAGING_ENTITIES],
          migrations: [...MESSAGING_MIGRATIONS, ...POLLS_MIGRATIONS],
          poolMax: config.DATABASE_POOL_MAX,
        }),
        ServiceMessagingModule.forService('polls', config),
        EventsModule.forService('polls', config, events),
      ],
      controllers: [PollsController],
      providers: [
        { provide: PollsEnv, useValue: config },
        PollReadsRepository,
        PollEditsRepository,
        PollScheduleRepository,
        PollsDemoRepository,
        VotesRepository,
        PollSignals,
        PollsService,
        PollsScheduler,
      ],
    };
  }
}
