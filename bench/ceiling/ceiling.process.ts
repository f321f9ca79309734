import { join } from 'node:path';
import { BenchChild } from '../infra/child.process';

/** Forks the bare Fastify server and resolves with its base URL once it listens. */
export async function startCeiling(): Promise<{ baseUrl: string; child: BenchChild }> {
  const child = BenchChild.fork('ceiling', join(__dirname, 'ceiling-server.js'));
  const port = await new Promise<number>((resolve, reject) => {
    child.process.once('message', (message: { port: number }) => resolve(message.port));
    child.process.once('exit', () => reject(new Error(`the ceiling server exited:\n${child.lastLines()}`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, child };
}
