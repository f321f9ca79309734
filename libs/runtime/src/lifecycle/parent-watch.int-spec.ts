import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transpileModule, ModuleKind, ScriptTarget } from 'typescript';
import { waitFor } from '@test/support/wait-for';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A launcher stand-in that starts one app; the app runs the real watcher (compiled from its source)
 * and, like a Nest app with shutdown hooks, stops on SIGTERM.
 */
describe('an app started with ENGAGE_PARENT_PID', () => {
  let dir: string;
  let launcher: ChildProcess | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'engage-parent-watch-'));
    const source = readFileSync(join(__dirname, 'parent-watch.ts'), 'utf8');
    const compiled = transpileModule(source, {
      compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(join(dir, 'parent-watch.js'), compiled);
    writeFileSync(
      join(dir, 'app.js'),
      `const { exitWhenParentDies } = require('./parent-watch.js');
       process.on('SIGTERM', () => { console.log('app: graceful shutdown'); process.exit(0); });
       exitWhenParentDies(Number(process.env.ENGAGE_PARENT_PID), { intervalMs: 50 });
       console.log('app: pid ' + process.pid);
       setInterval(() => {}, 1000);`,
    );
    writeFileSync(
      join(dir, 'launcher.js'),
      `const { spawn } = require('node:child_process');
       spawn(process.execPath, [${JSON.stringify(join(dir, 'app.js'))}], {
         env: { ...process.env, ENGAGE_PARENT_PID: String(process.pid) },
         stdio: ['ignore', 'inherit', 'inherit'],
         detached: true,
       });
       setInterval(() => {}, 1000);`,
    );
  });
  afterAll(() => {
    launcher?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('shuts itself down gracefully when its launcher is killed with SIGKILL', async () => {
    const output: string[] = [];
    launcher = spawn(process.execPath, [join(dir, 'launcher.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
    launcher.stdout!.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n')));
    await waitFor(() => output.some((line) => line.startsWith('app: pid ')), 10000, 'the app to start');
    const appPid = Number(output.find((line) => line.startsWith('app: pid '))!.slice('app: pid '.length));
    expect(isAlive(appPid)).toBe(true);

    launcher.kill('SIGKILL');
    await waitFor(() => !isAlive(appPid), 5000, 'the app to exit after its launcher died');
    expect(output).toContain('app: graceful shutdown');
  });
});
