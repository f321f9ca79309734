import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import {
  DatabaseUnavailableError,
  DomainError,
  FieldError,
  SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
} from '@app/contracts';
import { RemoteError } from '@app/messaging';
import { isDatabaseUnavailable } from '@app/persistence';
import { problemMessage } from './problem.messages';

/** An RFC 9457 problem document, as every error of the API is answered. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  requestId?: string;
  errorId?: string;
}

export interface ProblemAnswer {
  problem: ProblemDocument;
  retryAfterSeconds?: number;
  /** Set for unexpected errors only: what to log, with the stack, under `problem.errorId`. */
  unexpected?: Error;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Fastify's own errors (raised before a route runs) and what they mean to a client. */
const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'empty_body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json' },
  FST_ERR_CTP_INSTANCE_ALREADY_STARTED: { status: 400, code: 'bad_request' },
  FST_ERR_BAD_URL: { status: 400, code: 'bad_url' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'uri_too_long' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'bad_request' },
};

export function problemTypeFor(code: string): string {
  return `urn:engage:problem:${code}`;
}

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** English text of a code raised with no message of its own (problem.messages.ts). */
const english = (code: string, status: number, errorId?: string) =>
  problemMessage(code, status, 'en', { errorId });

export function makeProblem(
  status: number,
  code: string,
  detail: string = english(code, status),
  errors?: FieldError[],
): ProblemDocument {
  return {
    type: problemTypeFor(code),
    title: titleFor(status),
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function codeForStatus(status: number): string {
  return titleFor(status)
    .toLowerCase()
    .replace(/[^a-z]+/g, '_');
}

/** Maps anything thrown while serving a request to the problem document the client receives. */
export function toProblem(error: unknown): ProblemAnswer {
  if (error instanceof DomainError) {
    const status = error.status >= 400 && error.status < 600 ? error.status : 500;
    const retryAfterSeconds =
      error.retryAfterSeconds ?? (status === 503 ? SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS : undefined);
    const answer: ProblemAnswer = { problem: makeProblem(status, error.code, error.message, error.errors) };
    if (retryAfterSeconds !== undefined) answer.retryAfterSeconds = retryAfterSeconds;
    if (status >= 500 && status !== 503) {
      // A service's unexpected error: it logged the stack under this id; pass the id on, nothing else.
      const errorId = (error instanceof RemoteError && error.errorId) || randomUUID();
      answer.problem = {
        ...makeProblem(500, 'internal_error', english('internal_error', 500, errorId)),
        errorId,
      };
    }
    return answer;
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = status === 404 ? 'not_found' : codeForStatus(status);
    return { problem: makeProblem(status, code, status === 404 ? undefined : error.message) };
  }
  const fastify = error as { code?: unknown; statusCode?: unknown } | null;
  if (fastify && typeof fastify.code === 'string' && FASTIFY_CODES[fastify.code]) {
    const known = FASTIFY_CODES[fastify.code];
    return { problem: makeProblem(known.status, known.code) };
  }
  if (error instanceof SyntaxError && fastify?.statusCode === 400) {
    return { problem: makeProblem(400, 'malformed_json') };
  }
  if (
    fastify &&
    typeof fastify.statusCode === 'number' &&
    fastify.statusCode >= 400 &&
    fastify.statusCode < 500
  ) {
    return {
      problem: makeProblem(
        fastify.statusCode,
        codeForStatus(fastify.statusCode),
        english('bad_request', 400),
      ),
    };
  }
  // The gateway's own tables (rate counters, staff) while PostgreSQL restarts: try again shortly.
  if (isDatabaseUnavailable(error)) return toProblem(new DatabaseUnavailableError());
  const errorId = randomUUID();
  return {
    problem: { ...makeProblem(500, 'internal_error', english('internal_error', 500, errorId)), errorId },
    unexpected: error instanceof Error ? error : new Error(String(error)),
  };
}
