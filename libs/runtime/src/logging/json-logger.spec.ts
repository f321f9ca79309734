import { JsonLogger } from './json-logger';

function capture(level: 'info' | 'debug') {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (chunk: string) => lines.push(JSON.parse(chunk) as Record<string, unknown>) };
  return { logger: new JsonLogger('polls', level, { destination }), lines };
}

describe('JsonLogger', () => {
  it("keeps Nest's module and route lines out of the info output", () => {
    const { logger, lines } = capture('info');
    logger.log('PollsModule dependencies initialized', 'InstanceLoader');
    logger.log('Mapped {/health/live, GET} route', 'RouterExplorer');
    logger.log('polls is answering on NATS', 'Host');
    expect(lines.map((line) => line.msg)).toEqual(['polls is answering on NATS']);
  });

  it('writes them at debug', () => {
    const { logger, lines } = capture('debug');
    logger.log('Mapped {/health/live, GET} route', 'RouterExplorer');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'debug', msg: 'Mapped {/health/live, GET} route' }),
    ]);
  });
});
