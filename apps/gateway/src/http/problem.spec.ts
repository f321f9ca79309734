import { HttpException, MethodNotAllowedException, NotFoundException } from '@nestjs/common';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  RateLimitedError,
  SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
  ServiceUnavailableError,
  ValidationFailedError,
} from '@app/contracts';
import { RemoteError } from '@app/messaging';
import { toProblem } from './problem';
import { localiseProblem } from './problem.reply';

describe('problem documents', () => {
  it('answers a domain error with its status, code, message and field errors', () => {
    const answer = toProblem(new ValidationFailedError([{ field: 'email', message: 'must be an email' }]));
    expect(answer.problem).toEqual({
      type: 'urn:engage:problem:validation_failed',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      code: 'validation_failed',
      errors: [{ field: 'email', message: 'must be an email' }],
    });
    expect(answer.unexpected).toBeUndefined();
    expect(toProblem(new NotFoundError('The staff account')).problem).toMatchObject({
      status: 404,
      code: 'not_found',
      detail: 'The staff account was not found.',
    });
    expect(toProblem(new ConflictError('last_admin', 'No.')).problem).toMatchObject({
      status: 409,
      title: 'Conflict',
      code: 'last_admin',
    });
  });

  it('carries Retry-After of a rate limit, and of a 503, which stays a 503', () => {
    const limited = toProblem(new RateLimitedError('Slow down.', 42));
    expect(limited).toMatchObject({ problem: { status: 429, code: 'rate_limited' }, retryAfterSeconds: 42 });
    expect(toProblem(new ServiceUnavailableError('polls'))).toMatchObject({
      problem: { status: 503, code: 'service_unavailable' },
      retryAfterSeconds: 1,
    });
  });

  it("tells a client when to try again after every 503, its own or a service's", () => {
    expect(toProblem(new ServiceUnavailableError('polls')).retryAfterSeconds).toBe(
      SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
    );
    const remote = new RemoteError({ code: 'database_unavailable', status: 503, message: 'Try again.' });
    expect(toProblem(remote)).toMatchObject({
      problem: { status: 503 },
      retryAfterSeconds: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
    expect(toProblem(new ConflictError('last_admin', 'No.')).retryAfterSeconds).toBeUndefined();
  });

  it("answers a lost connection to the gateway's own database with a 503, not an unexpected error", () => {
    const lost = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const answer = toProblem(lost);
    expect(answer).toMatchObject({
      problem: { status: 503, code: 'service_unavailable' },
      retryAfterSeconds: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
    expect(answer.unexpected).toBeUndefined();
  });

  it("answers a service's unexpected error with the service's error id and nothing else", () => {
    const remote = new RemoteError({
      code: 'internal_error',
      status: 500,
      message: 'Unexpected error (id remote-1).',
      errorId: 'remote-1',
    });
    const answer = toProblem(remote);
    expect(answer.problem).toMatchObject({ status: 500, code: 'internal_error', errorId: 'remote-1' });
    expect(answer.problem.detail).toContain('remote-1');
  });

  it('turns a domain error with a status outside 4xx and 5xx into an internal error with a fresh id', () => {
    const answer = toProblem(new DomainError('odd', 302, 'secret internals'));
    expect(answer.problem).toMatchObject({ status: 500, code: 'internal_error' });
    expect(answer.problem.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(answer.problem)).not.toContain('secret internals');
  });

  it("maps Nest's HTTP exceptions: an unknown route is not_found, others a code from their status", () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({
      status: 404,
      code: 'not_found',
      detail: 'There is nothing at this address.',
    });
    expect(toProblem(new MethodNotAllowedException()).problem).toMatchObject({
      status: 405,
      code: 'method_not_allowed',
    });
    expect(toProblem(new HttpException('Gone', 410)).problem).toMatchObject({
      status: 410,
      title: 'Client Error',
    });
  });

  it("maps Fastify's own errors by their code", () => {
    const fastify = (code: string, statusCode: number) =>
      Object.assign(new Error(code), { code, statusCode });
    expect(toProblem(fastify('FST_ERR_CTP_BODY_TOO_LARGE', 413)).problem).toMatchObject({
      status: 413,
      code: 'body_too_large',
      detail: 'The request body is larger than allowed.',
    });
    expect(toProblem(fastify('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415)).problem).toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
    });
    expect(toProblem(fastify('FST_ERR_SOMETHING_NEW', 400)).problem).toMatchObject({
      status: 400,
      code: 'bad_request',
    });
    const syntax = Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 });
    expect(toProblem(syntax).problem).toMatchObject({ status: 400, code: 'malformed_json' });
  });

  it('answers anything else with a 500 that names an error id and hides the error', () => {
    const answer = toProblem(new TypeError('cannot read properties of undefined (reading "x")'));
    expect(answer.problem).toMatchObject({ status: 500, code: 'internal_error' });
    expect(answer.problem.detail).toBe(`Unexpected error (id ${answer.problem.errorId}).`);
    expect(answer.unexpected).toBeInstanceOf(TypeError);
    expect(JSON.stringify(answer.problem)).not.toContain('cannot read');
    expect(toProblem('a thrown string').unexpected).toBeInstanceOf(Error);
  });

  it('writes the detail in Russian from the catalog and keeps code, title and field errors', () => {
    const english = toProblem(
      new ValidationFailedError([{ field: 'optionIds', message: 'must not be empty' }]),
    ).problem;
    const russian = localiseProblem(english, 'ru');
    expect(russian).toEqual({ ...english, detail: 'Запрос заполнен с ошибками.' });
    expect(localiseProblem(english, 'en')).toBe(english);
    const unexpected = toProblem(new Error('boom')).problem;
    expect(localiseProblem(unexpected, 'ru').detail).toBe(
      `Непредвиденная ошибка (код ${unexpected.errorId}).`,
    );
    const unknownCode = toProblem(new DomainError('comment_too_spicy', 422, 'Too spicy.')).problem;
    expect(localiseProblem(unknownCode, 'ru').detail).toBe(
      'Запрос составлен верно, но правила его не допускают.',
    );
  });
});
