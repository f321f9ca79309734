import {
  ConflictError,
  FieldError,
  RateLimitedError,
  RuleViolationError,
  ValidationFailedError,
} from '@app/contracts';

export { PollNotFoundError } from '@app/contracts';

export class PollNotOpenError extends RuleViolationError {
  constructor() {
    super('poll_not_open', 'The poll is not open for voting.');
  }
}

export class AlreadyVotedError extends ConflictError {
  constructor() {
    super('already_voted', 'You have already voted in this poll.');
  }
}

export class PollAlreadyClosedError extends ConflictError {
  constructor() {
    super('poll_already_closed', 'The poll is already closed.');
  }
}

export class OptionsLockedError extends ConflictError {
  constructor() {
    super('options_locked', 'Options cannot be removed once the poll has votes.');
  }
}

export class VoteCapReachedError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super('Too many votes from this address in this poll; try again later.', retryAfterSeconds);
  }
}

/** Collects field errors so one answer lists every broken rule, not only the first. */
export class FieldErrors {
  private readonly errors: FieldError[] = [];

  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new ValidationFailedError([...this.errors]);
  }
}
