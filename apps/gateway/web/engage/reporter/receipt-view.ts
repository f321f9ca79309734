import { el, uid } from '../dom/el';
import type { Translator } from '@web/shared/i18n/translator';
import type { SubmissionReceiptView } from '@app/contracts/reporter/submission.model';
import type { ReporterMessageKey } from './reporter-messages';

/** Puts the code on the clipboard; where the clipboard API is refused, the selected field is copied. */
async function copyCode(field: HTMLInputElement): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(field.value);
      return true;
    }
  } catch {
    // refused (no permission): copy the selection below
  }
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/**
 * What a reader sees once the news is filed: the tracking code as the service grouped it, a button to
 * copy it, and the advice to keep it. The code is never stored by the widget (not in the address, not in
 * the browser's storage): on a shared or seized device it would lead to the reader's submission.
 */
export class ReceiptView {
  readonly node: HTMLDivElement;
  private readonly heading: HTMLHeadingElement;

  constructor(
    t: Translator<ReporterMessageKey>,
    receipt: SubmissionReceiptView,
    onCheck: (trackingCode: string) => void,
    onAnother: () => void,
  ) {
    this.node = el('div', 'engage-receipt');
    this.heading = el('h3', 'engage-form-title', t('receivedTitle'));
    this.heading.tabIndex = -1;
    const code = el('input', 'engage-input engage-code');
    code.readOnly = true;
    code.value = receipt.trackingCode;
    code.id = uid('reporter-code');
    code.spellcheck = false;
    code.addEventListener('focus', () => code.select());
    const codeLabel = el('label', 'engage-label', t('codeLabel'));
    codeLabel.htmlFor = code.id;
    const advice = el('p', 'engage-advice', t('codeAdvice'));
    advice.id = uid('reporter-code-advice');
    code.setAttribute('aria-describedby', advice.id);
    const status = el('p', 'engage-status');
    status.setAttribute('role', 'status');
    const copy = el('button', 'engage-button engage-button--quiet', t('copy'));
    copy.type = 'button';
    copy.addEventListener('click', () => {
      void copyCode(code).then((copied) => {
        status.textContent = t(copied ? 'copied' : 'copyFailed');
      });
    });
    const check = el('button', 'engage-button', t('checkNow'));
    check.type = 'button';
    check.addEventListener('click', () => onCheck(receipt.trackingCode));
    const another = el('button', 'engage-button engage-button--quiet', t('sendAnother'));
    another.type = 'button';
    another.addEventListener('click', onAnother);
    const actions = el('div', 'engage-form-actions');
    actions.append(copy, check, another);
    this.node.append(
      this.heading,
      el('p', null, t('receivedText')),
      codeLabel,
      code,
      advice,
      actions,
      status,
    );
  }

  /** Moves focus to the heading, so a screen reader starts reading the receipt. */
  focus(): void {
    this.heading.focus();
  }
}
