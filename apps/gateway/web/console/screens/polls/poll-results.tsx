import type { PollView } from '@app/contracts/polls/poll.model';
import { useTexts } from '@web/console/console-context';
import { POLLS_MESSAGES } from './polls-messages';

/**
 * Each option's votes and share, in the editor's order, with a bar drawn by a <meter> (the CSP allows
 * no inline style for a width); then "Всего голосов". The total is a polite live region, so a screen
 * reader hears the count move without the whole table being read again.
 */
export function PollResults({ poll }: { poll: PollView }) {
  const t = useTexts(POLLS_MESSAGES);
  return (
    <div class="poll-results">
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colOption')}</th>
              <th scope="col" class="numeric">
                {t('colVotes')}
              </th>
              <th scope="col" class="numeric">
                {t('colPercent')}
              </th>
            </tr>
          </thead>
          <tbody>
            {poll.options.map((option) => {
              const percent = Math.max(0, Math.min(100, option.percent ?? 0));
              return (
                <tr key={option.id} class="poll-result">
                  <th scope="row" class="poll-result-option">
                    <span>{option.text}</span>
                    <meter class="poll-bar" min={0} max={100} value={percent} aria-hidden="true" />
                  </th>
                  <td class="numeric poll-result-votes">
                    {option.votes === null ? '—' : t.number(option.votes)}
                  </td>
                  <td class="numeric poll-result-percent">{option.percent === null ? '—' : `${percent}%`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="poll-total" aria-live="polite">
        {t('total', { n: t.number(poll.totalVotes ?? 0) })}
        {poll.multipleChoice && poll.totalVoters !== null ? (
          <span class="muted"> · {t('voters', { n: t.number(poll.totalVoters) })}</span>
        ) : null}
      </p>
    </div>
  );
}
