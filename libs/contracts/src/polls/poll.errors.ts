import { DomainError } from '../errors/domain-error';

/** Raised by the polls service and by a gateway answering from its cache: one code either way. */
export class PollNotFoundError extends DomainError {
  constructor() {
    super('poll_not_found', 404, 'The poll was not found.');
  }
}
