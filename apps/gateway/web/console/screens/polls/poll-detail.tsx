import { useEffect, useRef, useState } from 'preact/hooks';
import type { PollView } from '@app/contracts/polls/poll.model';
import { POLL_ROUTES } from '@web/console/api/routes';
import { useConsole, useLoad, useTexts } from '@web/console/console-context';
import { hrefOf, navigate } from '@web/console/router';
import { DateTime } from '@web/console/ui/date-time';
import { saveDownload } from '@web/console/ui/download';
import { LoadState } from '@web/console/ui/load-state';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { useAction } from '@web/console/ui/use-action';
import { PollDates } from './poll-dates';
import { PollResults } from './poll-results';
import { PollStatusTag } from './poll-status';
import { POLLS_MESSAGES, type PollsKey } from './polls-messages';
import { useLivePoll } from './use-live-poll';

const VISIBILITY_LABELS: Record<PollView['resultsVisibility'], PollsKey> = {
  always: 'visibilityAlways',
  after_vote: 'visibilityAfterVote',
  after_close: 'visibilityAfterClose',
};

/** `/polls/:id`: the poll's results, live, with what an editor does to it. */
export function PollDetailScreen({ id }: { id: string }) {
  const { api } = useConsole();
  const loaded = useLoad(() => api.call<PollView>(POLL_ROUTES.get, { params: { id } }), [id]);
  return <LoadState loaded={loaded}>{(poll) => <PollDetail initial={poll} />}</LoadState>;
}

function PollDetail({ initial }: { initial: PollView }) {
  const { api } = useConsole();
  const t = useTexts(POLLS_MESSAGES);
  const { poll, replace } = useLivePoll(initial);
  const { busy, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  // The question takes the keyboard when it appears (on the harmless answer); cancelling gives it back.
  const keep = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) keep.current?.focus();
    else if (asked.current) removeButton.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  const params = { id: poll.id };

  const close = () =>
    run(async () => replace(await api.call<PollView>(POLL_ROUTES.close, { params })), t('closeDone'));
  const download = () =>
    run(async () => saveDownload(await api.download(POLL_ROUTES.resultsCsv, params)), t('downloaded'));
  async function remove() {
    if (await run(() => api.call(POLL_ROUTES.remove, { params }), t('removed'))) navigate('/polls');
  }

  return (
    <section class="polls">
      <p class="poll-back">
        <a href={hrefOf('/polls')}>{t('backToList')}</a>
      </p>
      <ScreenTitle
        actions={
          <>
            <button type="button" onClick={() => navigate(`/polls/${poll.id}/edit`)}>
              {t('edit')}
            </button>
            <button type="button" disabled={busy} onClick={() => void download()}>
              {t('downloadCsv')}
            </button>
            {poll.status !== 'closed' ? (
              <button type="button" disabled={busy} onClick={() => void close()}>
                {t('close')}
              </button>
            ) : null}
            <button
              type="button"
              class="danger"
              ref={removeButton}
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              {t('remove')}
            </button>
          </>
        }
      >
        {poll.question}
      </ScreenTitle>
      {confirming ? (
        <div class="poll-confirm card" role="alertdialog" aria-labelledby="poll-remove-question">
          <p id="poll-remove-question">{t('removeConfirm')}</p>
          <div class="row">
            <button type="button" class="danger" disabled={busy} onClick={() => void remove()}>
              {t('removeYes')}
            </button>
            <button type="button" ref={keep} onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : null}
      <div class="poll-detail">
        <div class="card">
          <h2>{t('results')}</h2>
          <PollResults poll={poll} />
          {poll.status === 'open' ? <p class="muted">{t('live')}</p> : null}
        </div>
        <div class="card">
          <h2>{t('settings')}</h2>
          <dl class="poll-facts">
            <dt>{t('colStatus')}</dt>
            <dd>
              <PollStatusTag status={poll.status} />
            </dd>
            <dt>{t('colDates')}</dt>
            <dd>
              <PollDates poll={poll} />
            </dd>
            <dt>{t('choice')}</dt>
            <dd>
              {poll.multipleChoice
                ? t('multipleChoiceShort', { n: poll.maxChoices })
                : t('singleChoiceShort')}
            </dd>
            <dt>{t('visibility')}</dt>
            <dd>{t(VISIBILITY_LABELS[poll.resultsVisibility])}</dd>
            <dt>{t('colPlacement')}</dt>
            <dd>{poll.placement}</dd>
            <dt>{t('articleId')}</dt>
            <dd>{poll.articleId ?? t('articleNone')}</dd>
            <dt>{t('createdAt')}</dt>
            <dd>
              <DateTime iso={poll.createdAt} />
            </dd>
          </dl>
        </div>
      </div>
    </section>
  );
}
