import { COMMENT_LIMITS, normaliseCommentText } from '../comments/comment.fields';

/**
 * The display name a portal reader's (already verified) JWT gives: `name`, else `preferred_username`,
 * cleaned like any name a reader types and cut to the longest author name; null when there is none.
 * A name the portal lets through with line breaks or control characters must not make every request
 * of that reader fail validation.
 */
export function portalDisplayName(claims: Record<string, unknown>): string | null {
  const raw = [claims.name, claims.preferred_username].find(
    (value): value is string => typeof value === 'string' && value.trim().length > 0,
  );
  if (raw === undefined) return null;
  const name = [...normaliseCommentText(raw.replace(/[\n\r\u0085\u2028\u2029]+/g, ' '))]
    .slice(0, COMMENT_LIMITS.authorNameMaxLength)
    .join('')
    .trim();
  return name.length > 0 ? name : null;
}
