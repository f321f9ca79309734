export interface ArticleClosure {
  closed: boolean;
  firstCommentAt: Date | null;
}

/** When comments close by themselves: autoCloseDays after the first comment; never with 0 days. */
export function autoClosesAt(firstCommentAt: Date | null, autoCloseDays: number): Date | null {
  if (autoCloseDays <= 0 || firstCommentAt === null) return null;
  return new Date(firstCommentAt.getTime() + autoCloseDays * 86_400_000);
}

export function isClosed(article: ArticleClosure, autoCloseDays: number, now: Date): boolean {
  if (article.closed) return true;
  const closesAt = autoClosesAt(article.firstCommentAt, autoCloseDays);
  return closesAt !== null && now.getTime() >= closesAt.getTime();
}
