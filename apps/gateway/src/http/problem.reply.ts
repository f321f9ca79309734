import type { LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLanguage } from './language.negotiation';
import { PROBLEM_CONTENT_TYPE, ProblemDocument, toProblem } from './problem';
import { Language, problemMessage } from './problem.messages';

/**
 * The problem in the client's language. English keeps the error's own text (often more precise: it may
 * name what was not found); other languages take the catalog's text for the code. `code`, `type`,
 * `title` and the field errors stay as they are, for programs.
 */
export function localiseProblem(problem: ProblemDocument, language: Language): ProblemDocument {
  if (language === 'en') return problem;
  return {
    ...problem,
    detail: problemMessage(problem.code, problem.status, language, { errorId: problem.errorId }),
  };
}

/** Writes the problem document for `error`; logs unexpected errors with their stack under an id. */
export function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: LoggerService,
): void {
  const answer = toProblem(error);
  if (answer.unexpected) {
    logger.error(
      {
        msg: 'unexpected error',
        errorId: answer.problem.errorId,
        requestId: request.id,
        err: answer.unexpected.message,
      },
      answer.unexpected.stack,
      'Http',
    );
  }
  if (reply.sent || reply.raw.headersSent) return;
  const language = negotiateLanguage(request.headers['accept-language']);
  const problem = { ...localiseProblem(answer.problem, language), requestId: request.id };
  if (answer.retryAfterSeconds !== undefined)
    reply.header('Retry-After', String(Math.max(1, answer.retryAfterSeconds)));
  void reply
    .status(problem.status)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .header('Content-Language', language)
    .header('Vary', appendVary(reply.getHeader('vary'), 'Accept-Language'))
    .send(JSON.stringify(problem));
}

function appendVary(current: unknown, field: string): string {
  return typeof current === 'string' && current.length > 0 ? `${current}, ${field}` : field;
}
