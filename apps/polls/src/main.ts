import { runService } from '@app/host';
import { PollsEnv } from './polls.config';
import { PollsModule } from './polls.module';

void runService({
  name: 'polls',
  env: PollsEnv,
  module: (config, { databaseUrl }) => PollsModule.register(config, databaseUrl),
});
