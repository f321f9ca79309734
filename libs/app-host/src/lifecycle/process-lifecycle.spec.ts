import { EventEmitter } from 'node:events';
import { ProcessLifecycle } from './process-lifecycle';

function harness(timeoutMs = 1000, flush: () => Promise<void> = () => Promise.resolve()) {
  const events = new EventEmitter();
  const lines: string[] = [];
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const logger = {
    debug: (message: string) => lines.push(`debug ${message}`),
    log: (message: string) => lines.push(`info ${message}`),
    warn: (message: string) => lines.push(`warn ${message}`),
    error: (message: unknown) =>
      lines.push(`error ${message instanceof Error ? message.message : String(message)}`),
    flush,
  };
  const lifecycle = new ProcessLifecycle(logger, {
    timeoutMs,
    events,
    exit: (code) => resolveExit(code),
  }).install();
  return { events, lines, exited, lifecycle };
}

describe('ProcessLifecycle', () => {
  it('stops at once on SIGTERM during start-up and says which step it was in', async () => {
    const { events, lines, exited, lifecycle } = harness();
    const closed: string[] = [];
    lifecycle.opened('the embedded database', async () => void closed.push('database'));
    lifecycle.at('waiting for NATS');
    events.emit('SIGTERM');
    expect(await exited).toBe(0);
    expect(closed).toEqual(['database']);
    expect(lines).toContain('info SIGTERM during start-up (waiting for NATS): stopping');
  });

  it('closes what it opened in reverse order on SIGTERM once running, and exits 0', async () => {
    const { events, lines, exited, lifecycle } = harness();
    const closed: string[] = [];
    lifecycle.opened('the database', async () => void closed.push('database'));
    lifecycle.opened('the app', async () => void closed.push('app'));
    lifecycle.started();
    events.emit('SIGTERM');
    expect(await exited).toBe(0);
    expect(closed).toEqual(['app', 'database']);
    expect(lines.filter((line) => !line.startsWith('debug'))).toEqual([
      'info SIGTERM received: stopping',
      'info stopped',
    ]);
  });

  it('exits 1 at the timeout when a close never ends, naming it', async () => {
    const { events, lines, exited, lifecycle } = harness(50);
    lifecycle.opened('the app', () => new Promise<void>(() => undefined));
    lifecycle.started();
    events.emit('SIGINT');
    expect(await exited).toBe(1);
    expect(lines).toContain('error did not stop within 50 ms (still closing the app): exiting now');
  });

  it('exits at once on a second signal while stopping', async () => {
    const { events, lines, exited, lifecycle } = harness(60000);
    let finishClosing: () => void = () => undefined;
    lifecycle.opened('the app', () => new Promise<void>((resolve) => (finishClosing = resolve)));
    lifecycle.started();
    events.emit('SIGTERM');
    events.emit('SIGTERM');
    expect(await exited).toBe(1);
    expect(lines).toContain('warn SIGTERM again while stopping: exiting now');
    finishClosing();
    await lifecycle.stop(0);
  });

  it('exits only once the log lines written so far are out', async () => {
    let drained: () => void = () => undefined;
    const { events, exited, lifecycle } = harness(
      1000,
      () => new Promise<void>((resolve) => (drained = resolve)),
    );
    let exitCode: number | undefined;
    void exited.then((code) => (exitCode = code));
    lifecycle.started();
    events.emit('SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(exitCode).toBeUndefined();
    drained();
    expect(await exited).toBe(0);
  });

  it('stops with exit code 1 when start-up fails, and logs why', async () => {
    const { lines, exited, lifecycle } = harness();
    lifecycle.at('connecting to the database and applying migrations');
    void lifecycle.fail(new Error('connection refused'));
    expect(await exited).toBe(1);
    expect(lines).toContain(
      'info failed to start (connecting to the database and applying migrations): connection refused',
    );
  });

  it('stops with exit code 1 on an unhandled rejection', async () => {
    const { events, exited } = harness();
    events.emit('unhandledRejection', new Error('lost'));
    expect(await exited).toBe(1);
  });

  it('still exits when something it opened fails to close, with exit code 1', async () => {
    const { events, lines, exited, lifecycle } = harness();
    lifecycle.opened('the metrics port', () => Promise.reject(new Error('busy')));
    lifecycle.started();
    events.emit('SIGTERM');
    expect(await exited).toBe(1);
    expect(lines).toContain('warn the metrics port did not close cleanly: Error: busy');
  });
});
