import type { LoggerService } from '@nestjs/common';
import type { BatchItemOutcome } from './batch-forwarder';
import { toWireError } from './wire-error.mapper';

/**
 * The service's side of a batch a BatchForwarder sent: each request handled as if it came alone (they
 * meet again in the service's group commit), each answered with its reply or with the error it would
 * have had alone, in the requests' order.
 */
export async function answerEach<TRequest, TReply>(
  requests: readonly TRequest[],
  handle: (request: TRequest) => Promise<TReply>,
  logger: LoggerService,
): Promise<BatchItemOutcome<TReply>[]> {
  const settled = await Promise.allSettled(requests.map(handle));
  return settled.map((result) =>
    result.status === 'fulfilled' ? { reply: result.value } : { error: toWireError(result.reason, logger) },
  );
}
