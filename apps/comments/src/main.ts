import { runServiceMain } from '@app/messaging';
import { loadConfig } from '@app/runtime';
import { CommentsEnv } from './comments.config';
import { CommentsModule } from './comments.module';

void runServiceMain('comments', () => loadConfig(CommentsEnv), CommentsModule.register);
