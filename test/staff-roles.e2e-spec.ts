import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';

/** An admin changes what a colleague may do, without removing and re-creating the account. */
describe("changing a staff member's roles", () => {
  let suite: Suite;
  let http: HttpClient;
  let adminToken: string;

  beforeAll(async () => {
    suite = await Suite.start({ services: [] });
    http = new HttpClient(suite.baseUrl);
    adminToken = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
  });
  afterAll(() => suite?.stop());

  const patch = (id: string, body: unknown, token = adminToken) =>
    http.call(`/api/v1/admin/staff/${id}`, { method: 'PATCH', body, token });

  it('gives a moderator the editor role: their next call may do what an editor does', async () => {
    const email = `promoted-${Date.now()}@suite.test`;
    const created = await http.post(
      '/api/v1/admin/staff',
      { email, password: 'a-long-enough-password', roles: ['moderator'] },
      { token: adminToken },
    );
    expect(created.status).toBe(201);
    const token = await http.login(email, 'a-long-enough-password');
    expect((await http.post('/api/v1/polls', {}, { token })).status).toBe(403);

    const changed = await patch(created.body.id, { roles: ['editor'] });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ id: created.body.id, email, roles: ['editor'], locale: 'ru' });
    expect((await http.get('/api/v1/auth/me', { token })).body.roles).toEqual(['editor']);
    // Past the role check now: the empty poll is refused for its fields, not for the role.
    expect((await http.post('/api/v1/polls', {}, { token })).status).toBe(400);
    const listed = await http.get('/api/v1/admin/staff', { token: adminToken });
    expect(listed.body.items.find((item: { id: string }) => item.id === created.body.id).roles).toEqual([
      'editor',
    ]);
  });

  it('refuses to take the admin role from the last admin, and bad roles with a 400 naming them', async () => {
    const me = (await http.get('/api/v1/auth/me', { token: adminToken })).body as { id: string };
    const demoted = await patch(me.id, { roles: ['moderator'] });
    expect(demoted.status).toBe(409);
    expect(demoted.body).toMatchObject({ code: 'last_admin_role' });
    expect((await http.get('/api/v1/auth/me', { token: adminToken })).body.roles).toEqual(['admin']);

    for (const body of [{ roles: [] }, { roles: ['owner'] }, { roles: ['admin', 'admin'] }, {}]) {
      const answer = await patch(me.id, body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(answer.body.errors.map((error: { field: string }) => error.field)).toContain('roles');
    }
    const unknown = await patch('00000000-0000-4000-8000-000000000001', { roles: ['editor'] });
    expect(unknown.status).toBe(404);
  });

  it('lets a second admin take the role from the first, and keeps it to admins', async () => {
    const email = `second-admin-${Date.now()}@suite.test`;
    const created = await http.post(
      '/api/v1/admin/staff',
      { email, password: 'a-long-enough-password', roles: ['admin'] },
      { token: adminToken },
    );
    const secondToken = await http.login(email, 'a-long-enough-password');
    expect((await patch(created.body.id, { roles: ['admin', 'editor'] }, secondToken)).status).toBe(200);
    const moderatorEmail = `moderator-${Date.now()}@suite.test`;
    await http.post(
      '/api/v1/admin/staff',
      { email: moderatorEmail, password: 'a-long-enough-password', roles: ['moderator'] },
      { token: adminToken },
    );
    const moderator = await http.login(moderatorEmail, 'a-long-enough-password');
    expect((await patch(created.body.id, { roles: ['moderator'] }, moderator)).status).toBe(403);
    // Two admins: one may now drop the role, and then the other is the last one.
    expect((await patch(created.body.id, { roles: ['editor'] }, adminToken)).status).toBe(200);
    expect((await http.get('/api/v1/admin/staff', { token: secondToken })).status).toBe(403);
  });
});
