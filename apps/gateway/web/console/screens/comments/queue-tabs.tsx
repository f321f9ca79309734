import type { ModerationCountsView, ModerationQueue } from '@app/contracts/comments/comment.model';
import { useTexts } from '@web/console/console-context';
import { hrefOf } from '@web/console/router';
import { COMMENTS_MESSAGES } from './comments-messages';

export const QUEUES: readonly ModerationQueue[] = ['pending', 'flagged', 'rejected', 'all'];

const LABELS = {
  pending: 'queuePending',
  flagged: 'queueFlagged',
  rejected: 'queueRejected',
  all: 'queueAll',
} as const;

/** The queues as links, each with its live count (`all` has none: it is every comment). */
export function QueueTabs({
  current,
  counts,
}: {
  current: ModerationQueue;
  counts: ModerationCountsView | null;
}) {
  const t = useTexts(COMMENTS_MESSAGES);
  return (
    <nav class="queue-tabs" aria-label={t('queues')}>
      {QUEUES.map((queue) => {
        const count = queue === 'all' || !counts ? null : counts[queue];
        return (
          <a
            key={queue}
            href={hrefOf(`/comments/${queue}`)}
            aria-current={queue === current ? 'page' : undefined}
            data-queue={queue}
          >
            {t(LABELS[queue])}
            {count === null ? null : (
              <span class={count > 0 && queue !== 'rejected' ? 'queue-count waiting' : 'queue-count'}>
                {t.number(count)}
              </span>
            )}
          </a>
        );
      })}
    </nav>
  );
}
