import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, ConsumerInfo, NatsConnection, StreamInfo } from 'nats';
import { freePort } from './free-port';
import { waitFor } from './wait-for';
import { waitForPort } from './wait-for-port';

/** One server of the cluster: its ports and store stay the same across a kill and a restart. */
export interface NatsClusterNode {
  readonly index: number;
  /** `server_name`, which JetStream reports as a stream's leader and replicas. */
  readonly name: string;
  readonly clientPort: number;
  readonly clusterPort: number;
  readonly monitorPort: number;
  readonly configFile: string;
  /** `nats://127.0.0.1:<clientPort>` */
  readonly url: string;
}

export interface NatsClusterOptions {
  /** Servers in the cluster; three by default, the least that keeps a quorum after losing one. */
  size?: number;
  /** How long to wait for the servers to listen and elect a JetStream meta leader. */
  startTimeoutMs?: number;
}

interface JetStreamStatus {
  meta_cluster?: { leader?: string; cluster_size?: number; replicas?: { current?: boolean }[] };
}

/**
 * A JetStream cluster of nats-server processes on free ports, each with its own store, for tests that
 * take a server away under load: `killNode(i)` is a SIGKILL (no lame duck, nothing flushed), and
 * `restartNode(i)` brings the same server back on the same ports and store. Every wait is on what the
 * servers report (a meta leader, a stream's leader and its replicas being current), never a pause.
 */
export class NatsCluster {
  readonly nodes: NatsClusterNode[];
  /** Whether this nats-server takes `sync_interval: always` (2.10 and newer); older ones fsync on a timer. */
  readonly syncAlways: boolean;
  private readonly processes: (ChildProcess | undefined)[];
  private readonly exits: (Promise<void> | undefined)[];
  private readonly logs: string[][];
  private client?: NatsConnection;

  private constructor(
    private readonly binary: string,
    private readonly directory: string,
    nodes: NatsClusterNode[],
    syncAlways: boolean,
  ) {
    this.nodes = nodes;
    this.syncAlways = syncAlways;
    this.processes = nodes.map(() => undefined);
    this.exits = nodes.map(() => undefined);
    this.logs = nodes.map(() => []);
  }

  static async start(options: NatsClusterOptions = {}): Promise<NatsCluster> {
    const size = options.size ?? 3;
    const binary = natsServerBinary();
    const directory = mkdtempSync(join(tmpdir(), 'engage-nats-cluster-'));
    const clusterName = `engage-${randomBytes(3).toString('hex')}`;
    const nodes: NatsClusterNode[] = [];
    for (let index = 0; index < size; index++) {
      const [clientPort, clusterPort, monitorPort] = [await freePort(), await freePort(), await freePort()];
      nodes.push({
        index,
        name: `${clusterName}-n${index}`,
        clientPort,
        clusterPort,
        monitorPort,
        configFile: join(directory, `n${index}.conf`),
        url: `nats://127.0.0.1:${clientPort}`,
      });
    }
    const syncAlways = acceptsSyncAlways(binary, directory);
    for (const node of nodes) {
      const store = join(directory, `store-n${node.index}`);
      mkdirSync(store);
      writeFileSync(node.configFile, serverConfig(node, nodes, clusterName, store, syncAlways));
    }
    const cluster = new NatsCluster(binary, directory, nodes, syncAlways);
    try {
      for (const node of nodes) cluster.spawn(node.index);
      const timeoutMs = options.startTimeoutMs ?? 30000;
      await Promise.all(nodes.map((node) => waitForPort(node.clientPort, timeoutMs)));
      await cluster.waitForMetaLeader(timeoutMs);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** Every server's client URL, comma-separated, as NATS_URL takes them. */
  get url(): string {
    return this.nodes.map((node) => node.url).join(',');
  }

  isRunning(index: number): boolean {
    const child = this.processes[index];
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** The last lines a server logged, for a failure's message. */
  log(index: number, lines = 30): string {
    return this.logs[index].slice(-lines).join('\n');
  }

  /** SIGKILL: the server dies at once, with whatever it had not written. Resolves once it exited. */
  async killNode(index: number): Promise<void> {
    const child = this.processes[index];
    if (!child || !this.isRunning(index)) return;
    child.kill('SIGKILL');
    await this.exits[index];
  }

  /**
   * Starts a killed server again with its ports and store; resolves once it listens and knows the
   * cluster's meta leader (it has rejoined). Its streams catch up afterwards: `waitForStreamCurrent`.
   */
  async restartNode(index: number, timeoutMs = 30000): Promise<void> {
    if (this.isRunning(index)) throw new Error(`${this.nodes[index].name} is still running`);
    this.spawn(index);
    await waitForPort(this.nodes[index].clientPort, timeoutMs);
    await waitFor(
      async () => (await this.jetStreamStatus(index))?.meta_cluster?.leader !== undefined,
      timeoutMs,
      `${this.nodes[index].name} to rejoin the cluster`,
      100,
    );
  }

  /** Resolves once every running server names the same JetStream meta leader. */
  async waitForMetaLeader(timeoutMs = 30000): Promise<string> {
    let leader: string | undefined;
    await waitFor(
      async () => {
        const running = this.nodes.filter((node) => this.isRunning(node.index));
        const leaders = await Promise.all(
          running.map(async (node) => (await this.jetStreamStatus(node.index))?.meta_cluster?.leader),
        );
        leader = leaders[0];
        return leader !== undefined && leader !== '' && leaders.every((each) => each === leader);
      },
      timeoutMs,
      'a JetStream meta leader',
      100,
    );
    return leader!;
  }

  /** The stream's information as the cluster answers it now (leader, replicas, state). */
  async streamInfo(stream: string): Promise<StreamInfo> {
    const jsm = await (await this.connection()).jetstreamManager();
    return jsm.streams.info(stream);
  }

  /** The stream's consumers as the cluster answers now (each with its leader and replicas). */
  async consumers(stream: string): Promise<ConsumerInfo[]> {
    const jsm = await (await this.connection()).jetstreamManager();
    return jsm.consumers.list(stream).next();
  }

  /** Which server leads the stream now. */
  async streamLeader(stream: string): Promise<number> {
    const leader = (await this.streamInfo(stream)).cluster?.leader;
    const index = this.nodes.findIndex((node) => node.name === leader);
    if (index < 0) throw new Error(`stream ${stream} has no leader among the servers (${leader})`);
    return index;
  }

  /**
   * Resolves once the stream has a leader and every other running server holds a current replica:
   * after a restart, the returning server has caught up on what it missed.
   */
  async waitForStreamCurrent(stream: string, timeoutMs = 30000): Promise<StreamInfo> {
    let info: StreamInfo | undefined;
    const running = (): string[] =>
      this.nodes.filter((node) => this.isRunning(node.index)).map((node) => node.name);
    await waitFor(
      async () => {
        info = await this.streamInfo(stream).catch(() => undefined);
        const cluster = info?.cluster;
        if (!cluster?.leader) return false;
        const current = new Set([
          cluster.leader,
          ...(cluster.replicas ?? []).filter((replica) => replica.current).map((replica) => replica.name),
        ]);
        return running().every((name) => current.has(name));
      },
      timeoutMs,
      `stream ${stream} led, with a current replica on every running server`,
      100,
    );
    return info!;
  }

  /** Kills every server and removes their stores. */
  async stop(): Promise<void> {
    await this.client?.close().catch(() => undefined);
    this.client = undefined;
    await Promise.all(this.nodes.map((node) => this.killNode(node.index)));
    rmSync(this.directory, { recursive: true, force: true });
  }

  private spawn(index: number): void {
    const child = spawn(this.binary, ['-c', this.nodes[index].configFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => {
      const lines = this.logs[index];
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (lines.length > 500) lines.splice(0, lines.length - 500);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exits[index] = new Promise((resolve) => child.once('exit', () => resolve()));
    this.processes[index] = child;
  }

  /** The test's own client: it follows the cluster as servers come and go. */
  private async connection(): Promise<NatsConnection> {
    this.client ??= await connect({
      servers: this.nodes.map((node) => node.url),
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
    });
    return this.client;
  }

  private async jetStreamStatus(index: number): Promise<JetStreamStatus | undefined> {
    if (!this.isRunning(index)) return undefined;
    const response = await fetch(`http://127.0.0.1:${this.nodes[index].monitorPort}/jsz`).catch(() => null);
    if (!response?.ok) return undefined;
    return (await response.json()) as JetStreamStatus;
  }
}

function natsServerBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('nats-server is not on the PATH');
  return found;
}

/** `nats-server -t` refuses a configuration with a field the version does not know. */
function acceptsSyncAlways(binary: string, directory: string): boolean {
  const probe = join(directory, 'sync-interval-probe.conf');
  writeFileSync(
    probe,
    `jetstream {\n  store_dir: ${JSON.stringify(directory)}\n  sync_interval: always\n}\n`,
  );
  return spawnSync(binary, ['-t', '-c', probe]).status === 0;
}

function serverConfig(
  node: NatsClusterNode,
  nodes: NatsClusterNode[],
  clusterName: string,
  store: string,
  syncAlways: boolean,
): string {
  const routes = nodes.map((each) => `    nats-route://127.0.0.1:${each.clusterPort}`).join('\n');
  return [
    `server_name: ${node.name}`,
    `host: 127.0.0.1`,
    `port: ${node.clientPort}`,
    `http: 127.0.0.1:${node.monitorPort}`,
    `jetstream {`,
    `  store_dir: ${JSON.stringify(store)}`,
    ...(syncAlways ? ['  sync_interval: always'] : []),
    `}`,
    `cluster {`,
    `  name: ${clusterName}`,
    `  listen: 127.0.0.1:${node.clusterPort}`,
    `  routes: [`,
    routes,
    `  ]`,
    `}`,
    '',
  ].join('\n');
}
