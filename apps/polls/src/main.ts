import { runServiceMain } from '@app/messaging';
import { loadConfig } from '@app/runtime';
import { PollsEnv } from './polls.config';
import { PollsModule } from './polls.module';

void runServiceMain('polls', () => loadConfig(PollsEnv), PollsModule.register);
