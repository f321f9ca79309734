import { SignJWT } from 'jose';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';

const PORTAL_SECRET = 'Hq7vN2pXw9LmR4tYc8BzK3sDf6GjU1eA';
const ANY_ID = '00000000-0000-4000-8000-000000000001';
const RANK = { moderator: 1, editor: 2, admin: 3 } as const;
type Role = keyof typeof RANK;

interface StaffRoute {
  method: string;
  path: string;
  role: Role;
}

async function staffRoutes(http: HttpClient): Promise<StaffRoute[]> {
  const document = (await http.get('/api/docs-json')).body as {
    paths: Record<
      string,
      Record<string, { security?: Record<string, string[]>[]; 'x-required-role'?: Role }>
    >;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => operation.security?.some((scheme) => 'staff' in scheme))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{[^}]+\}/g, ANY_ID),
        role: operation['x-required-role'] ?? 'admin',
      })),
  );
}

describe('identity and roles', () => {
  let suite: Suite;
  let http: HttpClient;
  let adminToken: string;

  beforeAll(async () => {
    suite = await Suite.start({
      services: ['polls'],
      gatewayEnv: { PORTAL_JWT_SECRET: PORTAL_SECRET },
    });
    http = new HttpClient(suite.baseUrl);
    adminToken = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
  });
  afterAll(() => suite?.stop());

  async function staffWith(role: Role): Promise<string> {
    const email = `${role}-${Date.now()}-${Math.random().toString(36).slice(2)}@suite.test`;
    const password = `${role}-password-long-enough`;
    const created = await http.post(
      '/api/v1/admin/staff',
      { email, password, roles: [role] },
      { token: adminToken },
    );
    expect(created.status).toBe(201);
    return http.login(email, password);
  }

  it('creates the admin from ADMIN_EMAIL and ADMIN_PASSWORD and tells who is logged in', async () => {
    const me = await http.get('/api/v1/auth/me', { token: adminToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: expect.any(String),
      email: SUITE_ADMIN.email,
      roles: ['admin'],
      locale: 'ru',
    });
    expect(me.text).not.toContain('password');
  });

  it('guards every staff route: 401 without a token or with a reader token, 403 for a lower role', async () => {
    const routes = await staffRoutes(http);
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const readerToken = await http.readerToken();
    const moderator = await staffWith('moderator');
    const editor = await staffWith('editor');
    const tokens: Record<Role, string> = { moderator, editor, admin: adminToken };
    for (const route of routes) {
      const body = ['GET', 'DELETE'].includes(route.method) ? undefined : {};
      const anonymous = await http.call(route.path, { method: route.method, body });
      expect([route, anonymous.status]).toEqual([route, 401]);
      const reader = await http.call(route.path, { method: route.method, body, readerToken });
      expect([route, reader.status]).toEqual([route, 401]);
      for (const role of Object.keys(RANK) as Role[]) {
        if (RANK[role] >= RANK[route.role]) continue;
        const lower = await http.call(route.path, { method: route.method, body, token: tokens[role] });
        expect([route, role, lower.status]).toEqual([route, role, 403]);
        expect(lower.headers.get('content-type')).toMatch(/problem\+json/);
      }
    }
  });

  it('refuses a wrong password, an unknown email, an expired token and a token signed with another key', async () => {
    const wrong = await http.post('/api/v1/auth/login', {
      email: SUITE_ADMIN.email,
      password: 'not-the-password',
    });
    expect(wrong.status).toBe(401);
    const unknown = await http.post('/api/v1/auth/login', {
      email: 'nobody@suite.test',
      password: 'whatever-it-is',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);

    const me = (await http.get('/api/v1/auth/me', { token: adminToken })).body as { id: string };
    const sign = (secret: string, expiresAt: number) =>
      new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(me.id)
        .setIssuer('engage-gateway')
        .setAudience('engage-staff')
        .setIssuedAt(expiresAt - 3600)
        .setExpirationTime(expiresAt)
        .sign(new TextEncoder().encode(secret));
    const now = Math.floor(Date.now() / 1000);
    const expired = await sign(suite.secrets.STAFF_JWT_SECRET, now - 10);
    expect((await http.get('/api/v1/auth/me', { token: expired })).status).toBe(401);
    const forged = await sign('Mv8cXr3tNq6wBz1kYp9sLd4hJf7gTe2A', now + 600);
    expect((await http.get('/api/v1/admin/staff', { token: forged })).status).toBe(401);
    const valid = await sign(suite.secrets.STAFF_JWT_SECRET, now + 600);
    expect((await http.get('/api/v1/admin/staff', { token: valid })).status).toBe(200);
  });

  it('refuses a tampered reader token and a malformed Authorization header', async () => {
    const token = await http.readerToken();
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const answer = await http.post(
      `/api/v1/polls/${ANY_ID}/votes`,
      { optionIds: [ANY_ID] },
      { readerToken: tampered },
    );
    expect(answer.status).toBe(401);
    const basic = await http.get('/api/v1/auth/me', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(basic.status).toBe(401);
  });

  it('manages staff accounts: duplicate email 409, weak password 400, removal ends the account at once', async () => {
    const email = `temp-${Date.now()}@suite.test`;
    const created = await http.post(
      '/api/v1/admin/staff',
      { email, password: 'temporary-password', roles: ['moderator'] },
      { token: adminToken },
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), email, roles: ['moderator'], locale: 'ru' });
    const again = await http.post(
      '/api/v1/admin/staff',
      { email: email.toUpperCase(), password: 'temporary-password', roles: ['moderator'] },
      { token: adminToken },
    );
    expect(again.status).toBe(409);
    const weak = await http.post(
      '/api/v1/admin/staff',
      { email: `w-${email}`, password: 'short', roles: [] },
      { token: adminToken },
    );
    expect(weak.status).toBe(400);
    expect((weak.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual([
      'password',
      'roles',
    ]);

    const token = await http.login(email, 'temporary-password');
    expect((await http.get('/api/v1/auth/me', { token })).status).toBe(200);
    const listed = await http.get('/api/v1/admin/staff', { token: adminToken });
    expect(listed.body.items.map((item: { email: string }) => item.email)).toContain(email);
    expect(listed.text).not.toMatch(/password/i);
    expect(
      (await http.call(`/api/v1/admin/staff/${created.body.id}`, { method: 'DELETE', token: adminToken }))
        .status,
    ).toBe(204);
    expect((await http.get('/api/v1/auth/me', { token })).status).toBe(401);
  });

  it('keeps the last admin', async () => {
    const me = (await http.get('/api/v1/auth/me', { token: adminToken })).body as { id: string };
    const answer = await http.call(`/api/v1/admin/staff/${me.id}`, { method: 'DELETE', token: adminToken });
    expect(answer.status).toBe(409);
    expect((await http.get('/api/v1/auth/me', { token: adminToken })).status).toBe(200);
  });

  it("accepts the portal's user JWT as a reader identity and refuses one signed with another key", async () => {
    const portalToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('portal-user-42')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(PORTAL_SECRET));
    const answer = await http.post(
      `/api/v1/polls/${ANY_ID}/votes`,
      { optionIds: [ANY_ID] },
      { token: portalToken },
    );
    expect(answer.status).toBe(404);
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('portal-user-42')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('Zt5rWq8nVb2mXc7kLp4sJd9hGf3aQe6Y'));
    const refused = await http.post(
      `/api/v1/polls/${ANY_ID}/votes`,
      { optionIds: [ANY_ID] },
      { token: foreign },
    );
    expect(refused.status).toBe(401);
  });

  it('evaluates no more of 50 parallel wrong logins than the per-email-and-address limit', async () => {
    const gateway = new HttpClient(
      await suite.startGateway({
        TRUST_PROXY: '127.0.0.1',
        LOGIN_FAILURES_PER_EMAIL_PER_ADDRESS: '3',
      }),
    );
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        gateway.post(
          '/api/v1/auth/login',
          { email: 'parallel@suite.test', password: 'wrong-password' },
          { headers: { 'x-forwarded-for': '198.51.100.10' } },
        ),
      ),
    );
    // Attempts are counted before the password is checked: at most the limit is ever evaluated (an
    // attempt that a later limit refused keeps its place in the earlier one, so it may be fewer).
    const evaluated = answers.filter((answer) => answer.status === 401).length;
    expect(evaluated).toBeGreaterThanOrEqual(1);
    expect(evaluated).toBeLessThanOrEqual(3);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(50 - evaluated);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits failed logins per address and per email and address at their exact edges', async () => {
    const gateway = new HttpClient(
      await suite.startGateway({
        TRUST_PROXY: '127.0.0.1',
        LOGIN_FAILURES_PER_ADDRESS: '5',
        LOGIN_FAILURES_PER_EMAIL_PER_ADDRESS: '3',
      }),
    );
    const attempt = (address: string, email: string, password = 'wrong-password') =>
      gateway.post('/api/v1/auth/login', { email, password }, { headers: { 'x-forwarded-for': address } });
    const perAddress = [];
    for (let index = 0; index < 6; index += 1) {
      perAddress.push((await attempt('198.51.100.20', `spray-${index}@suite.test`)).status);
    }
    expect(perAddress).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await attempt('198.51.100.20', SUITE_ADMIN.email, SUITE_ADMIN.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);

    const perPair = [];
    for (let index = 0; index < 4; index += 1) {
      perPair.push((await attempt('198.51.100.21', 'pair@suite.test')).status);
    }
    expect(perPair).toEqual([401, 401, 401, 429]);
    // The same email from another address, and another email from the same address, are still heard.
    expect((await attempt('198.51.100.22', 'pair@suite.test')).status).toBe(401);
    expect((await attempt('198.51.100.21', SUITE_ADMIN.email, SUITE_ADMIN.password)).status).toBe(200);
  });

  it('slows an attacker hammering an email from other addresses without locking its owner out', async () => {
    const email = `owner-${Date.now()}@suite.test`;
    const password = 'owner-password-long-enough';
    const created = await http.post(
      '/api/v1/admin/staff',
      { email, password, roles: ['moderator'] },
      { token: adminToken },
    );
    expect(created.status).toBe(201);
    const gateway = new HttpClient(
      await suite.startGateway({
        TRUST_PROXY: '127.0.0.1',
        LOGIN_EMAIL_FAILURES_BEFORE_DELAY: '3',
        // Waits long enough that the steps below fit inside the first one on a busy machine.
        LOGIN_EMAIL_DELAY_FIRST_SECONDS: '4',
        LOGIN_EMAIL_DELAY_MAX_SECONDS: '60',
      }),
    );
    const attempt = (address: string, secret: string) =>
      gateway.post(
        '/api/v1/auth/login',
        { email, password: secret },
        { headers: { 'x-forwarded-for': address } },
      );
    const ownerAddress = '198.51.100.30';
    expect((await attempt(ownerAddress, password)).status).toBe(200);

    const attacker = (index: number) => `203.0.113.${100 + index}`;
    const guesses = [];
    for (let index = 0; index < 4; index += 1) guesses.push(await attempt(attacker(index), 'guess'));
    expect(guesses.map((answer) => answer.status)).toEqual([401, 401, 401, 429]);
    const firstWait = Number(guesses[3].headers.get('retry-after'));
    expect(firstWait).toBeGreaterThanOrEqual(1);
    expect(firstWait).toBeLessThanOrEqual(4);

    // The owner, from the address they logged in from before, is neither delayed nor locked out.
    expect((await attempt(ownerAddress, 'a typo')).status).toBe(401);
    expect((await attempt(ownerAddress, password)).status).toBe(200);
    // From an address the account never logged in from, even the right password waits its turn.
    expect((await attempt('198.51.100.31', password)).status).toBe(429);

    // Once the wait is over one more guess is heard, and the next wait is twice as long.
    let heard = guesses[3];
    await waitFor(
      async () => {
        heard = await attempt(attacker(4), 'guess');
        return heard.status !== 429;
      },
      10000,
      'the first wait to end',
    );
    expect(heard.status).toBe(401);
    const next = await attempt(attacker(5), 'guess');
    expect(next.status).toBe(429);
    // Twice the first wait, less what the answer took to arrive.
    const secondWait = Number(next.headers.get('retry-after'));
    expect(secondWait).toBeGreaterThan(4);
    expect(secondWait).toBeLessThanOrEqual(8);
    expect((await attempt(ownerAddress, password)).status).toBe(200);
  });

  it('refuses a staff token signed with the right key but without an expiry or issue time', async () => {
    const me = (await http.get('/api/v1/auth/me', { token: adminToken })).body as { id: string };
    const base = () =>
      new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(me.id)
        .setIssuer('engage-gateway')
        .setAudience('engage-staff');
    const key = new TextEncoder().encode(suite.secrets.STAFF_JWT_SECRET);
    const withoutExpiry = await base().setIssuedAt().sign(key);
    const withoutIssueTime = await base().setExpirationTime('5m').sign(key);
    const complete = await base().setIssuedAt().setExpirationTime('5m').sign(key);
    expect((await http.get('/api/v1/auth/me', { token: withoutExpiry })).status).toBe(401);
    expect((await http.get('/api/v1/auth/me', { token: withoutIssueTime })).status).toBe(401);
    expect((await http.get('/api/v1/auth/me', { token: complete })).status).toBe(200);
  });

  it('caps reader tokens per address exactly at the configured number, with addresses from a trusted proxy', async () => {
    const gateway = new HttpClient(
      await suite.startGateway({ TRUST_PROXY: '127.0.0.1', READER_TOKENS_PER_ADDRESS_PER_HOUR: '3' }),
    );
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    const statuses = [];
    for (let index = 0; index < 4; index += 1) {
      statuses.push((await gateway.post('/api/v1/reader-tokens', undefined, from('203.0.113.7'))).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await gateway.post('/api/v1/reader-tokens', undefined, from('203.0.113.8'))).status).toBe(201);
  });
});
