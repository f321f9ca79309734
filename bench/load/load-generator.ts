import { join } from 'node:path';
import { BenchChild } from '../infra/child.process';
import type { LoadJob, LoadResult } from './load.protocol';

/** The bench's handle on the load worker process. */
export class LoadGenerator {
  private constructor(readonly child: BenchChild) {}

  static start(): LoadGenerator {
    return new LoadGenerator(BenchChild.fork('load', join(__dirname, 'load-worker.js')));
  }

  run(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onExit = (): void => reject(new Error(`the load worker exited:\n${this.child.lastLines()}`));
      this.child.process.once('exit', onExit);
      this.child.process.once('message', (message: { result?: LoadResult; error?: string }) => {
        this.child.process.off('exit', onExit);
        if (message.result) resolve(message.result);
        else reject(new Error(`the load worker failed: ${message.error}`));
      });
      this.child.process.send(job);
    });
  }

  stop(): Promise<void> {
    if (this.child.process.connected) this.child.process.disconnect();
    return this.child.stop();
  }
}
