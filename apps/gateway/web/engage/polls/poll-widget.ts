import type { PollView } from '@app/contracts/polls/poll.model';
import { failureText } from '../api/failure-text';
import { asReader, readerGet } from '../api/reader-token';
import type { Answer } from '../api/request';
import { API } from '../api/script-context';
import { el, safeHref, uid } from '../dom/el';
import type { Translator } from '@web/shared/i18n/translator';
import type { PollMessageKey } from './poll-messages';
import { hiddenNote, totalText } from './poll-texts';
import { Results } from './results';

/** The current poll of a placement: the form until the reader votes, then the results, kept live. */
export class PollWidget {
  private readonly placement: string;
  private poll: PollView | null = null;
  private myVote: string[] | null = null;
  private view: 'form' | 'results' | null = null;
  private results: Results | null = null;
  private question: HTMLParagraphElement | null = null;
  private stream: EventSource | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private busy = false;
  /** Before a vote, when everyone may see the results: each option's share and the total, kept live. */
  private formShares: { percents: Map<string, HTMLSpanElement>; total: HTMLParagraphElement } | null = null;
  private readonly body: HTMLDivElement;
  private readonly status: HTMLParagraphElement;

  constructor(
    host: HTMLElement,
    private readonly t: Translator<PollMessageKey>,
  ) {
    this.placement = host.dataset.placement || 'sidebar';
    const root = el('section', 'engage engage-poll');
    const title = host.dataset.title === undefined ? t('pollTitle') : host.dataset.title;
    if (title) {
      const heading = el('h2', 'engage-title', title);
      heading.id = uid('poll-title');
      root.setAttribute('aria-labelledby', heading.id);
      root.append(heading);
    }
    this.body = el('div', 'engage-body');
    this.status = el('p', 'engage-status');
    this.status.setAttribute('role', 'status');
    const link = el('a', 'engage-link', t('allPolls'));
    link.href = safeHref(host.dataset.archiveUrl);
    root.append(this.body, this.status, link);
    host.replaceChildren(root);
  }

  start(): Promise<void> {
    return this.load();
  }

  private setStatus(text: string, isError = false): void {
    this.status.textContent = text || '';
    this.status.classList.toggle('engage-status--error', isError);
  }

  private async load(): Promise<void> {
    this.body.replaceChildren(el('p', 'engage-hint', this.t('loading')));
    this.setStatus('');
    const answer = await readerGet<PollView>(
      '/api/v1/polls/current?placement=' + encodeURIComponent(this.placement),
    );
    if (answer.status === 200 && answer.body) {
      const poll = this.accept(answer.body);
      if (poll.status === 'open' && this.myVote === null) this.showForm(poll);
      else this.showResults();
      this.listen(poll);
    } else if (answer.status === 404) {
      this.body.replaceChildren(el('p', 'engage-hint', this.t('noPoll')));
    } else {
      this.showLoadError(answer);
    }
  }

  private showLoadError(answer: Answer): void {
    const retry = el('button', 'engage-button engage-button--quiet', this.t('retry'));
    retry.type = 'button';
    retry.addEventListener('click', () => void this.load());
    this.body.replaceChildren(retry);
    this.setStatus(failureText(this.t, answer), true);
  }

  /** Takes a poll from the API, keeping the reader's choice that anonymous answers do not carry. */
  private accept(poll: PollView): PollView {
    if (Array.isArray(poll.myVote)) this.myVote = poll.myVote;
    this.poll = poll;
    return poll;
  }

  private showForm(poll: PollView): void {
    const { t } = this;
    this.view = 'form';
    this.results = null;
    const form = el('form', 'engage-form');
    form.noValidate = true;
    const fieldset = el('fieldset', 'engage-fieldset');
    fieldset.append(el('legend', 'engage-question', poll.question));
    const multiple = poll.multipleChoice;
    const max = multiple ? Math.max(1, poll.maxChoices || poll.options.length) : 1;
    if (multiple) {
      const hint = el(
        'p',
        'engage-hint',
        max < poll.options.length ? t('pickUpTo', { n: max }) : t('pickAny'),
      );
      hint.id = uid('poll-hint');
      fieldset.setAttribute('aria-describedby', hint.id);
      fieldset.append(hint);
    }
    const name = uid('poll-choice');
    const visible = poll.totalVotes !== null;
    const percents = new Map<string, HTMLSpanElement>();
    const inputs = poll.options.map((option) => {
      const label = el('label', 'engage-option');
      const input = el('input');
      input.type = multiple ? 'checkbox' : 'radio';
      input.name = name;
      input.value = option.id;
      label.append(input, el('span', 'engage-option-text', option.text));
      if (visible) {
        const percent = el('span', 'engage-result-percent');
        percents.set(option.id, percent);
        label.append(percent);
      }
      fieldset.append(label);
      return input;
    });
    const button = el('button', 'engage-button', t('vote'));
    button.type = 'submit';
    button.disabled = true;
    form.append(fieldset, button);
    this.formShares = null;
    if (visible) {
      const total = el('p', 'engage-total');
      total.setAttribute('aria-live', 'polite');
      form.append(total);
      this.formShares = { percents, total };
      this.showFormShares(poll);
    }

    const meta: string[] = [];
    if (poll.closesAt) meta.push(t('closesAt', { date: t.date(poll.closesAt) }));
    if (poll.totalVotes === null) meta.push(hiddenNote(t, poll));
    for (const line of meta) form.append(el('p', 'engage-meta', line));

    const chosen = () => inputs.filter((input) => input.checked);
    form.addEventListener('change', () => {
      const count = chosen().length;
      button.disabled = this.busy || count === 0;
      if (!multiple) return;
      for (const input of inputs) {
        input.disabled = !input.checked && count >= max;
        input.parentElement?.classList.toggle('engage-option--disabled', input.disabled);
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const optionIds = chosen().map((input) => input.value);
      if (optionIds.length > 0 && !this.busy) void this.vote(optionIds, button);
    });
    this.body.replaceChildren(form);
  }

  private showFormShares(poll: PollView): void {
    if (!this.formShares || poll.totalVotes === null) return;
    for (const option of poll.options) {
      const percent = this.formShares.percents.get(option.id);
      if (percent) percent.textContent = Math.max(0, Math.min(100, Number(option.percent) || 0)) + '%';
    }
    this.formShares.total.textContent = totalText(this.t, poll);
  }

  private showResults(): void {
    const poll = this.poll;
    if (!poll) return;
    if (this.view !== 'results' || !this.results || !this.question) {
      this.view = 'results';
      this.results = new Results(this.t);
      this.question = el('p', 'engage-question');
      this.body.replaceChildren(this.question, this.results.node);
    }
    this.question.textContent = poll.question;
    this.results.show(poll, this.myVote);
    if (poll.status === 'closed' && !this.status.textContent) this.setStatus(this.t('closed'));
  }

  private async vote(optionIds: string[], button: HTMLButtonElement): Promise<void> {
    const { t } = this;
    this.busy = true;
    button.disabled = true;
    button.textContent = t('sending');
    this.setStatus('');
    try {
      const answer = await asReader<PollView>(
        `/api/v1/polls/${encodeURIComponent(this.poll!.id)}/votes`,
        'POST',
        { optionIds },
      );
      switch (answer.status) {
        case 201:
          if (answer.body) this.accept(answer.body);
          if (this.myVote === null) this.myVote = optionIds;
          this.showResults();
          this.setStatus(t('thanks'));
          return;
        case 409:
          await this.refresh();
          this.showResults();
          this.setStatus(t('already'));
          return;
        case 422:
          await this.refresh();
          this.showResults();
          this.setStatus(t('closedNow'));
          return;
        case 400:
          this.setStatus(t('rejected'), true);
          return;
        default:
          this.setStatus(failureText(t, answer), true);
      }
    } finally {
      this.busy = false;
      if (this.view === 'form') {
        button.textContent = t('vote');
        button.disabled = false;
      }
    }
  }

  private async refresh(): Promise<void> {
    const answer = await readerGet<PollView>(`/api/v1/polls/${encodeURIComponent(this.poll!.id)}`);
    if (answer.status === 200 && answer.body) this.accept(answer.body);
  }

  private listen(poll: PollView): void {
    if (this.stream || poll.status === 'closed' || typeof EventSource === 'undefined') return;
    // EventSource cannot send the reader token, so the stream is anonymous; the reader's choice is kept here.
    this.stream = new EventSource(`${API}/api/v1/polls/${encodeURIComponent(poll.id)}/live`);
    this.stream.addEventListener('results', (event) => {
      let live: PollView;
      try {
        live = JSON.parse((event as MessageEvent<string>).data) as PollView;
      } catch {
        return;
      }
      if (live && live.id === this.poll?.id) this.onLive(live);
    });
  }

  private onLive(poll: PollView): void {
    if (poll.totalVotes === null && this.myVote !== null && poll.resultsVisibility === 'after_vote') {
      // Hidden from an anonymous reader but not from this one: read the poll as the reader.
      this.refreshSoon();
      return;
    }
    this.accept(poll);
    if (this.view === 'results') this.showResults();
    else if (poll.status !== 'open' && !this.busy) this.showResults();
    else this.showFormShares(poll);
    if (poll.status === 'closed') this.stopListening();
  }

  private refreshSoon(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      void this.refresh().then(() => {
        this.refreshTimer = null;
        if (this.view === 'results') this.showResults();
      });
    }, 250);
  }

  private stopListening(): void {
    if (this.stream) this.stream.close();
    this.stream = null;
  }
}
