import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appNames, appVariables, AppVariable, REPO_ROOT } from './config/app-config';
import { startRefusal } from './deploy/app-start-check';
import { containerRequirements, PLUMBING, variablesReadBy } from './deploy/container-env';
import { loadManifests, Manifest, modelOf, selects } from './deploy/kubernetes-manifests';
import { probeRoutesOf } from './deploy/probe-routes';

/**
 * deploy/k8s is what an operator applies to a cluster: every object must be one the API server takes,
 * every app probed where it answers, scaled, protected from drains and fenced by network policies,
 * NATS a three-server JetStream cluster, and no secret written into a manifest.
 */
const K8S = join(REPO_ROOT, 'deploy', 'k8s');

type Env = Record<string, string>;
interface EnvEntry {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { key: string; optional?: boolean };
    configMapKeyRef?: { key: string };
    fieldRef?: object;
  };
}

const manifests = loadManifests(K8S);
const ofKind = (kind: string): Manifest[] => manifests.filter((manifest) => manifest.kind === kind);
const deploymentOf = (app: string): Manifest => {
  const deployment = ofKind('Deployment').find((manifest) => manifest.metadata.name === app);
  if (!deployment) throw new Error(`no Deployment for ${app}`);
  return deployment;
};
const podSpec = (workload: Manifest): any => workload.spec.template.spec;
const podLabels = (workload: Manifest): Record<string, string> => workload.spec.template.metadata.labels;
const configMap = (): Env => ofKind('ConfigMap').find((map) => map.metadata.name === 'engage-config')!.data!;

/** A stand-in an operator would put in the Secret for each key: strong and well formed. */
function secretValue(key: string): string {
  if (key === 'REPORTER_CONTACT_KEYS') return `k1:${randomBytes(32).toString('base64')}`;
  if (key === 'DATABASE_URL')
    return `postgres://engage:${randomBytes(24).toString('hex')}@postgres:5432/engage`;
  if (key === 'ADMIN_EMAIL') return 'admin@example.org';
  return randomBytes(32).toString('base64url');
}

/** A container's environment as the kubelet builds it: the ConfigMap, then its own entries with $(VAR) expanded. */
function containerEnv(container: { env?: EnvEntry[]; envFrom?: object[] }): Env {
  const env: Env = container.envFrom?.length ? { ...configMap() } : {};
  for (const entry of container.env ?? []) {
    const from = entry.valueFrom;
    if (from?.secretKeyRef && !from.secretKeyRef.optional)
      env[entry.name] = secretValue(from.secretKeyRef.key);
    else if (from?.configMapKeyRef) env[entry.name] = configMap()[from.configMapKeyRef.key];
    else if (entry.value !== undefined)
      env[entry.name] = entry.value.replace(/\$\(([A-Z_]+)\)/g, (_, name: string) => env[name]);
  }
  return env;
}

describe('deploy/k8s', () => {
  let readByApps: Map<string, AppVariable[]>;
  beforeAll(async () => {
    readByApps = await appVariables();
  });

  it('holds only objects the Kubernetes API schema accepts', () => {
    const problems: string[] = [];
    for (const manifest of manifests) {
      const Model = modelOf(manifest);
      const name = `${manifest.file}: ${manifest.kind} ${manifest.metadata?.name}`;
      if (!Model) {
        problems.push(`${name}: no model for ${manifest.apiVersion}`);
        continue;
      }
      try {
        new Model(manifest).validate();
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
    expect(manifests.length).toBeGreaterThan(20);
  });

  it('probes each app on the path and port it answers on, once it has started', () => {
    const problems: string[] = [];
    for (const app of appNames()) {
      const container = podSpec(deploymentOf(app)).containers[0];
      const routes = probeRoutesOf(app);
      const port = Number(containerEnv(container)[routes.portVariable]);
      const portNumber = (name: string | number): number =>
        typeof name === 'number'
          ? name
          : container.ports.find((p: { name: string }) => p.name === name)?.containerPort;
      const expected = {
        startupProbe: routes.live,
        livenessProbe: routes.live,
        readinessProbe: routes.ready,
      };
      for (const [probe, path] of Object.entries(expected)) {
        const get = container[probe]?.httpGet;
        if (get?.path !== path) problems.push(`${app} ${probe}: ${get?.path}, the app answers ${path}`);
        if (portNumber(get?.port) !== port)
          problems.push(`${app} ${probe}: port ${get?.port}, the app answers on ${port}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives each app what it needs, only settings apps read, and settings its start-up checks accept', () => {
    const problems: string[] = [];
    for (const app of appNames()) {
      const container = podSpec(deploymentOf(app)).containers[0];
      const reads = variablesReadBy(app, readByApps);
      const env = containerEnv(container);
      for (const variable of containerRequirements(app, reads))
        if (env[variable] === undefined) problems.push(`${app}: ${variable} is missing`);
      for (const { name } of container.env as EnvEntry[])
        if (!reads.has(name) && !PLUMBING.has(name)) problems.push(`${app}: ${name} is not read by ${app}`);
      if (container.args[0] !== app) problems.push(`${app}: runs ${container.args[0]}`);
      const refusal = startRefusal(app, env);
      if (refusal) problems.push(refusal);
    }
    expect(problems).toEqual([]);
  });

  it('bounds every container and runs it as a non-root user on a read-only root file system', () => {
    const problems: string[] = [];
    const workloads = [...ofKind('Deployment'), ...ofKind('StatefulSet'), ...ofKind('Job')];
    for (const workload of workloads) {
      const spec = podSpec(workload);
      for (const container of spec.containers) {
        const name = `${workload.kind} ${workload.metadata.name}`;
        const { requests, limits } = container.resources ?? {};
        if (!requests?.cpu || !requests?.memory || !limits?.memory)
          problems.push(`${name}: requests or memory limit missing`);
        if (spec.securityContext?.runAsNonRoot !== true) problems.push(`${name}: may run as root`);
        if (container.securityContext?.readOnlyRootFilesystem !== true)
          problems.push(`${name}: writable root file system`);
        if (container.securityContext?.allowPrivilegeEscalation !== false)
          problems.push(`${name}: may escalate`);
      }
    }
    expect(problems).toEqual([]);
    // The apps, NATS and the migration Job.
    expect(workloads.length).toBe(appNames().length + 2);
  });

  it('scales every app with an autoscaler and keeps a copy through drains with a disruption budget', () => {
    const problems: string[] = [];
    for (const app of appNames()) {
      const deployment = deploymentOf(app);
      const hpa = ofKind('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === app);
      if (!hpa || hpa.spec.scaleTargetRef.kind !== 'Deployment') problems.push(`${app}: no autoscaler`);
      else if (hpa.spec.minReplicas < 2) problems.push(`${app}: autoscaler allows one copy`);
      const pdbs = ofKind('PodDisruptionBudget').filter((pdb) =>
        selects(pdb.spec.selector, podLabels(deployment)),
      );
      if (pdbs.length !== 1) problems.push(`${app}: ${pdbs.length} disruption budgets`);
      else if (pdbs[0].spec.maxUnavailable !== 1) problems.push(`${app}: budget lets more than one copy go`);
    }
    expect(problems).toEqual([]);
  });

  it('lets only the gateway take traffic from outside, and only the suite reach NATS and PostgreSQL', () => {
    const policies = ofKind('NetworkPolicy');
    const denyAll = policies.find((p) => Object.keys(p.spec.podSelector).length === 0);
    expect(denyAll?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    const openTo = (labels: Record<string, string>): boolean =>
      policies.some(
        (p) => selects(p.spec.podSelector, labels) && (p.spec.ingress ?? []).some((rule: any) => !rule.from),
      );
    const pods: [string, Record<string, string>][] = [
      ...[...ofKind('Deployment'), ...ofKind('StatefulSet')].map((w): [string, Record<string, string>] => [
        w.metadata.name,
        podLabels(w),
      ]),
      ['postgresql', { 'app.kubernetes.io/name': 'postgresql' }],
    ];
    expect(pods.filter(([, labels]) => openTo(labels)).map(([name]) => name)).toEqual(['gateway']);
    const gatewayPorts = policies
      .filter((p) => selects(p.spec.podSelector, podLabels(deploymentOf('gateway'))))
      .flatMap((p) =>
        (p.spec.ingress ?? []).filter((rule: any) => !rule.from).flatMap((rule: any) => rule.ports),
      );
    expect(gatewayPorts).toEqual([{ port: 'http' }]);

    // NATS and PostgreSQL: from pods of this namespace that carry the client label (and NATS from itself).
    const clients = (labels: Record<string, string>): string[] =>
      policies
        .filter((p) => selects(p.spec.podSelector, labels))
        .flatMap((p) => (p.spec.ingress ?? []).flatMap((rule: any) => rule.from ?? []))
        .filter((peer: any) => peer.podSelector)
        .map((peer: any) => JSON.stringify(peer.podSelector.matchLabels));
    const client = JSON.stringify({ 'engage.io/client': 'true' });
    expect(new Set(clients({ 'app.kubernetes.io/name': 'postgresql' }))).toEqual(new Set([client]));
    expect(new Set(clients({ 'app.kubernetes.io/name': 'nats' }))).toEqual(
      new Set([client, JSON.stringify({ 'app.kubernetes.io/name': 'nats' })]),
    );
    const withDatabaseAccess = [...ofKind('Deployment'), ...ofKind('Job')].filter(
      (w) => podLabels(w)['engage.io/client'] === 'true',
    );
    expect(withDatabaseAccess.map((w) => w.metadata.name).sort()).toEqual(
      [...appNames(), 'engage-migrate'].sort(),
    );
  });

  it('runs NATS as three JetStream servers that sync every write and keep the event stream in three copies', () => {
    const nats = ofKind('StatefulSet').find((s) => s.metadata.name === 'nats')!;
    expect(nats.spec.replicas).toBe(3);
    const config = ofKind('ConfigMap').find((map) => map.metadata.name === 'nats-config')!.data!;
    expect(config['nats.conf']).toMatch(/jetstream \{[^}]*sync_interval: always/);
    const routes = [...config['nats.conf'].matchAll(/nats-route:\/\/([^.]+)\.([^.]+)\.([^.]+)\.svc/g)];
    expect(routes.map((route) => route[1])).toEqual(['nats-0', 'nats-1', 'nats-2']);
    for (const route of routes) expect([route[2], route[3]]).toEqual([nats.spec.serviceName, 'engage']);
    expect(config['auth.conf']).toBe(readFileSync(join(REPO_ROOT, 'deploy', 'nats', 'auth.conf'), 'utf8'));
    expect(configMap().NATS_HOST).toBe('nats.engage.svc.cluster.local:4222');
    const image = podSpec(nats).containers[0].image as string;
    expect(Number(/^nats:2\.(\d+)/.exec(image)?.[1])).toBeGreaterThanOrEqual(10); // sync_interval
    // The apps create the stream, and bring an existing one to this count, when they start.
    expect(configMap().EVENTS_STREAM_REPLICAS).toBe(String(nats.spec.replicas));
  });

  it("migrates with the apps' image, once, with what the gateway checks before migrating", () => {
    const job = ofKind('Job').find((manifest) => manifest.metadata.name === 'engage-migrate')!;
    const container = podSpec(job).containers[0];
    expect(container.args).toEqual(['migrate']);
    expect(container.image).toBe(podSpec(deploymentOf('gateway')).containers[0].image);
    expect(podSpec(job).restartPolicy).toBe('Never');
    expect(startRefusal('gateway', containerEnv(container))).toBeNull();
  });

  it('takes every secret from the Secret, none written into a manifest', () => {
    const secretName = /SECRET|PASSWORD|KEYS|TOKEN|DATABASE_URL|SMTP_URL/;
    const problems: string[] = [];
    for (const workload of [...ofKind('Deployment'), ...ofKind('StatefulSet'), ...ofKind('Job')]) {
      for (const container of podSpec(workload).containers) {
        for (const entry of (container.env ?? []) as EnvEntry[]) {
          if (secretName.test(entry.name) && !entry.valueFrom?.secretKeyRef)
            problems.push(`${workload.metadata.name}: ${entry.name}`);
          if (entry.value && /:\/\/[^:/]+:(?!\$\()[^@]+@/.test(entry.value))
            problems.push(`${workload.metadata.name}: credentials in ${entry.name}`);
        }
      }
    }
    for (const map of ofKind('ConfigMap')) {
      for (const key of Object.keys(map.data ?? {}))
        if (secretName.test(key)) problems.push(`ConfigMap ${map.metadata.name}: ${key}`);
    }
    expect(problems).toEqual([]);
    // The only Secret is the template, which the kustomization does not apply.
    expect(ofKind('Secret').map((secret) => secret.file)).toEqual(['secret.template.yaml']);
  });
});
