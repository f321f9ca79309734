import { DomainError } from '../errors/domain-error';

/** The URL's host is, or resolves to, an address inside the suite's network (SSRF guard). */
export class WebhookUrlRefusedError extends DomainError {
  constructor(reason: string) {
    super('webhook_url_refused', 422, `The webhook URL is refused: ${reason}.`, [
      { field: 'url', message: `url is refused: ${reason}` },
    ]);
  }
}

export class WebhookNotFoundError extends DomainError {
  constructor() {
    super('webhook_not_found', 404, 'The webhook endpoint was not found.');
  }
}
