import Fastify from 'fastify';

/**
 * The HTTP ceiling: the same Fastify the gateway runs on, one route answering a constant, nothing
 * else. Forked by the bench; tells its port over IPC.
 */
async function main(): Promise<void> {
  const server = Fastify({ logger: false });
  server.get('/ceiling', async () => ({ ok: true }));
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`ceiling: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
