import { Writable } from 'node:stream';
import { Supervisor } from './supervisor';

function collector(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { stream, text: () => text };
}

const node = process.execPath;

describe('Supervisor', () => {
  it('prefixes every line a child prints with its name', async () => {
    const out = collector();
    const supervisor = new Supervisor(() => {}, out.stream);
    supervisor.start({
      name: 'comments',
      command: node,
      args: ['-e', 'console.log("a\\nb"); console.error("c")'],
    });
    await supervisor.exitOf('comments');
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.text().split('\n').filter(Boolean).sort()).toEqual([
      'comments      | a',
      'comments      | b',
      'comments      | c',
    ]);
  });

  it('reports a child that exits on its own', async () => {
    const supervisor = new Supervisor(() => {}, collector().stream);
    const exits: unknown[] = [];
    supervisor.onUnexpectedExit((exit) => exits.push(exit));
    supervisor.start({ name: 'polls', command: node, args: ['-e', 'process.exit(3)'] });
    await supervisor.exitOf('polls');
    expect(exits).toEqual([{ name: 'polls', code: 3, signal: null }]);
  });

  it('stops children with SIGTERM and kills those that ignore it', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor((line) => lines.push(line), collector().stream);
    const exits: unknown[] = [];
    supervisor.onUnexpectedExit((exit) => exits.push(exit));
    const polite = supervisor.start({
      name: 'polite',
      command: node,
      args: ['-e', 'setInterval(() => {}, 1000)'],
    });
    const stubborn = supervisor.start({
      name: 'stubborn',
      command: node,
      args: ['-e', 'process.on("SIGTERM", () => {}); console.log("up"); setInterval(() => {}, 1000)'],
    });
    await new Promise<void>((resolve) => stubborn.stdout!.once('data', () => resolve()));
    await supervisor.stopAll(300);
    expect(polite.signalCode).toBe('SIGTERM');
    expect(stubborn.signalCode).toBe('SIGKILL');
    expect(supervisor.running()).toEqual([]);
    expect(exits).toEqual([]);
    expect(lines.join('\n')).toMatch(/killing: stubborn/);
  });
});
