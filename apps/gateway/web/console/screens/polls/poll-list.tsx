import type { PollPage } from '@app/contracts/polls/poll.model';
import { POLL_ROUTES } from '@web/console/api/routes';
import { useConsole, useLoad, useTexts } from '@web/console/console-context';
import { hrefOf, navigate, queryOf } from '@web/console/router';
import { CursorPager, useCursorPaging } from '@web/console/ui/cursor-pager';
import { LoadState } from '@web/console/ui/load-state';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { PollDates } from './poll-dates';
import { PollStatusTag } from './poll-status';
import { POLLS_MESSAGES, type PollsKey } from './polls-messages';
import { DataTable } from '@web/console/ui/data-table';

type ListFilter = 'all' | 'open' | 'scheduled' | 'closed';

const FILTERS: ReadonlyArray<{ status: ListFilter; label: PollsKey; empty: PollsKey }> = [
  { status: 'all', label: 'filterAll', empty: 'emptyAll' },
  { status: 'open', label: 'filterOpen', empty: 'emptyOpen' },
  { status: 'scheduled', label: 'filterScheduled', empty: 'emptyScheduled' },
  { status: 'closed', label: 'filterClosed', empty: 'emptyClosed' },
];

const PAGE_SIZE = 20;

function filterOf(path: string): ListFilter {
  const wanted = queryOf(path).get('status');
  return FILTERS.find((filter) => filter.status === wanted)?.status ?? 'all';
}

/** Every poll, newest first, filtered by status (kept in the URL), a page at a time. */
export function PollList({ path }: { path: string }) {
  const t = useTexts(POLLS_MESSAGES);
  const status = filterOf(path);
  return (
    <section class="polls">
      <ScreenTitle
        actions={
          <button type="button" class="primary" onClick={() => navigate('/polls/new')}>
            {t('newPoll')}
          </button>
        }
      >
        {t('listTitle')}
      </ScreenTitle>
      <nav class="poll-filters" aria-label={t('filterLabel')}>
        {FILTERS.map((filter) => (
          <a
            key={filter.status}
            href={hrefOf(filter.status === 'all' ? '/polls' : `/polls?status=${filter.status}`)}
            aria-current={filter.status === status ? 'page' : undefined}
          >
            {t(filter.label)}
          </a>
        ))}
      </nav>
      {/* Keyed by the filter: another filter starts again from its first page. */}
      <PollTable key={status} status={status} />
    </section>
  );
}

function PollTable({ status }: { status: ListFilter }) {
  const { api } = useConsole();
  const t = useTexts(POLLS_MESSAGES);
  const paging = useCursorPaging();
  const loaded = useLoad(
    () =>
      api.call<PollPage>(POLL_ROUTES.list, {
        query: { status, limit: PAGE_SIZE, cursor: paging.cursor },
      }),
    [status, paging.cursor],
  );
  const empty = FILTERS.find((filter) => filter.status === status)!.empty;
  return (
    <LoadState loaded={loaded}>
      {(page) =>
        page.items.length === 0 && !paging.hasPrevious ? (
          <p class="muted">{t(empty)}</p>
        ) : (
          <>
            <DataTable
              className="poll-table"
              columns={[
                t('colQuestion'),
                t('colStatus'),
                t('colPlacement'),
                t('colDates'),
                { text: t('colVotes'), numeric: true },
              ]}
            >
              {page.items.map((poll) => (
                <tr key={poll.id}>
                  <td>
                    <a href={hrefOf(`/polls/${poll.id}`)}>{poll.question}</a>
                  </td>
                  <td>
                    <PollStatusTag status={poll.status} />
                  </td>
                  <td>{poll.placement}</td>
                  <td>
                    <PollDates poll={poll} />
                  </td>
                  <td class="numeric">{poll.totalVotes === null ? '—' : t.number(poll.totalVotes)}</td>
                </tr>
              ))}
            </DataTable>
            <CursorPager paging={paging} nextCursor={page.nextCursor} />
          </>
        )
      }
    </LoadState>
  );
}
