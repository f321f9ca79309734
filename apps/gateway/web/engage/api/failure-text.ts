import type { FailureKey, Translator } from '@web/shared/i18n/translator';
import type { Answer } from './request';

/** What a reader is told when a call failed for a reason that is not about what they sent. */
export function failureText(t: Translator<FailureKey>, answer: Answer): string {
  switch (answer.status) {
    case 0:
      return t('network');
    case 429: {
      const seconds = Number(answer.retryAfter);
      return seconds > 0 ? t('rateLimitedIn', { n: Math.ceil(seconds / 60) }) : t('rateLimited');
    }
    case 502:
    case 503:
    case 504:
      return t('unavailable');
    default:
      return t('failed');
  }
}
