import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { createStaff } from './browser/support/console';

/** The roster a moderator picks a colleague from when assigning a submission. */
describe('the staff roster', () => {
  let suite: Suite;
  let http: HttpClient;
  let adminToken: string;

  beforeAll(async () => {
    suite = await Suite.start({ services: [] });
    http = new HttpClient(suite.baseUrl);
    adminToken = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
  });
  afterAll(() => suite?.stop());

  it('lists every colleague by id and email to a moderator, and nothing more', async () => {
    const moderator = await createStaff(http, adminToken, ['moderator']);
    const editor = await createStaff(http, adminToken, ['editor']);
    const token = await http.login(moderator.email, moderator.password);

    const roster = await http.get<{ items: { id: string; email: string }[] }>('/api/v1/staff', { token });
    expect(roster.status).toBe(200);
    const emails = roster.body.items.map((item) => item.email);
    expect(emails).toEqual(expect.arrayContaining([SUITE_ADMIN.email, moderator.email, editor.email]));
    expect(emails).toEqual([...emails].sort((a, b) => a.localeCompare(b)));
    for (const item of roster.body.items) expect(Object.keys(item).sort()).toEqual(['email', 'id']);
    expect(roster.text).not.toMatch(/password|roles/i);

    const me = await http.get<{ id: string }>('/api/v1/auth/me', { token });
    expect(roster.body.items).toContainEqual({ id: me.body.id, email: moderator.email });
  });

  it('is refused without a staff token, and to a reader', async () => {
    const anonymous = await http.get('/api/v1/staff');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    const reader = await http.get('/api/v1/staff', { readerToken: await http.readerToken() });
    expect(reader.status).toBe(401);
  });
});
