import { PollView } from '@app/contracts';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';

/**
 * Two deployments on one NATS (staging beside production, a test run beside a developer's `npm start`)
 * with the same service names: without namespaces they would share queue groups and answer each
 * other's requests from the wrong database.
 */
describe('two suites side by side on one NATS', () => {
  const suites: Suite[] = [];

  async function startSuite(prefix: string): Promise<{ suite: Suite; http: HttpClient; editor: string }> {
    const namespace = { NATS_PREFIX: prefix };
    const suite = await Suite.start({ services: ['polls'], gatewayEnv: namespace, serviceEnv: namespace });
    suites.push(suite);
    const http = new HttpClient(suite.baseUrl);
    const admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    await http.post(
      '/api/v1/admin/staff',
      { email: 'editor@ns.test', password: 'editor-password-123', roles: ['editor'] },
      { token: admin },
    );
    return { suite, http, editor: await http.login('editor@ns.test', 'editor-password-123') };
  }

  afterAll(async () => {
    await Promise.all(suites.map((suite) => suite.stop()));
  });

  it('answers each suite only from its own services', async () => {
    const staging = await startSuite(`staging${process.pid}`);
    const production = await startSuite(`production${process.pid}`);
    const created = await production.http.post<PollView>(
      '/api/v1/polls',
      { question: 'Чей это опрос?', options: ['Продакшн', 'Стейджинг'] },
      { token: production.editor },
    );
    expect(created.status).toBe(201);
    // Editors' reads always go to the polls service: each one is a request on NATS.
    const reads = await Promise.all(
      Array.from({ length: 20 }, () =>
        production.http.get<PollView>(`/api/v1/polls/${created.body.id}`, { token: production.editor }),
      ),
    );
    expect(reads.map((read) => read.status)).toEqual(reads.map(() => 200));
    expect(
      (await staging.http.get(`/api/v1/polls/${created.body.id}`, { token: staging.editor })).status,
    ).toBe(404);

    // With staging's polls gone, its gateway gets no answer from production's copy: a 503.
    await staging.suite.service('polls').stop();
    const orphaned = await staging.http.get(`/api/v1/polls/${created.body.id}`, { token: staging.editor });
    expect(orphaned.status).toBe(503);
    expect((await production.http.get(`/api/v1/polls/${created.body.id}`)).status).toBe(200);
  });
});
