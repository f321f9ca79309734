import { useState } from 'preact/hooks';
import type { DeskSubmissionItemView } from '@app/contracts/reporter/submission.model';
import { useLoad, useTexts } from '@web/console/console-context';
import { hrefOf, navigate, queryOf } from '@web/console/router';
import { CursorPager, useCursorPaging } from '@web/console/ui/cursor-pager';
import { DateTime } from '@web/console/ui/date-time';
import { LoadState } from '@web/console/ui/load-state';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { filtersOf, listPathOf, NO_FILTERS, type DeskFilters } from './desk-filters';
import { StatusTag } from './status-tag';
import { CATEGORIES, CATEGORY_LABELS, STATUSES, STATUS_LABELS } from './submission-labels';
import { SUBMISSION_MESSAGES } from './submissions-messages';
import { useDeskApi } from './use-desk';
import { useNamesOf, useRoster, type Roster } from '@web/console/staff/roster';
import { DataTable } from '@web/console/ui/data-table';

/** The desk: every submission, newest first, filtered by what the URL names. */
/** The list as last shown (its filters and search), for the detail's way back to it. */
let lastListPath = '/submissions';

export function deskListPath(): string {
  return lastListPath;
}

export function DeskList({ path }: { path: string }) {
  lastListPath = path;
  const t = useTexts(SUBMISSION_MESSAGES);
  const roster = useRoster();
  const filters = filtersOf(queryOf(path), STATUSES, CATEGORIES);
  const key = listPathOf(filters);
  return (
    <section class="desk">
      <ScreenTitle>{t('deskTitle')}</ScreenTitle>
      <FilterForm key={`filters:${key}`} filters={filters} roster={roster} />
      {/* Keyed by the filters: a new filter starts again from the first page. */}
      <DeskRows key={`rows:${key}`} filters={filters} roster={roster} />
    </section>
  );
}

function FilterForm({ filters, roster }: { filters: DeskFilters; roster: Roster }) {
  const t = useTexts(SUBMISSION_MESSAGES);
  const [draft, setDraft] = useState(filters);
  const set = (name: keyof DeskFilters) => (event: Event) =>
    setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const named = ['', 'me', 'none'].includes(draft.assignee);
  const listed = roster.members.some((member) => member.id === draft.assignee);
  return (
    <form
      class="desk-filters card"
      role="search"
      aria-label={t('filters')}
      onSubmit={(event) => {
        event.preventDefault();
        navigate(listPathOf(draft));
      }}
    >
      <label>
        {t('filterStatus')}
        <select name="status" value={draft.status} onChange={set('status')}>
          <option value="">{t('any')}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(STATUS_LABELS[status])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filterCategory')}
        <select name="category" value={draft.category} onChange={set('category')}>
          <option value="">{t('any')}</option>
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(CATEGORY_LABELS[category])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filterAssignee')}
        <select name="assignee" value={draft.assignee} onChange={set('assignee')}>
          <option value="">{t('any')}</option>
          <option value="me">{t('assigneeMe')}</option>
          <option value="none">{t('assigneeNone')}</option>
          {roster.members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.email}
            </option>
          ))}
          {/* A staff id from a link, before the roster arrives (or of an account since removed). */}
          {named || listed ? null : <option value={draft.assignee}>{draft.assignee}</option>}
        </select>
      </label>
      <label class="desk-search">
        {t('filterSearch')}
        <input type="search" name="q" maxLength={200} value={draft.q} onInput={set('q')} />
      </label>
      <div class="desk-filter-actions">
        <button type="submit" class="primary">
          {t('apply')}
        </button>
        <button type="button" onClick={() => navigate(listPathOf(NO_FILTERS))}>
          {t('clear')}
        </button>
      </div>
    </form>
  );
}

function DeskRows({ filters, roster }: { filters: DeskFilters; roster: Roster }) {
  const t = useTexts(SUBMISSION_MESSAGES);
  const desk = useDeskApi();
  const paging = useCursorPaging();
  const loaded = useLoad(() => desk.list(filters, paging.cursor), [desk, paging.cursor]);
  useNamesOf(
    roster,
    (loaded.data?.items ?? []).flatMap((item) => (item.assigneeId ? [item.assigneeId] : [])),
  );
  return (
    <LoadState loaded={loaded}>
      {(page) =>
        page.items.length === 0 ? (
          <p class="card">{t('nothingFound')}</p>
        ) : (
          <>
            <DataTable
              className="desk-table"
              caption={t('listCaption')}
              captionClass="desk-caption"
              columns={[
                t('columnTitle'),
                t('columnStatus'),
                t('columnCategory'),
                t('columnAssignee'),
                t('columnReceived'),
                t('columnFiles'),
              ]}
            >
              {page.items.map((item) => (
                <Row key={item.id} item={item} roster={roster} />
              ))}
            </DataTable>
            <CursorPager paging={paging} nextCursor={page.nextCursor} />
          </>
        )
      }
    </LoadState>
  );
}

function Row({ item, roster }: { item: DeskSubmissionItemView; roster: Roster }) {
  const t = useTexts(SUBMISSION_MESSAGES);
  return (
    <tr>
      <td data-label={t('columnTitle')}>
        <a href={hrefOf(`/submissions/${item.id}`)}>{item.title}</a>
      </td>
      <td data-label={t('columnStatus')}>
        <StatusTag status={item.status} />
      </td>
      <td data-label={t('columnCategory')}>
        {item.category ? t(CATEGORY_LABELS[item.category]) : <span class="muted">{t('noCategory')}</span>}
      </td>
      <td data-label={t('columnAssignee')}>
        {item.assigneeId ? (
          item.assigneeId === roster.myId ? (
            t('me')
          ) : (
            roster.nameOf(item.assigneeId)
          )
        ) : (
          <span class="muted">{t('nobody')}</span>
        )}
      </td>
      <td data-label={t('columnReceived')}>
        <DateTime iso={item.receivedAt} />
      </td>
      <td data-label={t('columnFiles')}>{item.attachmentCount}</td>
    </tr>
  );
}
