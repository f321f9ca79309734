import type { LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describeForLog } from '@app/persistence';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';

/**
 * Writes the problem document for `error`; logs unexpected errors with their stack under an id, never
 * with a database error's message (it carries the caller's values).
 */
export function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: LoggerService,
): void {
  const answer = toProblem(error);
  const problem = { ...answer.problem, requestId: request.id };
  if (answer.unexpected) {
    const { err, stack } = describeForLog(answer.unexpected);
    logger.error(
      { msg: 'unexpected error', errorId: problem.errorId, requestId: request.id, err },
      stack,
      'Http',
    );
  }
  if (reply.sent || reply.raw.headersSent) return;
  if (answer.retryAfterSeconds !== undefined)
    reply.header('Retry-After', String(Math.max(1, answer.retryAfterSeconds)));
  void reply
    .status(problem.status)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}
