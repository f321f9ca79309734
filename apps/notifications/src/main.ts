import { runService } from '@app/host';
import { NotificationsEnv } from './notifications.config';
import { NotificationsModule } from './notifications.module';

void runService({
  name: 'notifications',
  env: NotificationsEnv,
  module: (config, { databaseUrl }) => NotificationsModule.register(config, databaseUrl),
});
