import { useState } from 'preact/hooks';
import { useTexts } from '../console-context';
import { SHELL_MESSAGES } from '../i18n/shell-messages';

/**
 * Keyset paging as the API does it: each page names the cursor of the next. The cursors of the pages
 * behind are kept, so "previous" goes back without the API offering it.
 */
export function useCursorPaging(): {
  cursor: string | null;
  next(cursor: string): void;
  previous(): void;
  reset(): void;
  hasPrevious: boolean;
} {
  const [trail, setTrail] = useState<Array<string | null>>([null]);
  return {
    cursor: trail[trail.length - 1],
    next: (cursor) => setTrail((current) => [...current, cursor]),
    previous: () => setTrail((current) => (current.length > 1 ? current.slice(0, -1) : current)),
    reset: () => setTrail([null]),
    hasPrevious: trail.length > 1,
  };
}

export function CursorPager({
  paging,
  nextCursor,
}: {
  paging: ReturnType<typeof useCursorPaging>;
  nextCursor: string | null | undefined;
}) {
  const t = useTexts(SHELL_MESSAGES);
  if (!paging.hasPrevious && !nextCursor) return null;
  return (
    <nav class="pager" aria-label={t('pages')}>
      <button type="button" disabled={!paging.hasPrevious} onClick={() => paging.previous()}>
        ← {t('previous')}
      </button>
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && paging.next(nextCursor)}>
        {t('next')} →
      </button>
    </nav>
  );
}
