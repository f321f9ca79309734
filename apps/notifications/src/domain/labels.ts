import type { SubmissionStatus } from '@app/contracts';

type Locale = 'ru' | 'en';

/** Words the templates need per locale that come from a code, not from a person. */
const STATUS: Record<Locale, Record<SubmissionStatus, string>> = {
  ru: {
    received: 'получено',
    in_review: 'на рассмотрении',
    needs_info: 'нужны уточнения',
    accepted: 'принято',
    published: 'опубликовано',
    rejected: 'отклонено',
    spam: 'спам',
  },
  en: {
    received: 'received',
    in_review: 'in review',
    needs_info: 'more information needed',
    accepted: 'accepted',
    published: 'published',
    rejected: 'declined',
    spam: 'spam',
  },
};

const DIGEST_KIND: Record<Locale, Record<'comment.held' | 'comment.flagged', string>> = {
  ru: { 'comment.held': 'На премодерации', 'comment.flagged': 'Жалобы' },
  en: { 'comment.held': 'Held for review', 'comment.flagged': 'Flagged' },
};

export function statusLabel(locale: Locale, status: SubmissionStatus): string {
  return STATUS[locale][status];
}

export function digestKindLabel(locale: Locale, type: string): string {
  return type === 'comment.flagged'
    ? DIGEST_KIND[locale]['comment.flagged']
    : DIGEST_KIND[locale]['comment.held'];
}
