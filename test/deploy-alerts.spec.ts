import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetricsRegistry } from '@app/runtime';
import { parse } from 'yaml';
import { appNames, REPO_ROOT } from './config/app-config';
import { metricNamesIn } from './deploy/promql-metric-names';

/**
 * deploy/prometheus/alerts.yaml must watch what the apps really expose: an alert on a metric no app
 * registers never fires, and nobody notices until the outage it was meant to catch.
 */
interface Rule {
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const rules = (): Rule[] =>
  (
    parse(readFileSync(join(REPO_ROOT, 'deploy', 'prometheus', 'alerts.yaml'), 'utf8')) as {
      groups: { name: string; rules: Rule[] }[];
    }
  ).groups.flatMap((group) => group.rules);

/** Series names an app's /metrics can carry: each registered metric, a histogram's three series. */
async function exposedNames(): Promise<Set<string>> {
  const text = await new MetricsRegistry('gateway').text();
  const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)];
  return new Set(
    types.flatMap(([, name, type]) =>
      type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name],
    ),
  );
}

describe('deploy/prometheus/alerts.yaml', () => {
  it('reads in every expression only metrics the apps register', async () => {
    const exposed = await exposedNames();
    const unknown = rules().flatMap((rule) =>
      metricNamesIn(rule.expr)
        .filter((name) => !exposed.has(name))
        .map((name) => `${rule.alert}: ${name}`),
    );
    expect(unknown).toEqual([]);
    expect(rules().every((rule) => metricNamesIn(rule.expr).length > 0)).toBe(true);
  });

  it('watches 5xx answers, latency, unanswered service requests, restarts and memory', () => {
    const read = new Set(rules().flatMap((rule) => metricNamesIn(rule.expr)));
    expect([...read].sort()).toEqual(
      expect.arrayContaining([
        'http_request_duration_seconds_count',
        'http_request_duration_seconds_bucket',
        'nats_request_duration_seconds_count',
        'process_start_time_seconds',
        'process_resident_memory_bytes',
      ]),
    );
  });

  it('names only apps and NATS outcomes the code has', () => {
    const client = readFileSync(
      join(REPO_ROOT, 'libs', 'messaging', 'src', 'rpc', 'nats-rpc.client.ts'),
      'utf8',
    );
    const problems: string[] = [];
    for (const rule of rules()) {
      for (const [, services] of rule.expr.matchAll(/service=~?"([^"]+)"/g)) {
        for (const service of services.split('|'))
          if (!appNames().includes(service)) problems.push(`${rule.alert}: ${service}`);
      }
      for (const [, outcomes] of rule.expr.matchAll(/outcome=~?"([^"]+)"/g)) {
        for (const outcome of outcomes.split('|'))
          if (!client.includes(`'${outcome}'`)) problems.push(`${rule.alert}: ${outcome}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives every alert a severity, a summary and a documented meaning', () => {
    const readme = readFileSync(join(REPO_ROOT, 'deploy', 'README.md'), 'utf8');
    const problems = rules().flatMap((rule) => [
      ...(rule.alert ? [] : ['a rule without an alert name']),
      ...(['page', 'warn'].includes(rule.labels?.severity ?? '') ? [] : [`${rule.alert}: severity`]),
      ...(rule.annotations?.summary ? [] : [`${rule.alert}: summary`]),
      ...(readme.includes(`\`${rule.alert}\``) ? [] : [`${rule.alert}: not in deploy/README.md`]),
    ]);
    expect(problems).toEqual([]);
  });

  it('finds the metric names of an expression and nothing else', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.99, sum by (le, service) (rate(a_bucket{route!~"/x|y"}[5m]))) > 0.5 or absent(b{service="c"})',
      ),
    ).toEqual(['a_bucket', 'b']);
  });
});
