import { HttpClient } from '@test/support/http-client';
import { freePort } from '@test/support/free-port';
import { listeningAddresses } from '@test/support/listening-addresses';
import { Suite } from '@test/support/suite';

describe("the operators' port", () => {
  let suite: Suite;
  let publicPort: HttpClient;
  let gatewayOps: HttpClient;
  let pollsOps: HttpClient;
  let pollsProbes: { port: number; metrics: number };

  beforeAll(async () => {
    suite = await Suite.start({ services: [] });
    pollsProbes = { port: await freePort(), metrics: await freePort() };
    await suite.startService('polls', {
      HOST: '127.0.0.1',
      HEALTH_PORT: String(pollsProbes.port),
      METRICS_PORT: String(pollsProbes.metrics),
    });
    await suite.waitReady(suite.baseUrl, ['polls']);
    publicPort = new HttpClient(suite.baseUrl);
    gatewayOps = new HttpClient(suite.gatewayOpsUrls[0]);
    pollsOps = new HttpClient(`http://127.0.0.1:${pollsProbes.metrics}`);
  });
  afterAll(() => suite?.stop());

  it('keeps metrics and the echo chain off the public port', async () => {
    const metrics = await publicPort.get('/metrics');
    expect(metrics.status).toBe(404);
    expect(metrics.text).not.toContain('process_cpu_user_seconds_total');
    expect((await publicPort.get('/health/services/polls/echo')).status).toBe(404);
    expect((await publicPort.get('/health/live')).status).toBe(200);
    expect((await publicPort.get('/health/ready')).status).not.toBe(404);
  });

  it("serves the gateway's HTTP and NATS request durations and process metrics as Prometheus text", async () => {
    await publicPort.get('/api/v1/polls/current');
    const answer = await gatewayOps.get('/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.text).toContain('http_request_duration_seconds_bucket');
    expect(answer.text).toMatch(/nats_request_duration_seconds_count\{[^}]*subject="polls\.poll\.current"/);
    expect(answer.text).toContain('process_cpu_user_seconds_total');
  });

  it("serves a service's NATS handling durations per subject and its process metrics", async () => {
    await publicPort.get('/api/v1/polls/current');
    const answer = await pollsOps.get('/metrics');
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/nats_handling_duration_seconds_count\{[^}]*subject="polls\.poll\.current"/);
    expect(answer.text).toMatch(/nats_handling_duration_seconds_count\{service="polls",/);
    expect(answer.text).toContain('process_resident_memory_bytes');
  });

  it('answers the echo chain, 404 for an unknown service and 503 for one that does not answer', async () => {
    expect(await gatewayOps.get('/health/services/polls/echo')).toMatchObject({
      status: 200,
      body: { ok: true },
    });
    const unknown = await gatewayOps.get('/health/services/etc/echo');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const started = Date.now();
    const silent = await gatewayOps.get('/health/services/comments/echo');
    expect(silent.status).toBe(503);
    expect(silent.body).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers anything else on the metrics port with a 404 or 405 problem, never a 500', async () => {
    expect((await gatewayOps.get('/')).status).toBe(404);
    expect((await gatewayOps.get('/metrics/../etc/passwd')).status).toBe(404);
    expect((await gatewayOps.post('/metrics', {})).status).toBe(405);
  });

  it("binds a service's probe and metrics ports to HOST only", () => {
    expect(listeningAddresses(pollsProbes.port)).toEqual(['127.0.0.1']);
    expect(listeningAddresses(pollsProbes.metrics)).toEqual(['127.0.0.1']);
  });
});
