/** What one webhook answer means for the delivery and for the endpoint. */
export type WebhookVerdict = 'sent' | 'gone' | 'retry';

/**
 * 2xx: delivered. 410 Gone: the receiver says the endpoint is no more, so it is disabled. Anything
 * else (another 4xx included: a receiver mid-deploy often answers 404) is retried on the schedule
 * until the endpoint has failed for too long.
 */
export function webhookVerdict(status: number): WebhookVerdict {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 410) return 'gone';
  return 'retry';
}

/** Whether an endpoint failing without a break since `failingSince` has failed long enough to be disabled. */
export function failedTooLong(failingSince: Date | null, now: Date, disableAfterHours: number): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= disableAfterHours * 3_600_000;
}
