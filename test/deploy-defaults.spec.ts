import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPlaceholder, loadConfig, ServiceEnv } from '@app/runtime';
import { GatewayEnv } from '../apps/gateway/src/gateway.config';
import { parse, parseAllDocuments } from 'yaml';
import { appVariables, REPO_ROOT } from './config/app-config';

/**
 * What an operator gets from deploy/: containers that are not in demo mode, templates whose every
 * placeholder the apps refuse, and files that agree with each other and with what the apps read.
 */
const DEPLOY = join(REPO_ROOT, 'deploy');
const read = (path: string): string => readFileSync(join(DEPLOY, path), 'utf8');

type Env = Record<string, string>;
interface K8sDocument {
  kind: string;
  metadata: { name: string };
  data?: Env;
  stringData?: Env;
  spec?: any;
}

function dotenv(text: string): Env {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** ENV of the Dockerfile's last stage, the one that runs. */
function runtimeEnv(dockerfile: string): Env {
  const lastStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const instructions = lastStage.replace(/\\\n\s*/g, ' ').split('\n');
  const pairs = instructions
    .filter((line) => line.startsWith('ENV '))
    .flatMap((line) => line.slice(4).trim().split(/\s+/))
    .map((pair) => pair.split('=') as [string, string]);
  return Object.fromEntries(pairs);
}

const k8sDocuments = (): K8sDocument[] =>
  readdirSync(join(DEPLOY, 'k8s'))
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) => parseAllDocuments(read(join('k8s', file))).map((doc) => doc.toJS() as K8sDocument));
const deployments = (): K8sDocument[] => k8sDocuments().filter((doc) => doc.kind === 'Deployment');
const secretTemplate = (): Env => parse(read('k8s/secret.template.yaml')).stringData as Env;

interface ComposeService {
  image?: string;
  environment?: Env;
}
const composeServices = (): Record<string, ComposeService> =>
  parse(read('compose.yaml'), { merge: true }).services as Record<string, ComposeService>;
const composeApps = (): [string, Env][] =>
  Object.entries(composeServices())
    .filter(([, service]) => service.environment?.APP !== undefined)
    .map(([name, service]) => [name, service.environment!]);

/** The variables that only carry other values into place, not settings of an app. */
const PLUMBING = new Set(['APP', 'NODE_ENV', 'NATS_PASSWORD', 'NATS_HOST']);

describe('deployment defaults', () => {
  it('builds an image that is not in demo mode unless told to be', () => {
    expect(runtimeEnv(read('Dockerfile'))).toMatchObject({ DEMO: 'false', NODE_ENV: 'production' });
  });

  it('leaves demo mode off in every compose app, the example env file and the Kubernetes ConfigMap', () => {
    // Only the apps that read DEMO get it (deploy-compose.spec checks they all do).
    const withDemo = composeApps().filter(([, env]) => env.DEMO !== undefined);
    expect(withDemo.map(([name]) => name)).toEqual(expect.arrayContaining(['gateway', 'polls', 'reporter']));
    for (const [name, env] of withDemo) expect([name, env.DEMO]).toEqual([name, '${DEMO:-false}']);
    expect(dotenv(read('.env.example')).DEMO).toBe('false');
    const configMap = k8sDocuments().find((doc) => doc.kind === 'ConfigMap')!;
    expect(configMap.data!.DEMO).toBe('false');
  });

  it('marks every value of the templates as a placeholder the apps refuse', () => {
    const example = dotenv(read('.env.example'));
    const exampleValues = Object.entries(example).filter(
      ([name, value]) => value !== '' && !['ADMIN_EMAIL', 'DEMO'].includes(name),
    );
    const templateValues = Object.entries(secretTemplate()).filter(([name]) => name !== 'ADMIN_EMAIL');
    expect([...exampleValues, ...templateValues].filter(([, value]) => !isPlaceholder(value))).toEqual([]);
  });
});

describe('deployment files agree with each other', () => {
  it('gives every variable compose requires a line in the example env file, and uses every line', () => {
    const compose = read('compose.yaml');
    const referenced = new Set([...compose.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]));
    const required = new Set([...compose.matchAll(/\$\{([A-Z][A-Z0-9_]*):\?/g)].map((match) => match[1]));
    const example = Object.keys(dotenv(read('.env.example')));
    expect([...required].filter((name) => !example.includes(name))).toEqual([]);
    expect(example.filter((name) => !referenced.has(name))).toEqual([]);
  });

  it('refers only to keys the Secret template has and to ConfigMap entries that exist', () => {
    const secretKeys = Object.keys(secretTemplate());
    const commentedKeys = [...read('k8s/secret.template.yaml').matchAll(/^ {2}# ([A-Z][A-Z0-9_]*):/gm)].map(
      (match) => match[1],
    );
    const configMap = k8sDocuments().find((doc) => doc.kind === 'ConfigMap')!.data!;
    const problems: string[] = [];
    for (const deployment of deployments()) {
      for (const entry of deployment.spec.template.spec.containers[0].env as any[]) {
        const ref = entry.valueFrom?.secretKeyRef;
        if (ref && !secretKeys.includes(ref.key) && !(ref.optional && commentedKeys.includes(ref.key)))
          problems.push(`${deployment.metadata.name}: secret key ${ref.key}`);
        for (const [, name] of String(entry.value ?? '').matchAll(/\$\(([A-Z_]+)\)/g)) {
          const env = deployment.spec.template.spec.containers[0].env as { name: string }[];
          if (configMap[name] === undefined && !env.some((other) => other.name === name))
            problems.push(`${deployment.metadata.name}: $(${name}) is defined nowhere`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists every manifest but the Secret template in the kustomization', () => {
    const kustomization = parse(read('k8s/kustomization.yaml')) as { resources: string[] };
    const manifests = readdirSync(join(DEPLOY, 'k8s')).filter(
      (file) => file.endsWith('.yaml') && !['kustomization.yaml', 'secret.template.yaml'].includes(file),
    );
    expect([...kustomization.resources].sort()).toEqual(manifests.sort());
  });

  it('sets for the apps only variables some app reads', async () => {
    const readByApps = await appVariables();
    const known = (name: string): boolean => readByApps.has(name) || PLUMBING.has(name);
    const set = [
      ...composeApps().flatMap(([name, env]) =>
        Object.keys(env).map((variable) => [`compose ${name}`, variable]),
      ),
      ...Object.keys(k8sDocuments().find((doc) => doc.kind === 'ConfigMap')!.data!).map((v) => [
        'ConfigMap',
        v,
      ]),
      ...deployments().flatMap((deployment) =>
        (deployment.spec.template.spec.containers[0].env as { name: string }[]).map((entry) => [
          deployment.metadata.name,
          entry.name,
        ]),
      ),
      ...Object.keys(runtimeEnv(read('Dockerfile'))).map((variable) => ['Dockerfile', variable]),
    ];
    expect(set.filter(([, variable]) => !known(variable))).toEqual([]);
  });

  it('sets values every app accepts (a value an app refuses would stop every container at start)', () => {
    const configMap = k8sDocuments().find((doc) => doc.kind === 'ConfigMap')!.data!;
    // Compose interpolation: the default where there is one, a strong stand-in where one is required.
    const resolved = (env: Env): Env =>
      Object.fromEntries(
        Object.entries(env).map(([name, value]) => [
          name,
          String(value)
            .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')
            .replace(/\$\{[A-Z_]+:\?[^}]*\}/g, () => randomBytes(32).toString('base64')),
        ]),
      );
    const sources: [string, Env][] = [
      ['ConfigMap', configMap],
      ...composeApps().map(([name, env]): [string, Env] => [`compose ${name}`, resolved(env)]),
    ];
    const refusal = (source: string, env: Env, envClass: new () => object): string | null => {
      try {
        loadConfig(envClass, env);
        return null;
      } catch (error) {
        return `${source}: ${(error as Error).message}`;
      }
    };
    const refusals = sources.flatMap(([source, env]) =>
      [ServiceEnv, GatewayEnv].map((envClass) => refusal(source, env, envClass)),
    );
    expect(refusals.filter((text) => text !== null)).toEqual([]);
  });
});
