import { ROUTE_TABLES } from '../apps/gateway/web/console/api/routes';
import { HttpClient } from '@test/support/http-client';
import { Suite } from '@test/support/suite';

/**
 * The console calls the public API only, and only what it offers: every route in the console's tables
 * is an operation of the gateway's OpenAPI document, with the same method and path template.
 */
describe("the console's API routes", () => {
  let suite: Suite;
  let document: { paths: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    suite = await Suite.start({ services: [] });
    const answer = await new HttpClient(suite.baseUrl).get('/api/docs-json');
    expect(answer.status).toBe(200);
    document = answer.body;
  });

  afterAll(async () => {
    await suite?.stop();
  });

  const routes = Object.entries(ROUTE_TABLES).flatMap(([area, table]) =>
    Object.entries(table as Record<string, { method: string; path: string }>).map(([name, route]) => ({
      label: `${area}.${name}: ${route.method} ${route.path}`,
      route,
    })),
  );

  it.each(routes)('finds $label in the OpenAPI document', ({ route }) => {
    const operations = document.paths[route.path];
    expect(operations ? Object.keys(operations) : []).toContain(route.method.toLowerCase());
  });
});
