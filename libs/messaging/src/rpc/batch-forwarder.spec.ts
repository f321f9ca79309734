import type { WireError } from '@app/contracts';
import { BatchForwarder, BatchItemOutcome } from './batch-forwarder';
import { RemoteError } from './wire-error.mapper';

const refusal: WireError = { code: 'already_voted', status: 409, message: 'Already voted.' };

/** Routes that record what was sent and answer odd numbers with a refusal, even ones doubled. */
function recordingRoutes(withOne: boolean) {
  const sent: { route: 'one' | 'many'; requests: number[] }[] = [];
  const outcomeOf = (request: number): BatchItemOutcome<number> =>
    request % 2 === 0 ? { reply: request * 2 } : { error: refusal };
  return {
    sent,
    routes: {
      ...(withOne
        ? {
            one: (request: number) => {
              sent.push({ route: 'one', requests: [request] });
              const outcome = outcomeOf(request);
              return 'reply' in outcome
                ? Promise.resolve(outcome.reply)
                : Promise.reject(new RemoteError(outcome.error));
            },
          }
        : {}),
      many: (requests: number[]) => {
        sent.push({ route: 'many', requests });
        return Promise.resolve(requests.map(outcomeOf));
      },
    },
  };
}

const settle = (promise: Promise<number>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ status: error instanceof RemoteError ? error.status : 'other' }),
  );

describe('BatchForwarder', () => {
  it('sends what arrives together as one message and answers each request with its own outcome', async () => {
    const { sent, routes } = recordingRoutes(true);
    const forwarder = new BatchForwarder({ maxSize: 3, maxDelayMs: 1000, maxInFlight: 4 }, routes);
    const answers = await Promise.all([2, 3, 4].map((request) => settle(forwarder.send(request))));
    expect(sent).toEqual([{ route: 'many', requests: [2, 3, 4] }]);
    expect(answers).toEqual([{ value: 4 }, { status: 409 }, { value: 8 }]);
  });

  it('sends a lone request as a plain one when there is a plain route, as a batch of one otherwise', async () => {
    const plain = recordingRoutes(true);
    await expect(
      new BatchForwarder({ maxSize: 3, maxDelayMs: 0, maxInFlight: 4 }, plain.routes).send(2),
    ).resolves.toBe(4);
    expect(plain.sent).toEqual([{ route: 'one', requests: [2] }]);
    const batched = recordingRoutes(false);
    const forwarder = new BatchForwarder({ maxSize: 3, maxDelayMs: 0, maxInFlight: 4 }, batched.routes);
    await expect(settle(forwarder.send(3))).resolves.toEqual({ status: 409 });
    expect(batched.sent).toEqual([{ route: 'many', requests: [3] }]);
  });

  it('fails every request of a batch the service did not answer with that failure', async () => {
    const unanswered = new Error('no answer');
    const forwarder = new BatchForwarder<number, number>(
      { maxSize: 2, maxDelayMs: 1000, maxInFlight: 4 },
      { many: () => Promise.reject(unanswered) },
    );
    const answers = [forwarder.send(1), forwarder.send(2)];
    for (const answer of answers) await expect(answer).rejects.toBe(unanswered);
  });
});
