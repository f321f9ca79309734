import type { FieldError, WireError } from './wire-error';

/**
 * Base of every expected failure: it has a stable `code` for clients and tests, and the HTTP status
 * it maps to. Services throw subclasses (`PollNotOpenError`, `AlreadyVotedError`); the messaging layer
 * sends them as a WireError and the gateway answers with a problem document.
 */
export class DomainError extends Error {
  /** Set by errors that tell the client when to try again (429). */
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }

  toWire(): WireError {
    return {
      code: this.code,
      status: this.status,
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
    };
  }
}

export class ValidationFailedError extends DomainError {
  constructor(errors: FieldError[], message = 'The request is not valid.') {
    super('validation_failed', 400, message, errors);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', 404, `${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super(code, 409, message);
  }
}

export class RuleViolationError extends DomainError {
  constructor(code: string, message: string) {
    super(code, 422, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this.') {
    super('forbidden', 403, message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Credentials are missing or not valid.') {
    super('unauthorized', 401, message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    override readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', 429, message);
  }
}

/**
 * Seconds a client is told to wait after a 503 that names no time of its own (the gateway adds it to
 * every such answer): a service's copy or a NATS server is back within that.
 */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

export class ServiceUnavailableError extends DomainError {
  constructor(service: string) {
    super('service_unavailable', 503, `The ${service} service is not answering. Try again shortly.`);
  }
}

/** The database is out of reach for a moment (restarting, failing over): to the client, a service not answering. */
export class DatabaseUnavailableError extends DomainError {
  constructor() {
    super('service_unavailable', 503, 'The service cannot reach its database. Try again shortly.');
  }
}
