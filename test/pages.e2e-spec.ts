import { HttpClient } from '@test/support/http-client';
import { Suite } from '@test/support/suite';

describe('pages served by the gateway', () => {
  let suite: Suite;
  let http: HttpClient;

  beforeAll(async () => {
    suite = await Suite.start({ services: ['polls'] });
    http = new HttpClient(suite.baseUrl);
  });
  afterAll(() => suite?.stop());

  it('serves the widget script as JavaScript with a short cache and an ETag', async () => {
    const answer = await http.get('/widgets/engage.js');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(answer.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(answer.text).toContain('data-engage');
    // Portals on other origins load it, so it must not be locked to this origin.
    expect(answer.headers.get('cross-origin-resource-policy')).toBe('cross-origin');

    const etag = answer.headers.get('etag')!;
    const again = await http.get('/widgets/engage.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves the widget script to a caller whose credentials are stale', async () => {
    const answer = await http.get('/widgets/engage.js', { readerToken: 'not-a-token' });
    expect(answer.status).toBe(200);
  });

  it('answers / with 404 outside demo mode', async () => {
    const answer = await http.get('/');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('serves the demo portal page with the widget placeholders in demo mode', async () => {
    const demo = new HttpClient(await suite.startGateway({ DEMO: 'true' }));
    const answer = await demo.get('/');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.text).toContain('<script src="/widgets/engage.js" defer></script>');
    expect(answer.text).toContain('data-engage="poll" data-placement="sidebar"');
    expect(answer.text).toContain('data-engage="poll-archive"');
    // The gateway's CSP forbids inline scripts: the page must work with script-src 'self'.
    expect(answer.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
