import {
  ANONYMOUS,
  Caller,
  COMMENT_SORTS,
  CommentListQuery,
  CommentSort,
  PAGE_LIMIT_DEFAULT,
} from '@app/contracts';

/** Who the cached pages are made for: nobody in particular, so no one's own reactions or comments are in them. */
export const COMMENTS_PUBLIC_VIEWER: Caller = ANONYMOUS;

/** A caller every cached page may be shown to: no reader token, no portal or staff sign-in. */
export function isPublicViewer(caller: Caller): boolean {
  return caller.readerId === null && caller.staffId === null && caller.roles.length === 0;
}

/** The sort of a first page at the default size (the one cached), or undefined for any other page. */
export function cacheableSort(query: CommentListQuery): CommentSort | undefined {
  if (query.cursor !== undefined) return undefined;
  if (query.limit !== undefined && query.limit !== PAGE_LIMIT_DEFAULT) return undefined;
  return query.sort ?? 'newest';
}

/** The sort a raw query string asks for when it is exactly a cacheable first page, else undefined. */
export function cacheableSortOfRaw(query: Record<string, unknown>): CommentSort | undefined {
  const keys = Object.keys(query);
  if (keys.some((key) => key !== 'sort')) return undefined;
  const sort = query.sort ?? 'newest';
  return COMMENT_SORTS.find((known) => known === sort);
}
