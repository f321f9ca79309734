import { matchOpsRoute, OpsRoute } from './ops-route';

const route = (path: string): OpsRoute => ({ path, answer: () => Promise.reject(new Error('not called')) });

describe('matchOpsRoute', () => {
  const metrics = route('/metrics');
  const echo = route('/health/services/:service/echo');
  const routes = [metrics, echo];

  it('finds a fixed path and nothing for a longer one', () => {
    expect(matchOpsRoute(routes, '/metrics')?.route).toBe(metrics);
    expect(matchOpsRoute(routes, '/metrics/extra')).toBeUndefined();
  });

  it('hands over a parameter, decoded', () => {
    expect(matchOpsRoute(routes, '/health/services/polls/echo')).toEqual({
      route: echo,
      params: { service: 'polls' },
    });
    expect(matchOpsRoute(routes, '/health/services/a%20b/echo')?.params).toEqual({ service: 'a b' });
  });

  it('refuses an empty or undecodable parameter', () => {
    expect(matchOpsRoute(routes, '/health/services//echo')).toBeUndefined();
    expect(matchOpsRoute(routes, '/health/services/%E0%A4%A/echo')).toBeUndefined();
  });
});
