import type { PollView } from '@app/contracts/polls/poll.model';
import { el } from '../dom/el';
import type { Translator } from '@web/shared/i18n/translator';
import type { PollMessageKey } from './poll-messages';
import { hiddenNote, totalText } from './poll-texts';

interface ResultRow {
  item: HTMLLIElement;
  text: HTMLSpanElement;
  mine: HTMLSpanElement;
  percent?: HTMLSpanElement;
  fill?: HTMLSpanElement;
}

/** The results of a poll: each option with its percent and a bar, the total, the reader's choice. */
export class Results {
  readonly node: HTMLDivElement;
  private readonly rows = new Map<string, ResultRow>();
  private shape = '';
  private total: HTMLParagraphElement = el('p');

  constructor(private readonly t: Translator<PollMessageKey>) {
    this.node = el('div', 'engage-results-block');
    this.node.setAttribute('aria-live', 'polite');
  }

  show(poll: PollView, myVote: readonly string[] | null): void {
    const visible = poll.totalVotes !== null;
    const shape = (visible ? 'v:' : 'h:') + poll.options.map((option) => option.id).join(',');
    // Rebuilt only when the options change, so live updates move the bars instead of redrawing them.
    if (shape !== this.shape) this.build(poll, visible, shape);
    const mine = new Set(myVote || []);
    for (const option of poll.options) {
      const row = this.rows.get(option.id)!;
      row.text.textContent = option.text;
      row.item.classList.toggle('engage-result--mine', mine.has(option.id));
      row.mine.hidden = !mine.has(option.id);
      if (visible && row.percent && row.fill) {
        const percent = Math.max(0, Math.min(100, Number(option.percent) || 0));
        row.percent.textContent = percent + '%';
        row.fill.style.width = percent + '%';
      }
    }
    this.total.textContent = visible ? totalText(this.t, poll) : hiddenNote(this.t, poll);
  }

  private build(poll: PollView, visible: boolean, shape: string): void {
    this.shape = shape;
    this.rows.clear();
    const list = el('ul', 'engage-results');
    for (const option of poll.options) {
      const item = el('li', 'engage-result');
      const head = el('div', 'engage-result-row');
      const label = el('span', 'engage-result-text');
      const text = el('span');
      const mine = el('span', 'engage-mine', '✓ ' + this.t('mine'));
      label.append(text, mine);
      head.append(label);
      const row: ResultRow = { item, text, mine };
      if (visible) {
        row.percent = el('span', 'engage-result-percent');
        head.append(row.percent);
      }
      item.append(head);
      if (visible) {
        const bar = el('div', 'engage-bar');
        bar.setAttribute('aria-hidden', 'true');
        row.fill = el('span', 'engage-bar-fill');
        bar.append(row.fill);
        item.append(bar);
      }
      list.append(item);
      this.rows.set(option.id, row);
    }
    this.total = el('p', visible ? 'engage-total' : 'engage-hint');
    this.node.replaceChildren(list, this.total);
  }
}
