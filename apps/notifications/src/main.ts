import { runServiceMain } from '@app/messaging';
import { loadConfig } from '@app/runtime';
import { NotificationsEnv } from './notifications.config';
import { NotificationsModule } from './notifications.module';

void runServiceMain('notifications', () => loadConfig(NotificationsEnv), NotificationsModule.register);
