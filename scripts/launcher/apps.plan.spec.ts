import { describePorts, planApps, portsOf, readinessTargets } from './apps.plan';

const context = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  natsUrl: 'nats://127.0.0.1:4222',
  launcherPid: 4321,
};

describe('planApps', () => {
  it('starts the services before the gateway', () => {
    expect(planApps({}, context, '/repo').map((plan) => plan.name)).toEqual([
      'polls',
      'comments',
      'reporter',
      'notifications',
      'gateway',
    ]);
  });

  it('derives every port from PORT: health at PORT+1..+4, metrics at PORT+10..+14', () => {
    const plans = planApps({}, context, '/repo');
    expect(plans.map((plan) => [plan.env.PORT ?? plan.env.HEALTH_PORT, plan.env.METRICS_PORT])).toEqual([
      ['3001', '3011'],
      ['3002', '3012'],
      ['3003', '3013'],
      ['3004', '3014'],
      ['3000', '3010'],
    ]);
    expect(plans[4].readyUrl).toBe('http://127.0.0.1:3000/health/ready');
    expect(plans[0].readyUrl).toBe('http://127.0.0.1:3001/health/ready');
    expect(plans[1].main).toBe('/repo/dist/apps/comments/src/main.js');
    expect(describePorts(plans[0])).toBe('health 3001, metrics 3011');
    expect(describePorts(plans[4])).toBe('http 3000, metrics 3010');
  });

  it('gives a second suite with another PORT ports that do not meet the first', () => {
    const first = Object.values(portsOf({})).flatMap((ports) => Object.values(ports));
    const second = Object.values(portsOf({ PORT: '4000' })).flatMap((ports) => Object.values(ports));
    expect(second).toEqual(expect.arrayContaining([4000, 4001, 4004, 4010, 4014]));
    expect(second.filter((port) => first.includes(port))).toEqual([]);
  });

  it('passes the chosen database, NATS and its own pid to every app, with demo mode on by default', () => {
    for (const plan of planApps({ LOG_LEVEL: 'debug' }, context, '/repo')) {
      expect(plan.env).toMatchObject({
        DATABASE_URL: context.databaseUrl,
        NATS_URL: context.natsUrl,
        DEMO: 'true',
        LOG_LEVEL: 'debug',
        ENGAGE_PARENT_PID: '4321',
      });
    }
    expect(planApps({ DEMO: 'false' }, context, '/repo')[0].env.DEMO).toBe('false');
  });

  it('gives only the gateway the demo admin the launcher chose', () => {
    const admin = { email: 'admin@demo.local', password: 'a-generated-password' };
    const plans = planApps({}, { ...context, admin }, '/repo');
    expect(plans[4].env).toMatchObject({ ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
    expect(plans[0].env.ADMIN_PASSWORD).toBeUndefined();
  });

  it('takes ports from <NAME>_HEALTH_PORT and <NAME>_METRICS_PORT, and keeps HEALTH_PORT from reaching every app', () => {
    const plans = planApps(
      { PORT: '8080', REPORTER_HEALTH_PORT: '4000', GATEWAY_METRICS_PORT: '9100', HEALTH_PORT: '9' },
      context,
      '/repo',
    );
    const reporter = plans.find((plan) => plan.name === 'reporter')!;
    expect(reporter.env).toMatchObject({ HEALTH_PORT: '4000', METRICS_PORT: '8093' });
    const gateway = plans.find((plan) => plan.name === 'gateway')!;
    expect(gateway.env).toMatchObject({ PORT: '8080', METRICS_PORT: '9100' });
    expect(gateway.env.HEALTH_PORT).toBeUndefined();
  });

  it('refuses a bad or shared port, naming it', () => {
    expect(() => planApps({ POLLS_HEALTH_PORT: 'abc' }, context, '/repo')).toThrow(/POLLS_HEALTH_PORT/);
    expect(() => planApps({ POLLS_HEALTH_PORT: '3002' }, context, '/repo')).toThrow(/3002/);
    expect(() => planApps({ COMMENTS_METRICS_PORT: '3000' }, context, '/repo')).toThrow(/3000/);
    expect(() => planApps({ PORT: '65530' }, context, '/repo')).toThrow(/PORT 65530 leaves no room/);
  });

  it('runs only the apps that APPS names, in the usual order', () => {
    const plans = planApps({ APPS: 'gateway, comments' }, context, '/repo');
    expect(plans.map((plan) => plan.name)).toEqual(['comments', 'gateway']);
    expect(() => planApps({ APPS: 'comments,search' }, context, '/repo')).toThrow(/unknown apps: search/);
  });

  it("waits for the gateway's readiness when every service runs, and for each app's own when some are left out", () => {
    expect(readinessTargets(planApps({}, context, '/repo'))).toEqual([
      { name: 'gateway', url: 'http://127.0.0.1:3000/health/ready' },
    ]);
    expect(readinessTargets(planApps({ APPS: 'polls,gateway' }, context, '/repo'))).toEqual([
      { name: 'polls', url: 'http://127.0.0.1:3001/health/ready' },
      { name: 'gateway', url: 'http://127.0.0.1:3000/health/live' },
    ]);
    expect(readinessTargets(planApps({ APPS: 'comments' }, context, '/repo'))).toEqual([
      { name: 'comments', url: 'http://127.0.0.1:3002/health/ready' },
    ]);
  });
});

describe('log format of the apps', () => {
  it('asks for readable lines when the launcher writes to a terminal, unless LOG_FORMAT is set', () => {
    const formats = (env: NodeJS.ProcessEnv, terminal: boolean) =>
      planApps(env, { ...context, terminal }, '/repo').map((plan) => plan.env.LOG_FORMAT);
    expect(new Set(formats({}, true))).toEqual(new Set(['pretty']));
    expect(new Set(formats({}, false))).toEqual(new Set([undefined]));
    expect(new Set(formats({ LOG_FORMAT: 'json' }, true))).toEqual(new Set(['json']));
  });
});
