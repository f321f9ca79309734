import type { PollView } from '@app/contracts/polls/poll.model';
import type { Translator } from '@web/shared/i18n/translator';
import type { PollMessageKey } from './poll-messages';

/** Why a poll's results are not shown yet. */
export function hiddenNote(t: Translator<PollMessageKey>, poll: PollView): string {
  if (poll.status !== 'closed' && poll.resultsVisibility === 'after_close') {
    return poll.closesAt ? t('hiddenAfterCloseAt', { date: t.date(poll.closesAt) }) : t('hiddenAfterClose');
  }
  return t('hiddenAfterVote');
}

/** "Всего голосов: N", with the number of voters when a multiple-choice poll's differ. */
export function totalText(t: Translator<PollMessageKey>, poll: PollView): string {
  let text = t('total', { n: t.number(poll.totalVotes ?? 0) });
  if (poll.multipleChoice && poll.totalVoters !== null && poll.totalVoters !== poll.totalVotes) {
    text += ' · ' + t('voters', { n: t.number(poll.totalVoters) });
  }
  return text;
}
