import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './config/app-config';

/**
 * The deployment files read by the tools that will read them in production: kustomize (kubectl) and
 * nats-server's own configuration check. Where a tool is not installed its test says so and is skipped.
 */
const DEPLOY = join(REPO_ROOT, 'deploy');
const installed = (command: string, versionFlag: string): boolean =>
  spawnSync(command, [versionFlag], { stdio: 'ignore' }).status === 0;
const withKubectl = installed('kubectl', 'version') || installed('kubectl', '--help') ? it : it.skip;
const withNatsServer = installed('nats-server', '--version') ? it : it.skip;

/** nats-server's version as [major, minor]. */
function natsServerVersion(): [number, number] {
  const [, major, minor] = /v?(\d+)\.(\d+)/.exec(
    execFileSync('nats-server', ['--version'], { encoding: 'utf8' }),
  )!;
  return [Number(major), Number(minor)];
}

/**
 * Runs `nats-server -t` on a configuration and its auth.conf. `sync_interval` came with 2.10 (the
 * version the images run); an older local server checks everything else.
 */
function natsConfigCheck(natsConf: string, authConf: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'nats-conf-'));
  try {
    const [major, minor] = natsServerVersion();
    const known = major > 2 || minor >= 10 ? natsConf : natsConf.replace(/^\s*sync_interval: always\n/m, '');
    writeFileSync(join(folder, 'nats.conf'), known.replace('/data/jetstream', join(folder, 'jetstream')));
    writeFileSync(join(folder, 'auth.conf'), authConf);
    const env: NodeJS.ProcessEnv = { ...process.env, NATS_SERVER_NAME: 'nats-0' };
    for (const app of ['GATEWAY', 'POLLS', 'COMMENTS', 'REPORTER', 'NOTIFICATIONS'])
      env[`NATS_${app}_PASSWORD`] = `p-${app}`;
    const check = spawnSync('nats-server', ['-t', '-c', join(folder, 'nats.conf')], {
      env,
      encoding: 'utf8',
      cwd: folder,
    });
    return `${check.status} ${check.stdout}${check.stderr}`.trim();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('deployment files through the real tools', () => {
  withKubectl('builds both kustomizations with kubectl kustomize', () => {
    for (const folder of ['k8s', join('k8s', 'migrate')]) {
      const built = execFileSync('kubectl', ['kustomize', join(DEPLOY, folder)], { encoding: 'utf8' });
      const kinds = parseAllDocuments(built).map((document) => (document.toJS() as { kind: string }).kind);
      expect(kinds.length).toBeGreaterThan(0);
      expect(kinds).not.toContain('Secret');
    }
  });

  withNatsServer('has nats-server accept the compose NATS configuration', () => {
    const check = natsConfigCheck(
      readFileSync(join(DEPLOY, 'nats', 'nats.conf'), 'utf8'),
      readFileSync(join(DEPLOY, 'nats', 'auth.conf'), 'utf8'),
    );
    expect(check).toMatch(/^0 .*is valid/);
  });

  withNatsServer('has nats-server accept the cluster configuration of the Kubernetes NATS', () => {
    const config = parseAllDocuments(readFileSync(join(DEPLOY, 'k8s', 'nats.yaml'), 'utf8'))
      .map(
        (document) =>
          document.toJS() as { kind: string; metadata: { name: string }; data: Record<string, string> },
      )
      .find((object) => object.kind === 'ConfigMap' && object.metadata.name === 'nats-config')!.data;
    expect(natsConfigCheck(config['nats.conf'], config['auth.conf'])).toMatch(/^0 .*is valid/);
  });
});
