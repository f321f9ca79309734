import { randomUUID } from 'node:crypto';
import { HttpClient } from './support/http-client';
import { Suite, SUITE_ADMIN } from './support/suite';

/** The admins' webhook routes and the staff's Telegram routes, through the gateway to the notifications service. */
describe('notification channels through the gateway', () => {
  let suite: Suite;
  let http: HttpClient;
  let admin: string;
  let editor: string;

  beforeAll(async () => {
    // Private networks refused, as in production: every URL a test can serve is on loopback.
    suite = await Suite.start({ services: ['notifications'] });
    http = new HttpClient(suite.baseUrl);
    admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    const created = await http.post(
      '/api/v1/admin/staff',
      { email: 'editor@channels.test', password: 'editor-password-123', roles: ['editor'] },
      { token: admin },
    );
    expect(created.status).toBe(201);
    editor = await http.login('editor@channels.test', 'editor-password-123');
  });
  afterAll(() => suite?.stop());

  it('refuses a webhook URL that reaches loopback with a problem naming the url, and stores nothing', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://[::ffff:7f00:1]/',
      'http://169.254.169.254/',
    ]) {
      const answer = await http.post(
        '/api/v1/admin/webhooks',
        { url, events: ['poll.closed'] },
        { token: admin },
      );
      expect(answer.status).toBe(422);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ code: 'webhook_url_refused', errors: [{ field: 'url' }] });
    }
    const listed = await http.get('/api/v1/admin/webhooks', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ items: [] });
  });

  it('refuses bad webhook input with a 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ url: 'ftp://hooks.example.com/', events: ['poll.closed'] }, 'url'],
      [{ url: 'https://hooks.example.com/', events: [] }, 'events'],
      [{ url: 'https://hooks.example.com/', events: ['staff.account_changed'] }, 'events'],
      [{ url: 'https://hooks.example.com/', events: ['poll.closed'], secret: 'plain' }, 'secret'],
      [{ url: 'https://hooks.example.com/', events: ['poll.closed'], extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const answer = await http.post('/api/v1/admin/webhooks', body, { token: admin });
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(answer.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  });

  it('keeps webhooks to admins', async () => {
    expect((await http.get('/api/v1/admin/webhooks')).status).toBe(401);
    expect((await http.get('/api/v1/admin/webhooks', { token: editor })).status).toBe(403);
    const post = await http.post(
      '/api/v1/admin/webhooks',
      { url: 'https://hooks.example.com/', events: ['poll.closed'] },
      { token: editor },
    );
    expect(post.status).toBe(403);
    const remove = await http.call(`/api/v1/admin/webhooks/${randomUUID()}`, {
      method: 'DELETE',
      token: editor,
    });
    expect(remove.status).toBe(403);
  });

  it('answers 404 for deleting an endpoint that does not exist', async () => {
    const answer = await http.call(`/api/v1/admin/webhooks/${randomUUID()}`, {
      method: 'DELETE',
      token: admin,
    });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'webhook_not_found' });
  });

  it('says Telegram is not set up when the service has no bot token, and unlinking is harmless', async () => {
    const code = await http.post('/api/v1/me/telegram/link-code', undefined, { token: editor });
    expect(code.status).toBe(409);
    expect(code.body).toMatchObject({ code: 'telegram_not_configured' });
    expect((await http.post('/api/v1/me/telegram/link-code')).status).toBe(401);
    const unlink = await http.call('/api/v1/me/telegram', { method: 'DELETE', token: editor });
    expect(unlink.status).toBe(204);
  });

  it('documents the routes with their roles', async () => {
    const docs = await http.get('/api/docs-json');
    const paths = docs.body.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths['/api/v1/admin/webhooks'].get['x-required-role']).toBe('admin');
    expect(paths['/api/v1/admin/webhooks'].post['x-required-role']).toBe('admin');
    expect(paths['/api/v1/admin/webhooks/{id}'].delete['x-required-role']).toBe('admin');
    expect(paths['/api/v1/me/telegram/link-code'].post['x-required-role']).toBe('moderator');
    expect(paths['/api/v1/me/telegram'].delete['x-required-role']).toBe('moderator');
    expect(Object.keys(paths['/api/v1/admin/webhooks'].post.responses as object)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409', '422']),
    );
  });
});
