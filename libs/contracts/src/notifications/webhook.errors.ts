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

/** The site has as many endpoints as it may (WEBHOOK_ENDPOINTS_MAX); delete one first. */
export class WebhookLimitReachedError extends DomainError {
  constructor(max: number) {
    super('webhook_limit_reached', 409, `The site already has ${max} webhook endpoints; delete one first.`);
  }
}
