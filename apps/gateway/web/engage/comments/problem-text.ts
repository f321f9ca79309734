import { failureText } from '../api/failure-text';
import type { Answer } from '../api/request';
import type { Translator } from '@web/shared/i18n/translator';
import type { CommentMessageKey } from './comment-messages';

/** The problem-document codes of the comments API a reader can cause, with what the widget says. */
const BY_CODE: Record<string, CommentMessageKey> = {
  comments_closed: 'closed',
  comment_author_banned: 'banned',
  comment_banned_word: 'bannedWord',
  comment_duplicate: 'duplicate',
  comment_parent_invalid: 'parentGone',
  comment_edit_window_closed: 'editWindowClosed',
  comment_not_available: 'notEditable',
  comment_author_name_required: 'needName',
  comment_already_flagged: 'alreadyFlagged',
};

interface Problem {
  code?: unknown;
  detail?: unknown;
}

export function problemCode(answer: Answer): string | undefined {
  const body = answer.body as Problem | null;
  return body && typeof body.code === 'string' ? body.code : undefined;
}

/**
 * What a reader is told when the API refused: our own text for a known code; for other refusals of
 * what was sent (400), the gateway's detail, which it writes in the language the widget asked for.
 */
export function problemText(t: Translator<CommentMessageKey>, answer: Answer): string {
  const code = problemCode(answer);
  if (code && code in BY_CODE) return t(BY_CODE[code]);
  const detail = (answer.body as Problem | null)?.detail;
  if (answer.status === 400 && typeof detail === 'string' && detail) return detail;
  return failureText(t, answer);
}
