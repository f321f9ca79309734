import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';
import { hostileCorpus } from '@test/hostile/corpus';
import { hostileBearers } from '@test/hostile/forged-tokens';
import { summaryTable, verdict } from '@test/hostile/judge';
import type { Operation, OpenApiDocument } from '@test/hostile/openapi-operations';
import { changedTables, rowCounts } from '@test/hostile/row-counts';
import { mapBounded, send } from '@test/hostile/send';

/** HOSTILE_REQUESTS=50000 for a longer run; the default keeps the file near two minutes. */
const TARGET = Number(process.env.HOSTILE_REQUESTS ?? 10_000);
const CONCURRENCY = 12;
/** The suite's NATS_REQUEST_TIMEOUT_MS plus a margin for a machine under load. */
const DEADLINE_MS = 2000 + 3000;
/** The gateway's default BODY_LIMIT_BYTES: the suite leaves it as it is. */
const BODY_LIMIT = 1024 * 1024;
const STAFF = {
  moderator: { email: 'moderator@hostile.test', password: 'moderator-password-1' },
  editor: { email: 'editor@hostile.test', password: 'editor-password-12' },
};

const UNLIMITED = {
  SUBMISSIONS_PER_ADDRESS_PER_HOUR: '1000000',
  TRACKING_FAILURES_PER_ADDRESS_PER_HOUR: '1000000',
  COMMENTS_PER_ADDRESS_PER_WINDOW: '1000000',
};

/** Tables a refused request may still change, and why. */
const TOUCHED_TABLES = new Set([
  // Every request counted against a per-address or per-reader window before it is refused.
  'gateway.rate_counter',
  // Refused logins count per email and address, so a guessing run slows down.
  'gateway.login_email_gate',
  // Submissions and failed tracking-code look-ups count per address before the form or code is read.
  'reporter.rate_counter',
]);

/** No input to break (health, issuing a reader token), so nothing hostile to derive. */
const skip = (operation: Operation) =>
  operation.path.startsWith('/health/') || operation.path === '/api/v1/reader-tokens';

/** Counts once two snapshots a moment apart agree: events of the set-up are relayed and consumed by then. */
async function settledCounts(databaseUrl: string): Promise<Record<string, number>> {
  let previous = await rowCounts(databaseUrl);
  let settled = previous;
  await waitFor(
    async () => {
      const current = await rowCounts(databaseUrl);
      const same = JSON.stringify(current) === JSON.stringify(previous);
      previous = current;
      settled = current;
      return same;
    },
    20000,
    'row counts to settle',
  );
  return settled;
}

describe('hostile input derived from the OpenAPI document', () => {
  let suite: Suite;
  let http: HttpClient;

  beforeAll(async () => {
    // Per-address limits of the services stay out of the way, so each hostile request meets its validation.
    suite = await Suite.start({ serviceEnv: UNLIMITED });
    http = new HttpClient(suite.baseUrl);
  });
  afterAll(() => suite?.stop());

  it('answers every hostile request in time and without a 5xx, refuses with problem documents, keeps every app up and changes no row', async () => {
    const admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    for (const [role, account] of Object.entries(STAFF)) {
      const created = await http.post('/api/v1/admin/staff', { ...account, roles: [role] }, { token: admin });
      expect(created.status).toBe(201);
    }
    const moderator = await http.login(STAFF.moderator.email, STAFF.moderator.password);
    const credentials = {
      staff: {
        admin,
        moderator,
        editor: await http.login(STAFF.editor.email, STAFF.editor.password),
      },
      reader: await http.readerToken(),
      hostileBearers: await hostileBearers({
        secret: suite.secrets.STAFF_JWT_SECRET,
        issuer: 'engage-gateway',
        audience: 'engage-staff',
        // A moderator's token with the roles raised to admin must not pass on the old signature.
        realToken: moderator,
      }),
    };
    const document = (await http.get<OpenApiDocument>('/api/docs-json')).body;
    const corpus = hostileCorpus(document, { credentials, bodyLimit: BODY_LIMIT, target: TARGET, skip });
    expect(corpus.length).toBeGreaterThanOrEqual(TARGET);
    const before = await settledCounts(suite.database.url);

    const outcomes = await mapBounded(corpus, CONCURRENCY, (request) =>
      send(suite.baseUrl, request, DEADLINE_MS),
    );
    process.stdout.write(`\nhostile input, ${outcomes.length} requests\n${summaryTable(outcomes)}\n`);

    const broken = outcomes
      .map((outcome) => ({ outcome, why: verdict(outcome, DEADLINE_MS) }))
      .filter(({ why }) => why !== null)
      .map(
        ({ outcome, why }) =>
          `${outcome.request.operation} [${outcome.request.kind}] ${outcome.request.path.slice(0, 120)}: ${why}`,
      );
    if (broken.length > 0) process.stdout.write(`\n${broken.length} broken answers:\n${broken.join('\n')}\n`);
    expect(broken.slice(0, 40)).toEqual([]);

    for (const app of [...suite.gateways, ...[...suite.services.values()].flat()])
      expect(app.running).toBe(true);
    const ready = await http.get<{ services: Record<string, boolean> }>('/health/ready');
    expect(ready.status).toBe(200);
    expect(Object.values(ready.body.services).every(Boolean)).toBe(true);
    expect(changedTables(before, await settledCounts(suite.database.url), TOUCHED_TABLES)).toEqual({});
    const unexpected = suite.allJsonLines().filter((line) => /unexpected error/i.test(String(line.msg)));
    expect(unexpected.slice(0, 5)).toEqual([]);
  });
});
