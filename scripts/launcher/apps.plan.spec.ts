import { planApps } from './apps.plan';

const infra = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  natsUrl: 'nats://127.0.0.1:4222',
};

describe('planApps', () => {
  it('starts the services before the gateway', () => {
    expect(planApps({}, infra, '/repo').map((plan) => plan.name)).toEqual([
      'polls',
      'comments',
      'reporter',
      'notifications',
      'gateway',
    ]);
  });

  it('gives each service its own health port and the gateway port 3000', () => {
    const plans = planApps({}, infra, '/repo');
    expect(plans.map((plan) => plan.env.HEALTH_PORT ?? plan.env.PORT)).toEqual([
      '3101',
      '3102',
      '3103',
      '3104',
      '3000',
    ]);
    expect(plans[4].readyUrl).toBe('http://127.0.0.1:3000/health/ready');
    expect(plans[1].main).toBe('/repo/dist/apps/comments/src/main.js');
  });

  it('passes the chosen database and NATS to every app, with demo mode on by default', () => {
    for (const plan of planApps({ LOG_LEVEL: 'debug' }, infra, '/repo')) {
      expect(plan.env).toMatchObject({
        DATABASE_URL: infra.databaseUrl,
        NATS_URL: infra.natsUrl,
        DEMO: 'true',
        LOG_LEVEL: 'debug',
      });
    }
    expect(planApps({ DEMO: 'false' }, infra, '/repo')[0].env.DEMO).toBe('false');
  });

  it('takes ports from PORT and <NAME>_HEALTH_PORT', () => {
    const plans = planApps({ PORT: '8080', REPORTER_HEALTH_PORT: '4000', HEALTH_PORT: '9' }, infra, '/repo');
    expect(plans.find((plan) => plan.name === 'reporter')?.env.HEALTH_PORT).toBe('4000');
    const gateway = plans.find((plan) => plan.name === 'gateway')!;
    expect(gateway.env.PORT).toBe('8080');
    expect(gateway.env.HEALTH_PORT).toBeUndefined();
  });

  it('refuses a bad or shared port, naming it', () => {
    expect(() => planApps({ POLLS_HEALTH_PORT: 'abc' }, infra, '/repo')).toThrow(/POLLS_HEALTH_PORT/);
    expect(() => planApps({ POLLS_HEALTH_PORT: '3102' }, infra, '/repo')).toThrow(/3102/);
    expect(() => planApps({ PORT: '3101' }, infra, '/repo')).toThrow(/3101/);
  });

  it('runs only the apps that APPS names, in the usual order', () => {
    const plans = planApps({ APPS: 'gateway, comments' }, infra, '/repo');
    expect(plans.map((plan) => plan.name)).toEqual(['comments', 'gateway']);
    expect(() => planApps({ APPS: 'comments,search' }, infra, '/repo')).toThrow(/unknown apps: search/);
  });
});
