import type { SubmissionReceiptView } from '@app/contracts/reporter/submission.model';
import { el, uid } from '../dom/el';
import { translator, type Locale, type Translator } from '@web/shared/i18n/translator';
import { limitsOf } from './file-rules';
import { ReceiptView } from './receipt-view';
import { ReporterApi } from './reporter-api';
import { REPORTER_MESSAGES, type ReporterMessageKey } from './reporter-messages';
import { SubmissionForm } from './submission-form';
import { TrackingPanel } from './tracking-panel';

type View = 'send' | 'track';

/**
 * `<div data-engage="reporter">`: readers send news with files to the newsroom, keep the tracking code
 * they are given, and later check the submission and answer the newsroom's questions with it.
 * `data-max-files`, `data-max-file-mb` and `data-max-total-mb` follow the service's limits when an
 * operator changed them.
 */
export class ReporterWidget {
  private readonly t: Translator<ReporterMessageKey>;
  private readonly form: SubmissionForm;
  private readonly tracking: TrackingPanel;
  private readonly sendPanel: HTMLDivElement;
  private readonly switches: Record<View, HTMLButtonElement>;

  constructor(host: HTMLElement, locale: Locale) {
    const t = (this.t = translator(REPORTER_MESSAGES, locale));
    const api = new ReporterApi(locale);
    const root = el('section', 'engage engage-reporter');
    const heading = el('h2', 'engage-title', t('title'));
    heading.id = uid('reporter-title');
    root.setAttribute('aria-labelledby', heading.id);

    const bar = el('div', 'engage-switch');
    this.switches = {
      send: this.switchButton('switchSend', 'send'),
      track: this.switchButton('switchTrack', 'track'),
    };
    bar.append(this.switches.send, this.switches.track);

    this.sendPanel = el('div', 'engage-send');
    this.form = new SubmissionForm(t, api, limitsOf(host), (receipt) => this.showReceipt(receipt));
    this.sendPanel.append(el('p', 'engage-hint engage-intro', t('intro')), this.form.node);
    this.tracking = new TrackingPanel(t, api);
    root.append(heading, bar, this.sendPanel, this.tracking.node);
    host.replaceChildren(root);
    this.select('send');
  }

  async start(): Promise<void> {
    // Nothing to load: the form is ready as it is drawn.
  }

  private switchButton(key: ReporterMessageKey, view: View): HTMLButtonElement {
    const button = el('button', 'engage-button engage-button--quiet engage-switch-button', this.t(key));
    button.type = 'button';
    button.addEventListener('click', () => {
      this.select(view);
      if (view === 'track') this.tracking.focus();
      else this.form.focus();
    });
    return button;
  }

  private select(view: View): void {
    this.sendPanel.hidden = view !== 'send';
    this.tracking.node.hidden = view !== 'track';
    for (const [name, button] of Object.entries(this.switches)) {
      button.setAttribute('aria-pressed', String(name === view));
    }
  }

  private showReceipt(receipt: SubmissionReceiptView): void {
    const receiptView = new ReceiptView(
      this.t,
      receipt,
      (trackingCode) => {
        this.restoreForm();
        this.select('track');
        this.tracking.focus();
        void this.tracking.check(trackingCode);
      },
      () => {
        this.restoreForm();
        this.form.focus();
      },
    );
    this.sendPanel.replaceChildren(receiptView.node);
    receiptView.focus();
  }

  private restoreForm(): void {
    this.sendPanel.replaceChildren(el('p', 'engage-hint engage-intro', this.t('intro')), this.form.node);
  }
}
