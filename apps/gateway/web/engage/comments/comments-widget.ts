import { onPortalSessionChange, portalReaderName } from '../api/portal-session';
import type { CommentListView, CommentSort, CommentView } from '@app/contracts/comments/comment.model';
import { el, uid } from '../dom/el';
import { translator, type Locale, type Translator } from '@web/shared/i18n/translator';
import { updateCount } from './comment-counters';
import { CommentForm, type CommentDraft, type SendOutcome } from './comment-form';
import { CommentItem, type ThreadContext } from './comment-item';
import { COMMENT_MESSAGES, type CommentMessageKey } from './comment-messages';
import { CommentsApi, type NewCommentBody } from './comments-api';
import { problemCode, problemText } from './problem-text';

const ARTICLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TITLE_MAX = 300;
const URL_MAX = 2048;

const SORTS: readonly [CommentSort, CommentMessageKey][] = [
  ['newest', 'sortNewest'],
  ['oldest', 'sortOldest'],
  ['top', 'sortTop'],
];

/** The article's address for reply notifications: data-article-url, else this page without its fragment. */
function articleUrlOf(host: HTMLElement): string | undefined {
  try {
    const url = new URL(host.dataset.articleUrl || location.href, document.baseURI);
    url.hash = '';
    const href = url.href;
    return /^https?:$/.test(url.protocol) && href.length <= URL_MAX ? href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `<div data-engage="comments" data-article-id>`: an article's comments with their replies, a sort, the
 * form to write one, and each comment's actions (reply, like, report; edit and delete one's own).
 */
export class CommentsWidget {
  private readonly t: Translator<CommentMessageKey>;
  private readonly api: CommentsApi;
  private readonly articleId: string;
  private readonly heading: HTMLHeadingElement;
  private readonly sort: HTMLSelectElement;
  private readonly status: HTMLParagraphElement;
  private readonly closedNote: HTMLParagraphElement;
  private readonly form: CommentForm;
  private readonly list: HTMLUListElement;
  private readonly more: HTMLButtonElement;
  private cursor: string | null = null;
  private closed = false;
  private loading = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly locale: Locale,
  ) {
    const t = (this.t = translator(COMMENT_MESSAGES, locale));
    this.api = new CommentsApi(locale);
    this.articleId = host.dataset.articleId || '';

    const root = el('section', 'engage engage-comments');
    this.heading = el('h2', 'engage-title', t('title'));
    this.heading.id = uid('comments-title');
    root.setAttribute('aria-labelledby', this.heading.id);

    const toolbar = el('div', 'engage-toolbar');
    this.sort = el('select', 'engage-select');
    this.sort.id = uid('comments-sort');
    for (const [sort, key] of SORTS) {
      const option = el('option', null, t(key));
      option.value = sort;
      this.sort.append(option);
    }
    const sortLabel = el('label', 'engage-label engage-label--inline', t('sortLabel'));
    sortLabel.htmlFor = this.sort.id;
    this.sort.addEventListener('change', () => void this.load(true));
    toolbar.append(sortLabel, this.sort);

    this.status = el('p', 'engage-status');
    this.status.setAttribute('role', 'status');
    this.closedNote = el('p', 'engage-hint engage-closed', t('closed'));
    this.closedNote.hidden = true;
    this.form = new CommentForm(t, t('formTitle'), (draft) => this.send(draft));
    this.list = el('ul', 'engage-comment-list');
    this.list.setAttribute('aria-busy', 'false');
    this.more = el('button', 'engage-button engage-button--quiet', t('showMore'));
    this.more.type = 'button';
    this.more.hidden = true;
    this.more.addEventListener('click', () => void this.load(false));
    root.append(this.heading, this.form.node, this.closedNote, toolbar, this.status, this.list, this.more);
    host.replaceChildren(root);
  }

  async start(): Promise<void> {
    if (!ARTICLE_ID.test(this.articleId)) {
      // A page without a usable article id: nothing to show, and nothing to send comments to.
      this.host.replaceChildren();
      console.error('engage: a comments widget needs data-article-id (letters, digits, . _ : -)');
      return;
    }
    // Signing in or out changes what is "mine" and which likes are the reader's: read the list again.
    onPortalSessionChange(() => void this.load(true));
    await this.load(true);
  }

  private say(text: string, isError = false): void {
    this.status.textContent = text;
    this.status.classList.toggle('engage-status--error', isError);
  }

  private async load(reset: boolean, message?: string): Promise<void> {
    if (this.loading) return;
    const { t } = this;
    this.loading = true;
    this.list.setAttribute('aria-busy', 'true');
    if (reset) this.cursor = null;
    // A reload that will announce something (a comment published) does not say "loading" first.
    if (reset && this.list.childElementCount === 0 && message === undefined) this.say(t('loading'));
    const answer = await this.api.list(this.articleId, this.sort.value as CommentSort, this.cursor);
    this.loading = false;
    this.list.setAttribute('aria-busy', 'false');
    if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.items)) {
      this.say(problemText(t, answer), true);
      this.more.textContent = t('retry');
      this.more.hidden = false;
      return;
    }
    this.show(answer.body, reset);
    this.say(message ?? (this.list.childElementCount === 0 ? t('empty') : ''));
  }

  private show(page: CommentListView, reset: boolean): void {
    const { t } = this;
    this.heading.textContent = t('titleCount', { n: t.number(page.total) });
    updateCount(this.articleId, page.total);
    this.setClosed(page.closed);
    const items = page.items.map((comment) => new CommentItem(comment, this.context()).node);
    if (reset) this.list.replaceChildren(...items);
    else this.list.append(...items);
    this.cursor = page.nextCursor;
    this.more.textContent = t('showMore');
    this.more.hidden = !page.nextCursor;
  }

  private setClosed(closed: boolean): void {
    this.closed = closed;
    this.form.node.hidden = closed;
    this.closedNote.hidden = !closed;
  }

  private context(): ThreadContext {
    return {
      t: this.t,
      api: this.api,
      closed: () => this.closed,
      reload: (message) => this.load(true, message),
      replyForm: (parent: CommentView, onCancel: () => void) =>
        new CommentForm(
          this.t,
          this.t('replyTitle', { name: parent.author.name || this.t('anonymous') }),
          (draft) => this.send(draft, parent.id),
          onCancel,
        ),
    };
  }

  private async send(draft: CommentDraft, parentId?: string): Promise<SendOutcome> {
    const { t } = this;
    const comment: NewCommentBody = { body: draft.body, locale: this.locale };
    if (!portalReaderName()) comment.authorName = draft.name;
    if (parentId) comment.parentId = parentId;
    if (draft.email) {
      comment.authorEmail = draft.email;
      comment.notifyOnReply = draft.notify;
    }
    const title = this.host.dataset.articleTitle?.trim();
    if (title) comment.articleTitle = title.slice(0, TITLE_MAX);
    const url = articleUrlOf(this.host);
    if (url) comment.articleUrl = url;

    const answer = await this.api.post(this.articleId, comment);
    if (answer.status === 201 && answer.body) {
      if (answer.body.status === 'pending') return { message: t('pending'), isError: false, clear: true };
      // The list is read again (the new comment in its place) and announces it; the form says nothing more.
      await this.load(true, t('published'));
      return { message: '', isError: false, clear: true };
    }
    if (problemCode(answer) === 'comments_closed') this.setClosed(true);
    return { message: problemText(t, answer), isError: true, clear: false };
  }
}
