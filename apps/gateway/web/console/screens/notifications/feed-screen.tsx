import type { MarkReadReply, NotificationPage } from '@app/contracts/notifications/notification.model';
import { NOTIFICATION_ROUTES } from '@web/console/api/routes';
import { useConsole, useLoad, useTexts } from '@web/console/console-context';
import { hrefOf, queryOf } from '@web/console/router';
import { CursorPager, useCursorPaging } from '@web/console/ui/cursor-pager';
import { DateTime } from '@web/console/ui/date-time';
import { LoadState } from '@web/console/ui/load-state';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { useAction } from '@web/console/ui/use-action';
import { AreaNav } from './area-nav';
import { consolePathOf } from './notice-link';
import { NOTIFICATION_MESSAGES } from './notifications-messages';
import { useLiveUnread } from './use-live-unread';

/** The in-app feed, newest first: all or unread only (kept in the URL), one entry or all marked read. */
export function FeedScreen({ path }: { path: string }) {
  const t = useTexts(NOTIFICATION_MESSAGES);
  const { api } = useConsole();
  const { live, unread } = useLiveUnread();
  const unreadOnly = queryOf(path).get('unread') === 'true';
  const markAll = useAction();

  async function markAllRead() {
    await markAll.run(async () => {
      const reply = await api.call<MarkReadReply>(NOTIFICATION_ROUTES.markRead, { body: { all: true } });
      live.setUnread(reply.unread);
    }, t('markedAllRead'));
  }

  return (
    <section>
      <ScreenTitle
        actions={
          <button
            type="button"
            class="primary"
            disabled={markAll.busy || unread === 0}
            onClick={() => void markAllRead()}
          >
            {t('markAllRead')}
          </button>
        }
      >
        {t('feedTitle')}
      </ScreenTitle>
      <AreaNav current="feed" />
      <nav class="filter-links" aria-label={t('filter')}>
        <a href={hrefOf('/notifications')} aria-current={unreadOnly ? undefined : 'page'}>
          {t('filterAll')}
        </a>
        <a href={hrefOf('/notifications?unread=true')} aria-current={unreadOnly ? 'page' : undefined}>
          {t('filterUnread')}
        </a>
      </nav>
      {/* A new filter starts at the first page: the list is made afresh. */}
      <FeedList key={String(unreadOnly)} unreadOnly={unreadOnly} />
    </section>
  );
}

function FeedList({ unreadOnly }: { unreadOnly: boolean }) {
  const t = useTexts(NOTIFICATION_MESSAGES);
  const { api } = useConsole();
  const { live, arrivals, unread } = useLiveUnread();
  const paging = useCursorPaging();
  const markOne = useAction();
  // The first page follows the stream (a new entry, or entries read elsewhere); later pages hold still.
  const follow = paging.hasPrevious ? 0 : `${arrivals}:${unread}`;
  const loaded = useLoad(
    () =>
      api.call<NotificationPage>(NOTIFICATION_ROUTES.feed, {
        query: { unread: unreadOnly ? 'true' : undefined, cursor: paging.cursor },
      }),
    [unreadOnly, paging.cursor, follow],
  );

  async function markRead(id: string) {
    let countChanged = false;
    const done = await markOne.run(async () => {
      const reply = await api.call<MarkReadReply>(NOTIFICATION_ROUTES.markRead, { body: { ids: [id] } });
      countChanged = reply.unread !== live.unread;
      live.setUnread(reply.unread);
    }, t('markedRead'));
    // A changed count reloads the first page by itself; otherwise (read elsewhere, a later page) here.
    if (done && (!countChanged || paging.hasPrevious)) loaded.reload();
  }

  return (
    <LoadState loaded={loaded}>
      {(page) => (
        <>
          {page.items.length === 0 ? (
            <p class="muted">{unreadOnly ? t('emptyUnread') : t('emptyAll')}</p>
          ) : (
            <ul class="feed">
              {page.items.map((item) => {
                const target = consolePathOf(item.link);
                return (
                  <li key={item.id} class={item.readAt ? 'feed-item' : 'feed-item feed-unread'}>
                    <div class="feed-head">
                      {item.readAt ? null : <span class="tag tag-new">{t('unreadMark')}</span>}
                      <h2 class="feed-title">{item.title}</h2>
                      <DateTime iso={item.createdAt} />
                    </div>
                    <p class="feed-body">{item.body}</p>
                    <div class="row">
                      {target ? <a href={hrefOf(target)}>{t('open')}</a> : null}
                      {item.readAt ? null : (
                        <button type="button" disabled={markOne.busy} onClick={() => void markRead(item.id)}>
                          {t('markRead')}
                        </button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
          <CursorPager paging={paging} nextCursor={page.nextCursor} />
        </>
      )}
    </LoadState>
  );
}
