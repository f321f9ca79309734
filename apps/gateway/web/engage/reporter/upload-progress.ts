import { el, uid } from '../dom/el';
import type { Translator } from '@web/shared/i18n/translator';
import type { ReporterMessageKey } from './reporter-messages';

/** How much of a submission has been sent: a named `<progress>` and the same share in words. */
export class UploadProgress {
  readonly node: HTMLDivElement;
  private readonly bar: HTMLProgressElement;
  private readonly text: HTMLSpanElement;

  constructor(private readonly t: Translator<ReporterMessageKey>) {
    this.node = el('div', 'engage-progress');
    this.node.hidden = true;
    const label = el('span', 'engage-label', t('progressLabel'));
    label.id = uid('reporter-progress');
    this.bar = el('progress');
    this.bar.max = 100;
    this.bar.value = 0;
    this.bar.setAttribute('aria-labelledby', label.id);
    this.text = el('span', 'engage-hint');
    this.node.append(label, this.bar, this.text);
  }

  set visible(value: boolean) {
    this.node.hidden = !value;
  }

  show(sent: number, total: number): void {
    const percent = total > 0 ? Math.min(100, Math.floor((sent / total) * 100)) : 0;
    this.bar.value = percent;
    this.text.textContent = this.t('progressText', { percent });
  }
}
