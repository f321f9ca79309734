import { el, uid } from '../dom/el';
import type { Translator } from '@web/shared/i18n/translator';
import { ACCEPT, MEBIBYTE, refuseFile, type FileLimits, type FileRefusal } from './file-rules';
import type { ReporterMessageKey } from './reporter-messages';

const megabytes = (bytes: number) => Math.round((bytes / MEBIBYTE) * 10) / 10;

/**
 * The files of a submission: a file input whose picks are checked one by one and kept in a list the
 * reader can trim. Files that break a limit are not kept; the reader is told which and why.
 */
export class FilePicker {
  readonly node: HTMLDivElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private chosen: File[] = [];

  constructor(
    private readonly t: Translator<ReporterMessageKey>,
    private readonly limits: FileLimits,
    private readonly onRefused: (reasons: string[]) => void,
    private readonly onChange: () => void,
  ) {
    this.node = el('div', 'engage-field engage-files');
    this.input = el('input', 'engage-file-input');
    this.input.type = 'file';
    this.input.multiple = true;
    this.input.accept = ACCEPT;
    this.input.id = uid('reporter-files');
    this.input.name = 'files';
    const label = el('label', 'engage-label', t('filesLabel'));
    label.htmlFor = this.input.id;
    const hint = el(
      'p',
      'engage-hint',
      t('filesHint', {
        files: limits.maxFiles,
        file: t.number(megabytes(limits.maxFileBytes)),
        total: t.number(megabytes(limits.maxTotalBytes)),
      }),
    );
    hint.id = uid('reporter-files-hint');
    this.input.setAttribute('aria-describedby', hint.id);
    this.list = el('ul', 'engage-file-list');
    this.input.addEventListener('change', () => this.take());
    this.node.append(label, this.input, hint, this.list);
  }

  get files(): readonly File[] {
    return this.chosen;
  }

  set disabled(value: boolean) {
    this.input.disabled = value;
    for (const button of Array.from(this.list.querySelectorAll('button'))) button.disabled = value;
  }

  clear(): void {
    this.chosen = [];
    this.render();
  }

  private take(): void {
    const refusals: string[] = [];
    for (const file of Array.from(this.input.files ?? [])) {
      const refusal = refuseFile(file, this.chosen, this.limits);
      if (refusal) refusals.push(this.refusalText(file.name, refusal));
      else this.chosen.push(file);
    }
    // The input is emptied so that picking the same file again (after removing it) is seen as a change.
    this.input.value = '';
    this.render();
    this.onRefused(refusals);
    this.onChange();
  }

  private refusalText(name: string, refusal: FileRefusal): string {
    const { t } = this;
    switch (refusal.reason) {
      case 'type':
        return t('fileType', { name });
      case 'empty':
        return t('fileEmpty', { name });
      case 'size':
        return t('fileSize', { name, n: t.number(megabytes(refusal.limit)) });
      case 'count':
        return t('fileCount', { name, n: refusal.limit });
      case 'total':
        return t('fileTotal', { name, n: t.number(megabytes(refusal.limit)) });
    }
  }

  private sizeText(bytes: number): string {
    const { t } = this;
    if (bytes >= MEBIBYTE / 10) return t('megabytes', { n: t.number(megabytes(bytes)) });
    return t('kilobytes', { n: t.number(Math.max(1, Math.round(bytes / 1024))) });
  }

  private render(): void {
    const { t } = this;
    this.list.replaceChildren(
      ...this.chosen.map((file, index) => {
        const item = el('li', 'engage-file');
        const name = el('span', 'engage-file-name', file.name);
        const size = el('span', 'engage-file-size', this.sizeText(file.size));
        const remove = el('button', 'engage-action', t('fileRemove'));
        remove.type = 'button';
        remove.setAttribute('aria-label', t('fileRemoveNamed', { name: file.name }));
        remove.addEventListener('click', () => {
          this.chosen.splice(index, 1);
          this.render();
          this.onChange();
          this.input.focus();
        });
        item.append(name, size, remove);
        return item;
      }),
    );
  }
}
