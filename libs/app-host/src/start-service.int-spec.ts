import { Injectable, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DatabaseModule } from '@app/persistence';
import { ServiceMessagingModule } from '@app/messaging';
import { loadConfig, ServiceEnv } from '@app/runtime';
import { createTestDatabase, TestDatabase } from '@test/support/test-database';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { startService } from './start-service';

const hooks: string[] = [];

@Injectable()
class Scheduler implements OnModuleInit, OnApplicationBootstrap {
  onModuleInit(): void {
    hooks.push('init');
  }
  onApplicationBootstrap(): void {
    hooks.push('bootstrap');
  }
}

describe('a service started by the host', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('host');
  });
  afterAll(() => database?.drop());

  it('runs its modules’ init and bootstrap hooks once, although it has two faces (NATS and probes)', async () => {
    const config = loadConfig(ServiceEnv, {
      NATS_URL: TEST_NATS_URL,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'error',
    });
    @Module({
      imports: [
        DatabaseModule.forService({
          schema: 'host_test',
          clientUrl: database.url,
          entities: [],
          migrations: [],
          poolMax: 2,
        }),
        ServiceMessagingModule.forService('polls', config),
      ],
      providers: [Scheduler],
    })
    class HostTestModule {}
    const service = await startService({ name: 'polls', config, module: { module: HostTestModule } });
    await service.close();
    expect(hooks).toEqual(['init', 'bootstrap']);
  });
});
