import type { PollView } from '@app/contracts/polls/poll.model';
import { useTexts } from '@web/console/console-context';
import { DateTime } from '@web/console/ui/date-time';
import { POLLS_MESSAGES } from './polls-messages';

/** When a poll opens and closes (or that it has no end), one line each, in the reader's time zone. */
export function PollDates({ poll }: { poll: Pick<PollView, 'opensAt' | 'closesAt'> }) {
  const t = useTexts(POLLS_MESSAGES);
  return (
    <span class="poll-dates">
      <span>
        {t('opensFrom')} <DateTime iso={poll.opensAt} />
      </span>{' '}
      <span>
        {poll.closesAt ? (
          <>
            {t('closesBy')} <DateTime iso={poll.closesAt} />
          </>
        ) : (
          t('noEnd')
        )}
      </span>
    </span>
  );
}
