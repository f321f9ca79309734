import type { WireError } from '@app/contracts';
import { GroupCommit, GroupCommitOptions } from '@app/persistence';
import { RemoteError } from './wire-error.mapper';

/** One request of a batch as the service answered it: its reply, or the error it would have had alone. */
export type BatchItemOutcome<TReply> = { reply: TReply } | { error: WireError };

export interface BatchRoutes<TRequest, TReply> {
  /** A batch of one goes as a plain request when there is one; as a batch of one otherwise. */
  one?(request: TRequest): Promise<TReply>;
  /** Many requests in one message; one outcome per request, in their order. */
  many(requests: TRequest[]): Promise<BatchItemOutcome<TReply>[]>;
}

/**
 * Sends requests to a service in batches: the requests that arrive within `maxDelayMs` of each other
 * (at most `maxSize`) go as one message, so a burst pays for one round trip, one decoding and one
 * validation instead of one each. Every request is answered with its own reply or its own error
 * (a RemoteError, as a plain call would throw); a batch the service did not answer fails each of its
 * requests with that failure.
 */
export class BatchForwarder<TRequest, TReply> {
  private readonly batches: GroupCommit<TRequest, TReply>;

  constructor(options: GroupCommitOptions, routes: BatchRoutes<TRequest, TReply>) {
    this.batches = new GroupCommit(options, async (requests) => {
      if (requests.length === 1 && routes.one) return Promise.allSettled([routes.one(requests[0])]);
      const outcomes = await routes.many(requests);
      return outcomes.map(settledOf);
    });
  }

  send(request: TRequest): Promise<TReply> {
    return this.batches.submit(request);
  }
}

function settledOf<TReply>(outcome: BatchItemOutcome<TReply>): PromiseSettledResult<TReply> {
  return 'reply' in outcome
    ? { status: 'fulfilled', value: outcome.reply }
    : { status: 'rejected', reason: new RemoteError(outcome.error) };
}
