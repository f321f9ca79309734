import { useEffect, useState } from 'preact/hooks';
import type { ModerationCountsView } from '@app/contracts/comments/comment.model';
import { useConsole } from '@web/console/console-context';
import { COMMENT_ROUTES } from '@web/console/api/routes';

/**
 * The size of each moderation queue, kept current by the gateway's stream: it sends the counts when it
 * opens and whenever they change, so a held comment shows in the tab without a reload. Null until the
 * first count arrives.
 */
export function useLiveCounts(): ModerationCountsView | null {
  const { api } = useConsole();
  const [counts, setCounts] = useState<ModerationCountsView | null>(null);
  useEffect(() => {
    const stop = new AbortController();
    void api.stream(
      COMMENT_ROUTES.countsStream,
      (event, data) => {
        if (event === 'counts' && isCounts(data)) setCounts(data);
      },
      stop.signal,
    );
    return () => stop.abort();
  }, [api]);
  return counts;
}

function isCounts(data: unknown): data is ModerationCountsView {
  const value = data as ModerationCountsView | null;
  return (
    !!value &&
    typeof value.pending === 'number' &&
    typeof value.flagged === 'number' &&
    typeof value.rejected === 'number'
  );
}
