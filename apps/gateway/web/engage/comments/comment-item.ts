import type { CommentView, FlagReason } from '@app/contracts/comments/comment.model';
import { el, uid } from '../dom/el';
import type { Translator } from '@web/shared/i18n/translator';
import type { CommentForm } from './comment-form';
import type { CommentMessageKey } from './comment-messages';
import type { CommentsApi } from './comments-api';
import { problemText } from './problem-text';

/** What a comment needs from the widget around it. */
export interface ThreadContext {
  t: Translator<CommentMessageKey>;
  api: CommentsApi;
  closed(): boolean;
  /** Reads the list again (after a change that moves comments), then says `message`. */
  reload(message?: string): Promise<void>;
  replyForm(parent: CommentView, onCancel: () => void): CommentForm;
}

const FLAG_REASONS: readonly [FlagReason, CommentMessageKey][] = [
  ['spam', 'flagSpam'],
  ['abuse', 'flagAbuse'],
  ['off_topic', 'flagOffTopic'],
  ['other', 'flagOther'],
];

function actionButton(text?: string): HTMLButtonElement {
  const button = el('button', 'engage-action', text);
  button.type = 'button';
  return button;
}

/** One comment with its actions and its replies; every text of it is set as text. */
export class CommentItem {
  readonly node: HTMLLIElement;
  private readonly body: HTMLParagraphElement;
  private readonly extra: HTMLDivElement;
  private readonly status: HTMLParagraphElement;
  private readonly meta: HTMLParagraphElement;

  constructor(
    private comment: CommentView,
    private readonly ctx: ThreadContext,
  ) {
    const { t } = ctx;
    this.node = el('li', `engage-comment engage-comment--depth-${Math.min(3, Math.max(1, comment.depth))}`);
    this.node.dataset.commentId = comment.id;
    const article = el('article', 'engage-comment-card');
    const author = el('span', 'engage-author', comment.author.name || t('anonymous'));
    author.id = uid('comment-author');
    article.setAttribute('aria-labelledby', author.id);
    this.meta = el('p', 'engage-comment-meta');
    this.meta.append(author);
    if (comment.author.isStaff) this.meta.append(el('span', 'engage-badge', t('staff')));
    else if (comment.author.verified) this.meta.append(el('span', 'engage-badge', t('verified')));
    const time = el('time', 'engage-time', t.dateTime(comment.createdAt));
    time.dateTime = comment.createdAt;
    this.meta.append(time);
    if (comment.editedAt) this.meta.append(el('span', 'engage-edited', t('edited')));

    this.body = el('p', 'engage-comment-body');
    this.extra = el('div', 'engage-comment-extra');
    this.status = el('p', 'engage-status');
    this.status.setAttribute('role', 'status');
    article.append(this.meta, this.body);
    if (comment.status === 'deleted') {
      this.body.classList.add('engage-tombstone');
      this.body.textContent = t('deleted');
    } else {
      this.body.textContent = comment.body;
      article.append(this.actions());
    }
    article.append(this.extra, this.status);
    this.node.append(article);
    if (comment.replies.length > 0) {
      const replies = el('ul', 'engage-replies');
      for (const reply of comment.replies) replies.append(new CommentItem(reply, ctx).node);
      this.node.append(replies);
    }
  }

  private say(text: string, isError = false): void {
    this.status.textContent = text;
    this.status.classList.toggle('engage-status--error', isError);
  }

  private actions(): HTMLElement {
    const { t } = this.ctx;
    const bar = el('div', 'engage-comment-actions');
    bar.append(this.likeButton());
    if (!this.ctx.closed()) {
      const reply = actionButton(t('reply'));
      reply.addEventListener('click', () => this.openReply());
      bar.append(reply);
    }
    if (this.comment.mine) {
      const edit = actionButton(t('edit'));
      edit.addEventListener('click', () => this.openEdit());
      const remove = actionButton(t('delete'));
      remove.addEventListener('click', () => this.openDelete());
      bar.append(edit, remove);
    } else {
      const flag = actionButton(t('flag'));
      flag.addEventListener('click', () => this.openFlag());
      bar.append(flag);
    }
    return bar;
  }

  private likeButton(): HTMLButtonElement {
    const { t, api } = this.ctx;
    const button = actionButton();
    const heart = el('span', 'engage-heart', '♥ ');
    // The heart is decoration: the button's name is its words and the count, as it reads.
    heart.setAttribute('aria-hidden', 'true');
    const label = el('span');
    button.append(heart, label);
    const show = (likes: number, mine: boolean) => {
      label.textContent = `${t('like')} · ${t.number(likes)}`;
      button.setAttribute('aria-pressed', String(mine));
    };
    let mine = this.comment.myReaction === 'like';
    show(this.comment.reactions.like, mine);
    button.addEventListener('click', () => {
      button.disabled = true;
      void api.like(this.comment.id, !mine).then((answer) => {
        button.disabled = false;
        if (answer.status === 200 && answer.body) {
          mine = answer.body.myReaction === 'like';
          show(answer.body.like, mine);
        } else {
          this.say(problemText(t, answer), true);
        }
      });
    });
    return button;
  }

  private openReply(): void {
    const form = this.ctx.replyForm(this.comment, () => this.extra.replaceChildren());
    this.extra.replaceChildren(form.node);
    form.focus();
  }

  private openEdit(): void {
    const { t, api } = this.ctx;
    const form = el('form', 'engage-edit-form');
    form.noValidate = true;
    const text = el('textarea', 'engage-textarea');
    text.id = uid('comment-edit');
    text.rows = 4;
    text.value = this.comment.body;
    const label = el('label', 'engage-label', t('bodyLabel'));
    label.htmlFor = text.id;
    const save = el('button', 'engage-button', t('save'));
    save.type = 'submit';
    const cancel = el('button', 'engage-button engage-button--quiet', t('cancel'));
    cancel.type = 'button';
    cancel.addEventListener('click', () => this.extra.replaceChildren());
    const actions = el('div', 'engage-form-actions');
    actions.append(save, cancel);
    form.append(label, text, actions);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const body = text.value.trim();
      if (!body) return this.say(t('needBody'), true);
      save.disabled = true;
      void api.edit(this.comment.id, body).then((answer) => {
        save.disabled = false;
        if (answer.status === 200 && answer.body) {
          this.comment = { ...this.comment, body: answer.body.body, editedAt: answer.body.editedAt };
          this.body.textContent = answer.body.body;
          if (!this.meta.querySelector('.engage-edited'))
            this.meta.append(el('span', 'engage-edited', t('edited')));
          this.extra.replaceChildren();
          this.say('');
        } else {
          this.say(problemText(t, answer), true);
        }
      });
    });
    this.extra.replaceChildren(form);
    text.focus();
  }

  private openDelete(): void {
    const { t, api } = this.ctx;
    const box = el('div', 'engage-confirm');
    box.setAttribute('role', 'group');
    const question = el('p', 'engage-confirm-text', t('deleteConfirm'));
    question.id = uid('comment-delete');
    box.setAttribute('aria-labelledby', question.id);
    const yes = el('button', 'engage-button', t('deleteYes'));
    yes.type = 'button';
    const no = el('button', 'engage-button engage-button--quiet', t('cancel'));
    no.type = 'button';
    no.addEventListener('click', () => this.extra.replaceChildren());
    yes.addEventListener('click', () => {
      yes.disabled = true;
      void api.remove(this.comment.id).then((answer) => {
        if (answer.status === 204) return this.ctx.reload(t('deleted'));
        yes.disabled = false;
        this.say(problemText(t, answer), true);
      });
    });
    const actions = el('div', 'engage-form-actions');
    actions.append(yes, no);
    box.append(question, actions);
    this.extra.replaceChildren(box);
    yes.focus();
  }

  private openFlag(): void {
    const { t, api } = this.ctx;
    const form = el('form', 'engage-flag-form');
    form.noValidate = true;
    const select = el('select', 'engage-select');
    select.id = uid('comment-flag');
    for (const [reason, key] of FLAG_REASONS) {
      const option = el('option', null, t(key));
      option.value = reason;
      select.append(option);
    }
    const label = el('label', 'engage-label', t('flagReason'));
    label.htmlFor = select.id;
    const send = el('button', 'engage-button', t('flagSend'));
    send.type = 'submit';
    const cancel = el('button', 'engage-button engage-button--quiet', t('cancel'));
    cancel.type = 'button';
    cancel.addEventListener('click', () => this.extra.replaceChildren());
    const actions = el('div', 'engage-form-actions');
    actions.append(send, cancel);
    form.append(label, select, actions);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      send.disabled = true;
      void api.flag(this.comment.id, select.value as FlagReason).then((answer) => {
        send.disabled = false;
        if (answer.status === 202) {
          this.extra.replaceChildren();
          this.say(t('flagged'));
        } else {
          this.say(problemText(t, answer), answer.status !== 409);
          if (answer.status === 409) this.extra.replaceChildren();
        }
      });
    });
    this.extra.replaceChildren(form);
    select.focus();
  }
}
