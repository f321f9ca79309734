import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  DecisionAction,
  ModerationCommentView,
  ModerationPageView,
  ModerationQueue,
} from '@app/contracts/comments/comment.model';
import { COMMENT_ROUTES } from '@web/console/api/routes';
import { useConsole, useLoad, useTexts } from '@web/console/console-context';
import { hrefOf } from '@web/console/router';
import { CursorPager, useCursorPaging } from '@web/console/ui/cursor-pager';
import { LoadState } from '@web/console/ui/load-state';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { useAction } from '@web/console/ui/use-action';
import { BanForm } from './ban-form';
import { actionsFor, CommentItem } from './comment-item';
import { COMMENTS_MESSAGES } from './comments-messages';
import { QueueTabs } from './queue-tabs';
import { RejectForm } from './reject-form';
import { ShortcutHelp } from './shortcut-help';
import { shortcutOf } from './shortcuts';
import { useLiveCounts } from './use-live-counts';
import { useNamesOf, useRoster } from '@web/console/staff/roster';

/** What is open under one comment: the reason to reject it, or a ban of its author. */
type Open = { kind: 'reject' | 'ban'; commentId: string } | null;

/**
 * A moderation queue: its comments newest first, page by page, with the counts of every queue kept
 * live. One comment is selected; the keys (shown on the page) move the selection and decide on it.
 */
export function QueueScreen({ queue }: { queue: ModerationQueue }) {
  const t = useTexts(COMMENTS_MESSAGES);
  const { api } = useConsole();
  const counts = useLiveCounts();
  const roster = useRoster();
  const paging = useCursorPaging();
  const loaded = useLoad(
    () => api.call<ModerationPageView>(COMMENT_ROUTES.queue, { query: { queue, cursor: paging.cursor } }),
    [queue, paging.cursor],
  );
  const { busy, run } = useAction();
  // The selection follows its comment when the list reloads with new ones above it; once the comment
  // leaves the queue, the one now at its place is selected, so decisions go down the list.
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [lastIndex, setLastIndex] = useState(0);
  // The selection takes the focus only once the keyboard moved it: on opening, the heading keeps it.
  const [keyboardMoved, setKeyboardMoved] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const items = loaded.data?.items ?? [];
  useNamesOf(
    roster,
    items.flatMap((comment) => comment.decisions.map((decision) => decision.moderatorId)),
  );
  const found = items.findIndex((comment) => comment.id === selectedId);
  const index = found >= 0 ? found : Math.max(0, Math.min(lastIndex, items.length - 1));
  const select = (position: number) => {
    setSelectedId(items[position]?.id ?? null);
    setLastIndex(position);
  };

  // The counts moved (a comment held, a flag, another moderator's decision): the list follows.
  const seenCounts = useRef<string | null>(null);
  useEffect(() => {
    if (!counts) return;
    const key = `${counts.pending}/${counts.flagged}/${counts.rejected}`;
    if (seenCounts.current !== null && seenCounts.current !== key) loaded.reload();
    seenCounts.current = key;
  }, [counts]);

  async function decide(comment: ModerationCommentView, action: DecisionAction, reason?: string) {
    const ok = await run(
      () => api.call(COMMENT_ROUTES.decide, { params: { id: comment.id }, body: { action, reason } }),
      t(`done_${action}`),
    );
    if (ok) {
      setOpen(null);
      loaded.reload();
    }
  }

  async function liftBan(readerId: string) {
    // Lifted or already gone (another moderator, the term ran out): either way the list shows it anew.
    await run(() => api.call(COMMENT_ROUTES.liftBan, { params: { readerId } }), t('banLifted'));
    loaded.reload();
  }

  // The handler sees this render's state through a ref; the listener itself is added once.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => undefined);
  onKey.current = (event) => {
    const shortcut = shortcutOf(event);
    if (!shortcut || open || items.length === 0) return;
    event.preventDefault();
    if (busy) return;
    const comment = items[index];
    const allowed = actionsFor(comment);
    switch (shortcut) {
      case 'next':
      case 'previous':
        select(Math.max(0, Math.min(items.length - 1, index + (shortcut === 'next' ? 1 : -1))));
        setKeyboardMoved(true);
        break;
      case 'approve':
        if (allowed.includes('approve')) void decide(comment, 'approve');
        break;
      case 'reject':
        if (allowed.includes('reject')) setOpen({ kind: 'reject', commentId: comment.id });
        break;
      case 'feature':
        if (allowed.includes('feature')) void decide(comment, 'feature');
        else if (allowed.includes('unfeature')) void decide(comment, 'unfeature');
        break;
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return (
    <section>
      <ScreenTitle actions={<a href={hrefOf('/comments/settings')}>{t('settingsLink')}</a>}>
        {t('queueTitle')}
      </ScreenTitle>
      <QueueTabs current={queue} counts={counts} />
      <ShortcutHelp />
      <LoadState loaded={loaded}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="muted">{t('emptyQueue')}</p>
          ) : (
            <>
              <div class="comment-queue">
                {page.items.map((comment, position) => (
                  <CommentItem
                    key={comment.id}
                    comment={comment}
                    selected={position === index}
                    takeFocus={keyboardMoved && position === index}
                    busy={busy}
                    onSelect={() => select(position)}
                    onDecide={(action) => void decide(comment, action)}
                    onRejectStart={() => {
                      select(position);
                      setOpen({ kind: 'reject', commentId: comment.id });
                    }}
                    onBanStart={() => setOpen({ kind: 'ban', commentId: comment.id })}
                    onLiftBan={() => comment.readerId && void liftBan(comment.readerId)}
                    nameOf={roster.nameOf}
                  >
                    {open?.commentId === comment.id && open.kind === 'reject' ? (
                      <RejectForm
                        busy={busy}
                        onReject={(reason) => void decide(comment, 'reject', reason)}
                        onCancel={() => setOpen(null)}
                      />
                    ) : null}
                    {open?.commentId === comment.id && open.kind === 'ban' && comment.readerId ? (
                      <BanForm
                        readerId={comment.readerId}
                        onDone={(banned) => {
                          setOpen(null);
                          if (banned) loaded.reload();
                        }}
                      />
                    ) : null}
                  </CommentItem>
                ))}
              </div>
              <CursorPager
                paging={{
                  ...paging,
                  next: (cursor) => {
                    setSelectedId(null);
                    setLastIndex(0);
                    paging.next(cursor);
                  },
                }}
                nextCursor={page.nextCursor}
              />
            </>
          )
        }
      </LoadState>
    </section>
  );
}
