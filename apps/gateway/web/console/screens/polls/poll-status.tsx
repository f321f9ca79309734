import type { PollStatus } from '@app/contracts/polls/poll.model';
import { useTexts } from '@web/console/console-context';
import { POLLS_MESSAGES, type PollsKey } from './polls-messages';

const LABELS: Record<PollStatus, PollsKey> = {
  scheduled: 'statusScheduled',
  open: 'statusOpen',
  closed: 'statusClosed',
};

/** A poll's status as a tag; the class lets each status have its colour. */
export function PollStatusTag({ status }: { status: PollStatus }) {
  const t = useTexts(POLLS_MESSAGES);
  return <span class={`tag poll-status poll-status-${status}`}>{t(LABELS[status])}</span>;
}
