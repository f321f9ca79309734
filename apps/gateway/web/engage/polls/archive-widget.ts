import type { PollPage, PollView } from '@app/contracts/polls/poll.model';
import { failureText } from '../api/failure-text';
import { readerGet } from '../api/reader-token';
import { el } from '../dom/el';
import type { Translator } from '@web/shared/i18n/translator';
import type { PollMessageKey } from './poll-messages';
import { Results } from './results';

/** The archive of closed polls, a page at a time. */
export class ArchiveWidget {
  private readonly pageSize: number;
  private readonly placement: string;
  private cursor: string | null = null;
  private started = false;
  private loading = false;
  private done = false;
  private readonly list: HTMLDivElement;
  private readonly status: HTMLParagraphElement;
  private readonly more: HTMLButtonElement;

  constructor(
    host: HTMLElement,
    private readonly t: Translator<PollMessageKey>,
  ) {
    const size = parseInt(host.dataset.pageSize || '', 10);
    this.pageSize = size >= 1 && size <= 100 ? size : 10;
    this.placement = host.dataset.placement || '';

    const root = el('section', 'engage engage-archive');
    if (host.dataset.title) root.append(el('h2', 'engage-title', host.dataset.title));
    this.list = el('div', 'engage-archive-list');
    this.status = el('p', 'engage-status');
    this.status.setAttribute('role', 'status');
    this.more = el('button', 'engage-button engage-button--quiet', t('showMore'));
    this.more.type = 'button';
    this.more.hidden = true;
    this.more.addEventListener('click', () => void this.loadPage());
    root.append(this.list, this.status, this.more);
    host.replaceChildren(root);
  }

  start(): Promise<void> {
    return this.loadPage();
  }

  async loadPage(): Promise<void> {
    const { t } = this;
    if (this.loading || this.done) return;
    const first = !this.started;
    this.loading = true;
    this.more.disabled = true;
    this.status.classList.remove('engage-status--error');
    this.status.textContent = first ? t('loadingArchive') : '';
    let path = `/api/v1/polls?status=closed&limit=${this.pageSize}`;
    if (this.placement) path += '&placement=' + encodeURIComponent(this.placement);
    if (this.cursor) path += '&cursor=' + encodeURIComponent(this.cursor);
    const answer = await readerGet<PollPage>(path);
    this.loading = false;
    this.more.disabled = false;
    if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.items)) {
      this.status.textContent = failureText(t, answer);
      this.status.classList.add('engage-status--error');
      this.more.textContent = first ? t('retry') : t('showMore');
      this.more.hidden = false;
      return;
    }
    const { items, nextCursor } = answer.body;
    if (items.length === 0) this.status.textContent = first ? t('archiveEmpty') : t('noMore');
    else this.status.textContent = '';
    const added = items.map((poll) => this.item(poll));
    this.list.append(...added);
    this.started = true;
    this.cursor = nextCursor || null;
    this.done = !this.cursor;
    this.more.textContent = t('showMore');
    this.more.hidden = this.done;
    // Keyboard and screen-reader users land on the first poll that was just added.
    if (!first && added.length > 0) added[0].focus();
  }

  private item(poll: PollView): HTMLElement {
    const { t } = this;
    const article = el('article', 'engage-archive-item');
    article.tabIndex = -1;
    article.append(el('h3', 'engage-question', poll.question));
    const at = poll.closesAt || poll.createdAt;
    if (at) {
      const meta = el('p', 'engage-meta');
      const time = el('time', null, t('closedOn', { date: t.date(at) }));
      time.dateTime = at;
      meta.append(time);
      article.append(meta);
    }
    const results = new Results(t);
    results.node.removeAttribute('aria-live');
    results.show(poll, poll.myVote);
    article.append(results.node);
    return article;
  }
}
