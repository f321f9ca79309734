import type { SubmissionReceiptView } from '@app/contracts/reporter/submission.model';
import { el, uid } from '../dom/el';
import type { Translator } from '@web/shared/i18n/translator';
import { FilePicker } from './file-picker';
import { HoneypotField } from './honeypot-field';
import type { FileLimits } from './file-rules';
import { newIdempotencyKey } from './idempotency-key';
import { AlertRegion, fieldProblems, problemLines } from './problem-alert';
import type { ReporterApi, SubmissionFields, Upload } from './reporter-api';
import type { ReporterMessageKey } from './reporter-messages';
import { UploadProgress } from './upload-progress';
import { CATEGORY_LABELS } from '@web/shared/reporter/category-labels';
import { SUBMISSION_TEXT_LIMITS } from '@app/contracts/reporter/submission.limits';

/** API.md's limits of the text fields, checked here too so a reader hears of them before sending. */
const MAX = {
  title: SUBMISSION_TEXT_LIMITS.titleMaxLength,
  body: SUBMISSION_TEXT_LIMITS.bodyMaxLength,
  location: SUBMISSION_TEXT_LIMITS.locationMaxLength,
  name: SUBMISSION_TEXT_LIMITS.nameMaxLength,
  email: SUBMISSION_TEXT_LIMITS.emailMaxLength,
  phone: SUBMISSION_TEXT_LIMITS.phoneMaxLength,
} as const;

// Enough to catch a typo; the service checks the address properly.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type TextField = Exclude<keyof SubmissionFields, 'website'>;
type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

interface Issue {
  control: Control;
  text: string;
}

/**
 * The form a reader sends news with. One Idempotency-Key stands for one draft: a retry after the
 * connection broke sends the same key, so the service answers with the first receipt instead of filing
 * the news twice; any change to the draft takes a new key, since it is a different submission.
 */
export class SubmissionForm {
  readonly node: HTMLFormElement;
  private readonly controls = {} as Record<TextField, Control>;
  private readonly labels = {} as Record<TextField | 'consent', string>;
  private readonly consent: HTMLInputElement;
  private readonly trap: HoneypotField;
  private readonly picker: FilePicker;
  private readonly alert = new AlertRegion();
  private readonly progress: UploadProgress;
  private readonly send: HTMLButtonElement;
  private readonly stop: HTMLButtonElement;
  private idempotencyKey: string | null = null;
  private upload: Upload | null = null;
  private stopped = false;

  constructor(
    private readonly t: Translator<ReporterMessageKey>,
    private readonly api: ReporterApi,
    limits: FileLimits,
    private readonly onReceived: (receipt: SubmissionReceiptView) => void,
  ) {
    this.node = el('form', 'engage-reporter-form');
    this.node.noValidate = true;

    const title = this.input('title', 'titleLabel', 'off');
    title.required = true;
    const body = el('textarea', 'engage-textarea');
    body.rows = 6;
    body.required = true;
    this.register('body', body, 'bodyLabel');
    const category = el('select', 'engage-select');
    category.append(this.option('', t('categoryNone')));
    for (const [value, key] of Object.entries(CATEGORY_LABELS)) category.append(this.option(value, t(key)));
    this.register('category', category, 'categoryLabel');
    this.input('location', 'locationLabel', 'off');

    const contact = el('fieldset', 'engage-fieldset engage-contact');
    const contactHint = el('p', 'engage-hint', t('contactHint'));
    contactHint.id = uid('reporter-contact-hint');
    contact.setAttribute('aria-describedby', contactHint.id);
    const name = this.input('name', 'nameLabel', 'name');
    name.required = true;
    const email = this.input('email', 'emailLabel', 'email');
    email.type = 'email';
    const phone = this.input('phone', 'phoneLabel', 'tel');
    phone.type = 'tel';
    contact.append(el('legend', 'engage-legend', t('contactLegend')), contactHint);
    for (const control of [name, email, phone]) contact.append(this.field(control));

    this.picker = new FilePicker(
      t,
      limits,
      (refusals) => (refusals.length > 0 ? this.alert.show(refusals) : this.alert.clear()),
      () => this.draftChanged(),
    );

    this.consent = el('input');
    this.consent.type = 'checkbox';
    this.consent.required = true;
    this.consent.id = uid('reporter-consent');
    this.labels.consent = t('consentLabel');
    const consentLabel = el('label', 'engage-option engage-consent');
    consentLabel.append(this.consent, el('span', null, t('consentLabel')));

    this.trap = new HoneypotField(t('trapLabel'));
    this.progress = new UploadProgress(t);

    this.send = el('button', 'engage-button', t('send'));
    this.send.type = 'submit';
    this.stop = el('button', 'engage-button engage-button--quiet', t('cancelUpload'));
    this.stop.type = 'button';
    this.stop.hidden = true;
    this.stop.addEventListener('click', () => {
      this.stopped = true;
      this.upload?.cancel();
    });
    const actions = el('div', 'engage-form-actions');
    actions.append(this.send, this.stop);

    this.node.append(
      this.field(title),
      this.field(body),
      this.field(category),
      this.field(this.controls.location),
      contact,
      this.picker.node,
      consentLabel,
      this.trap.node,
      this.progress.node,
      actions,
      this.alert.node,
    );
    this.node.addEventListener('input', () => this.draftChanged());
    this.node.addEventListener('change', () => this.draftChanged());
    this.node.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  focus(): void {
    this.controls.title.focus();
  }

  private option(value: string, text: string): HTMLOptionElement {
    const option = el('option', null, text);
    option.value = value;
    return option;
  }

  private register(name: TextField, control: Control, label: ReporterMessageKey): void {
    control.id = uid('reporter-' + name);
    control.name = name;
    if (name in MAX) (control as HTMLInputElement).maxLength = MAX[name as keyof typeof MAX];
    this.controls[name] = control;
    this.labels[name] = this.t(label);
  }

  private input(name: TextField, label: ReporterMessageKey, autocomplete: string): HTMLInputElement {
    const input = el('input', 'engage-input');
    input.type = 'text';
    input.autocomplete = autocomplete as AutoFill;
    this.register(name, input, label);
    return input;
  }

  private field(control: Control): HTMLDivElement {
    const wrap = el('div', 'engage-field');
    const label = el('label', 'engage-label', this.labels[control.name as TextField]);
    label.htmlFor = control.id;
    wrap.append(label, control);
    return wrap;
  }

  private draftChanged(): void {
    // A running upload keeps the key it was sent with.
    if (!this.upload) this.idempotencyKey = null;
  }

  private values(): SubmissionFields {
    const value = (name: TextField) => this.controls[name].value.trim();
    return {
      title: value('title'),
      body: value('body'),
      category: value('category'),
      location: value('location'),
      name: value('name'),
      email: value('email'),
      phone: value('phone'),
      website: this.trap.value,
    };
  }

  private issues(fields: SubmissionFields): Issue[] {
    const { t, controls } = this;
    const found: Issue[] = [];
    if (!fields.title) found.push({ control: controls.title, text: t('needTitle') });
    if (!fields.body) found.push({ control: controls.body, text: t('needBody') });
    for (const name of Object.keys(MAX) as (keyof typeof MAX)[]) {
      if (fields[name].length > MAX[name]) {
        found.push({
          control: controls[name],
          text: t('tooLong', { field: this.labels[name], n: MAX[name] }),
        });
      }
    }
    if (!fields.name) found.push({ control: controls.name, text: t('needName') });
    if (!fields.email && !fields.phone) found.push({ control: controls.email, text: t('needContact') });
    else if (fields.email && !EMAIL_SHAPE.test(fields.email))
      found.push({ control: controls.email, text: t('badEmail') });
    if (!this.consent.checked) found.push({ control: this.consent, text: t('needConsent') });
    return found;
  }

  private markInvalid(controls: readonly Control[]): void {
    for (const control of [...Object.values(this.controls), this.consent]) {
      if (controls.includes(control)) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  }

  private setBusy(busy: boolean): void {
    this.send.disabled = busy;
    this.send.textContent = this.t(busy ? 'sending' : 'send');
    this.stop.hidden = !busy;
    this.progress.visible = busy;
    this.picker.disabled = busy;
    this.node.setAttribute('aria-busy', String(busy));
  }

  private async submit(): Promise<void> {
    if (this.upload) return;
    const fields = this.values();
    const issues = this.issues(fields);
    this.markInvalid(issues.map((issue) => issue.control));
    if (issues.length > 0) {
      this.alert.show(issues.map((issue) => issue.text));
      issues[0].control.focus();
      return;
    }
    this.alert.clear();
    this.idempotencyKey ??= newIdempotencyKey();
    this.stopped = false;
    this.progress.show(0, 1);
    this.setBusy(true);
    this.upload = this.api.submit(fields, this.picker.files, this.idempotencyKey, (sent, total) =>
      this.progress.show(sent, total),
    );
    const answer = await this.upload.answer;
    this.upload = null;
    this.setBusy(false);
    // A retry with the same key is answered with the first receipt, which a gateway may send as 200.
    if (
      (answer.status === 201 || answer.status === 200) &&
      answer.body &&
      typeof answer.body.trackingCode === 'string'
    ) {
      this.idempotencyKey = null;
      this.node.reset();
      this.picker.clear();
      this.onReceived(answer.body);
      return;
    }
    if (answer.status === 0) {
      this.alert.show([this.t(this.stopped ? 'uploadStopped' : 'networkSend')]);
      return;
    }
    const named = fieldProblems(answer)
      .map((problem) => problem.field.split('.')[0])
      .filter((field): field is TextField | 'consent' => field in this.labels);
    this.markInvalid(named.map((field) => (field === 'consent' ? this.consent : this.controls[field])));
    const lines = problemLines(this.t, answer);
    if (named.length > 0) {
      lines.push(
        this.t('fieldsInvalid', { fields: [...new Set(named)].map((f) => this.labels[f]).join(', ') }),
      );
    }
    this.alert.show(lines);
  }
}
