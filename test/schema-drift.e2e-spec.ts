import type { DynamicModule } from '@nestjs/common';
import { findServiceDatabase, schemaDrift } from '@app/persistence';
import { loadConfig, MetricsRegistry } from '@app/runtime';
import { CommentsEnv } from '../apps/comments/src/comments.config';
import { CommentsModule } from '../apps/comments/src/comments.module';
import { readGatewaySettings } from '../apps/gateway/src/gateway.settings';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { NotificationsEnv } from '../apps/notifications/src/notifications.config';
import { NotificationsModule } from '../apps/notifications/src/notifications.module';
import { PollsEnv } from '../apps/polls/src/polls.config';
import { PollsModule } from '../apps/polls/src/polls.module';
import { ReporterEnv } from '../apps/reporter/src/reporter.config';
import { ReporterModule } from '../apps/reporter/src/reporter.module';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** Each app's database as its module hands it to DatabaseModule: schema, entities, migrations. */
const apps: [string, (databaseUrl: string) => DynamicModule][] = [
  [
    'gateway',
    (url) =>
      GatewayModule.register(readGatewaySettings({ DEMO: 'true' }), url, new MetricsRegistry('gateway')),
  ],
  ['polls', (url) => PollsModule.register(loadConfig(PollsEnv, {}), url)],
  ['comments', (url) => CommentsModule.register(loadConfig(CommentsEnv, {}), url)],
  ['reporter', (url) => ReporterModule.register(loadConfig(ReporterEnv, {}), url)],
  ['notifications', (url) => NotificationsModule.register(loadConfig(NotificationsEnv, {}), url)],
];

describe('entities and migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('drift');
  });
  afterAll(() => database?.drop());

  it.each(apps)(
    'describe the same %s schema: its migrations leave nothing for the entities to change',
    async (_name, moduleFor) => {
      const options = findServiceDatabase(moduleFor(database.url));
      expect(options).toBeDefined();
      expect(await schemaDrift(options!)).toBe('');
    },
  );
});
