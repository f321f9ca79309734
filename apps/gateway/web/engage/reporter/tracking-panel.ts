import type {
  SubmissionMessageView,
  SubmissionStatus,
  TrackingView,
} from '@app/contracts/reporter/submission.model';
import { el, uid } from '../dom/el';
import type { Translator } from '@web/shared/i18n/translator';
import { AlertRegion, problemLines } from './problem-alert';
import type { ReporterApi } from './reporter-api';
import type { ReporterMessageKey } from './reporter-messages';
import { SUBMISSION_TEXT_LIMITS } from '@app/contracts/reporter/submission.limits';

const REPLY_MAX = SUBMISSION_TEXT_LIMITS.messageMaxLength;
const CODE_MAX = 64;

/**
 * The shape of a tracking code (16 letters and digits, in groups or not), checked before asking: every
 * wrong code a reader sends counts towards the hourly limit of their address, so an obvious slip (a
 * group left out) is pointed out here instead. The service decides whether the code exists.
 */
function looksLikeTrackingCode(input: string): boolean {
  return /^[0-9A-Z]{16}$/i.test(input.replace(/[\s\-_.·‐-―−]/g, ''));
}

/** API.md's states; the submitter may write while the newsroom has not closed the submission. */
const STATUS_KEYS: Record<SubmissionStatus, ReporterMessageKey> = {
  received: 'status_received',
  in_review: 'status_in_review',
  needs_info: 'status_needs_info',
  accepted: 'status_accepted',
  published: 'status_published',
  rejected: 'status_rejected',
  spam: 'status_spam',
};
const CLOSED: readonly SubmissionStatus[] = ['rejected', 'spam', 'published'];

/**
 * "Check my submission": a reader enters the tracking code and sees the status, the newsroom's messages
 * and a box to answer them.
 */
export class TrackingPanel {
  readonly node: HTMLDivElement;
  private readonly heading: HTMLHeadingElement;
  private readonly codeInput: HTMLInputElement;
  private readonly checkButton: HTMLButtonElement;
  private readonly alert = new AlertRegion();
  private readonly result: HTMLDivElement;
  private trackingCode = '';

  constructor(
    private readonly t: Translator<ReporterMessageKey>,
    private readonly api: ReporterApi,
  ) {
    this.node = el('div', 'engage-tracking');
    this.heading = el('h3', 'engage-form-title', t('trackTitle'));
    this.heading.tabIndex = -1;
    const form = el('form', 'engage-track-form');
    form.noValidate = true;
    this.codeInput = el('input', 'engage-input engage-code');
    this.codeInput.id = uid('reporter-track-code');
    this.codeInput.name = 'trackingCode';
    this.codeInput.maxLength = CODE_MAX;
    this.codeInput.autocomplete = 'off';
    this.codeInput.spellcheck = false;
    const intro = el('p', 'engage-hint', t('trackIntro'));
    intro.id = uid('reporter-track-intro');
    this.codeInput.setAttribute('aria-describedby', intro.id);
    const label = el('label', 'engage-label', t('trackCodeLabel'));
    label.htmlFor = this.codeInput.id;
    this.checkButton = el('button', 'engage-button', t('trackCheck'));
    this.checkButton.type = 'submit';
    form.append(intro, label, this.codeInput, this.checkButton);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.check(this.codeInput.value.trim());
    });
    this.result = el('div', 'engage-track-result');
    this.result.setAttribute('aria-live', 'polite');
    this.node.append(this.heading, form, this.alert.node, this.result);
  }

  focus(): void {
    this.heading.focus();
  }

  /** Shows the submission of `trackingCode`; an empty code asks for one. */
  async check(trackingCode: string): Promise<void> {
    const { t } = this;
    this.codeInput.value = trackingCode;
    this.codeInput.removeAttribute('aria-invalid');
    if (!trackingCode) {
      this.codeInput.setAttribute('aria-invalid', 'true');
      this.alert.show([t('needCode')]);
      this.codeInput.focus();
      return;
    }
    if (!looksLikeTrackingCode(trackingCode)) {
      this.codeInput.setAttribute('aria-invalid', 'true');
      this.alert.show([t('codeShape')]);
      this.codeInput.focus();
      return;
    }
    this.alert.clear();
    this.checkButton.disabled = true;
    this.checkButton.textContent = t('checking');
    const answer = await this.api.track(trackingCode);
    this.checkButton.disabled = false;
    this.checkButton.textContent = t('trackCheck');
    if (answer.status === 200 && answer.body && Array.isArray(answer.body.messages)) {
      this.trackingCode = trackingCode;
      this.show(answer.body);
      return;
    }
    this.trackingCode = '';
    this.result.replaceChildren();
    if (answer.status === 404 || answer.status === 400) this.codeInput.setAttribute('aria-invalid', 'true');
    this.alert.show(answer.status === 404 ? [t('unknownCode')] : problemLines(t, answer));
  }

  private show(view: TrackingView, said?: string): void {
    const { t } = this;
    const status = el('p', 'engage-track-status');
    status.append(
      el('span', 'engage-label engage-label--inline', t('statusLabel') + ':'),
      el('strong', null, view.status in STATUS_KEYS ? t(STATUS_KEYS[view.status]) : view.status),
    );
    const updated = el('p', 'engage-meta', t('updatedAt', { at: t.dateTime(view.updatedAt) }));
    const parts: HTMLElement[] = [status, updated];
    if (view.status === 'needs_info') parts.push(el('p', 'engage-notice', t('needsInfoHint')));
    parts.push(el('h4', 'engage-form-title', t('messagesTitle')));
    parts.push(
      view.messages.length > 0 ? this.messageList(view.messages) : el('p', 'engage-hint', t('noMessages')),
    );
    parts.push(
      CLOSED.includes(view.status) ? el('p', 'engage-hint', t('closedThread')) : this.replyForm(said),
    );
    this.result.replaceChildren(...parts);
  }

  private messageList(messages: readonly SubmissionMessageView[]): HTMLOListElement {
    const { t } = this;
    const list = el('ol', 'engage-messages');
    for (const message of messages) {
      const fromNewsroom = message.from === 'newsroom';
      const item = el('li', `engage-message engage-message--${fromNewsroom ? 'newsroom' : 'submitter'}`);
      const meta = el('p', 'engage-comment-meta');
      const time = el('time', null, t.dateTime(message.at));
      time.dateTime = message.at;
      meta.append(el('span', 'engage-author', t(fromNewsroom ? 'fromNewsroom' : 'fromSubmitter')), time);
      item.append(meta, el('p', 'engage-comment-body', message.text));
      list.append(item);
    }
    return list;
  }

  private replyForm(said?: string): HTMLFormElement {
    const { t } = this;
    const form = el('form', 'engage-reply-form');
    form.noValidate = true;
    const text = el('textarea', 'engage-textarea');
    text.id = uid('reporter-reply');
    text.rows = 4;
    text.maxLength = REPLY_MAX;
    const label = el('label', 'engage-label', t('replyLabel'));
    label.htmlFor = text.id;
    const send = el('button', 'engage-button', t('replySend'));
    send.type = 'submit';
    const status = el('p', 'engage-status', said);
    status.setAttribute('role', 'status');
    const alert = new AlertRegion();
    form.append(label, text, send, status, alert.node);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const body = text.value.trim();
      status.textContent = '';
      if (!body) {
        text.setAttribute('aria-invalid', 'true');
        alert.show([t('needReply')]);
        text.focus();
        return;
      }
      text.removeAttribute('aria-invalid');
      alert.clear();
      send.disabled = true;
      void this.api.reply(this.trackingCode, body).then(async (answer) => {
        send.disabled = false;
        if (answer.status !== 201) {
          alert.show(problemLines(t, answer));
          return;
        }
        // Read again so the answer shows in its place, with the status the newsroom now sees.
        const fresh = await this.api.track(this.trackingCode);
        if (fresh.status === 200 && fresh.body && Array.isArray(fresh.body.messages)) {
          this.show(fresh.body, t('replySent'));
          this.result.querySelector<HTMLTextAreaElement>('.engage-reply-form textarea')?.focus();
        } else {
          text.value = '';
          status.textContent = t('replySent');
        }
      });
    });
    return form;
  }
}
