import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { DecisionAction, ModerationCommentView } from '@app/contracts/comments/comment.model';
import { useTexts } from '@web/console/console-context';
import { DateTime } from '@web/console/ui/date-time';
import { COMMENTS_MESSAGES } from './comments-messages';

/** The decisions that apply to a comment in its status, as the service rules them. */
export function actionsFor(comment: ModerationCommentView): DecisionAction[] {
  if (comment.status === 'deleted') return [];
  const actions: DecisionAction[] = [];
  if (comment.status !== 'published') actions.push('approve');
  if (comment.status !== 'rejected') actions.push('reject');
  if (comment.status === 'published' && !comment.featured) actions.push('feature');
  if (comment.featured) actions.push('unfeature');
  return actions;
}

/**
 * One comment of a queue, with all a moderator decides on: the article, the author, the text (only
 * ever as text), why it was held, the flags and every decision so far. The selected one takes the
 * focus, so the keyboard and a screen reader follow j/k.
 */
export function CommentItem({
  comment,
  selected,
  takeFocus,
  busy,
  onSelect,
  onDecide,
  onRejectStart,
  onBanStart,
  onLiftBan,
  nameOf,
  children,
}: {
  comment: ModerationCommentView;
  selected: boolean;
  /** Focus it when selected (the keyboard moved the selection here). */
  takeFocus: boolean;
  busy: boolean;
  onSelect(): void;
  onDecide(action: DecisionAction): void;
  onRejectStart(): void;
  onBanStart(): void;
  onLiftBan(): void;
  /** A colleague's email for a staff id (from the roster), the id when unknown. */
  nameOf(staffId: string): string;
  /** A form open under the comment (the reason to reject, a ban). */
  children?: ComponentChildren;
}) {
  const t = useTexts(COMMENTS_MESSAGES);
  const self = useRef<HTMLElement>(null);
  useEffect(() => {
    if (takeFocus && self.current && !self.current.contains(document.activeElement)) {
      self.current.focus({ preventScroll: true });
      self.current.scrollIntoView({ block: 'nearest' });
    }
  }, [takeFocus]);
  const name = comment.author.name || t('authorErased');
  return (
    <article
      ref={self}
      tabIndex={-1}
      class={selected ? 'comment-item selected' : 'comment-item'}
      aria-label={t('itemLabel', { name })}
      aria-current={selected ? 'true' : undefined}
      data-comment-id={comment.id}
      // Only a focus arriving from elsewhere selects: the selected comment taking the focus (its own
      // effect, or the browser handing it back) changes nothing, so no render answers a focus event.
      onFocusCapture={selected ? undefined : onSelect}
    >
      <header class="comment-item-head">
        <span class={`tag status-${comment.status}`}>{t(`status_${comment.status}`)}</span>
        {comment.featured ? <span class="tag featured">{t('featured')}</span> : null}
        <span class="muted">
          {t('written')} <DateTime iso={comment.createdAt} />
          {comment.editedAt ? ` · ${t('edited')}` : ''}
        </span>
      </header>
      <dl class="comment-facts">
        <dt>{t('article')}</dt>
        <dd>
          {comment.articleUrl ? (
            <a href={comment.articleUrl} target="_blank" rel="noopener noreferrer">
              {comment.articleTitle ?? comment.articleUrl}
            </a>
          ) : (
            comment.articleTitle
          )}{' '}
          <code>{comment.articleId}</code>
          {comment.parentId ? <span class="muted"> · {t('replyTo')}</span> : null}
        </dd>
        <dt>{t('author')}</dt>
        <dd class="comment-author">
          <strong>{name}</strong>{' '}
          {comment.author.isStaff ? (
            <span class="tag">{t('staffBadge')}</span>
          ) : comment.author.verified ? (
            <span class="tag">{t('portalBadge')}</span>
          ) : (
            <span class="tag">{t('guestBadge')}</span>
          )}
          {comment.authorEmail ? (
            <span>
              {' '}
              <span class="muted">{t('email')}:</span>{' '}
              <a href={`mailto:${comment.authorEmail}`}>{comment.authorEmail}</a>
            </span>
          ) : null}
          {comment.readerId ? (
            <span class="reader-id">
              {' '}
              <span class="muted">{t('readerId')}:</span> <code>{comment.readerId}</code>
            </span>
          ) : null}
          {comment.authorBan ? (
            <span class="author-ban">
              {' '}
              <span class="tag banned">
                {comment.authorBan.until
                  ? t('authorBannedUntil', { until: t.dateTime(comment.authorBan.until) })
                  : t('authorBannedForGood')}
              </span>{' '}
              <span class="muted">{t('banReasonShown', { reason: comment.authorBan.reason })}</span>
            </span>
          ) : null}
        </dd>
      </dl>
      <p class="comment-text">{comment.body}</p>
      {comment.likes > 0 ? <p class="muted">{t('likes', { count: comment.likes })}</p> : null}
      {comment.holdReasons.length > 0 ? (
        <p class="row">
          <span class="muted">{t('holdReasons')}:</span>
          {comment.holdReasons.map((reason) => (
            <span key={reason} class="tag hold">
              {t(`hold_${reason}`)}
            </span>
          ))}
        </p>
      ) : null}
      {comment.flags.length > 0 ? (
        <details class="comment-history">
          <summary>{t('flagsTitle', { count: comment.flagsCount })}</summary>
          <ul>
            {comment.flags.map((flag, index) => (
              <li key={index}>
                <DateTime iso={flag.createdAt} /> · <strong>{t(`flag_${flag.reason}`)}</strong>
                {flag.note ? ` · ${flag.note}` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {comment.decisions.length > 0 ? (
        <details class="comment-history">
          <summary>
            {t('decisionsTitle')} ({comment.decisions.length})
          </summary>
          <ul>
            {comment.decisions.map((decision, index) => (
              <li key={index}>
                <DateTime iso={decision.decidedAt} /> · <strong>{t(`action_${decision.action}`)}</strong> ·{' '}
                {t('decisionBy', { who: nameOf(decision.moderatorId) })} · {decision.reason ?? t('noReason')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div class="row comment-actions">
        {actionsFor(comment).map((action) =>
          action === 'reject' ? (
            <button key={action} type="button" class="danger" disabled={busy} onClick={onRejectStart}>
              {t('action_reject')} <kbd aria-hidden="true">r</kbd>
            </button>
          ) : (
            <button
              key={action}
              type="button"
              class={action === 'approve' ? 'primary' : undefined}
              disabled={busy}
              onClick={() => onDecide(action)}
            >
              {t(`action_${action}`)}
              {action === 'approve' ? <kbd aria-hidden="true">a</kbd> : null}
              {action === 'feature' ? <kbd aria-hidden="true">f</kbd> : null}
            </button>
          ),
        )}
        {/* A ban is lifted where one is in force and made where none is (the queue as last read). */}
        {comment.readerId ? (
          comment.authorBan ? (
            <button type="button" disabled={busy} onClick={onLiftBan}>
              {t('liftBan')}
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={onBanStart}>
              {t('banAuthor')}
            </button>
          )
        ) : null}
      </div>
      {children}
    </article>
  );
}
