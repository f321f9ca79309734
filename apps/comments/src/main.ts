import { runService } from '@app/host';
import { CommentsEnv } from './comments.config';
import { CommentsModule } from './comments.module';

void runService({
  name: 'comments',
  env: CommentsEnv,
  module: (config, { databaseUrl }) => CommentsModule.register(config, databaseUrl),
});
