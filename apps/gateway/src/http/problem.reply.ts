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

/** A problem document ready to write: its status, headers (beside the ones every answer has) and body. */
export interface ProblemAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The answer for `error` in the client's language; logs unexpected errors with their stack under an
 * id. `vary` is the Vary header the answer already carries (CORS adds one).
 */
export function problemAnswer(
  error: unknown,
  request: { id: string; acceptLanguage: string | string[] | undefined; vary?: unknown },
  logger: LoggerService,
): ProblemAnswer {
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
  const language = negotiateLanguage(request.acceptLanguage);
  const problem = { ...localiseProblem(answer.problem, language), requestId: request.id };
  const headers: Record<string, string> = {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-language': language,
    vary: appendVary(request.vary, 'Accept-Language'),
  };
  if (answer.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.max(1, answer.retryAfterSeconds));
  return { status: problem.status, headers, body: JSON.stringify(problem) };
}

/** Writes the problem document for `error` (see problemAnswer) unless an answer has started. */
export function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: LoggerService,
): void {
  const answer = problemAnswer(
    error,
    {
      id: request.id,
      acceptLanguage: request.headers['accept-language'],
      vary: reply.getHeader('vary'),
    },
    logger,
  );
  if (reply.sent || reply.raw.headersSent) return;
  void reply.status(answer.status).headers(answer.headers).send(answer.body);
}

function appendVary(current: unknown, field: string): string {
  return typeof current === 'string' && current.length > 0 ? `${current}, ${field}` : field;
}
