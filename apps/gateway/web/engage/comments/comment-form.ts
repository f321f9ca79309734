import { onPortalSessionChange, portalReaderName } from '../api/portal-session';
import { el, uid } from '../dom/el';
import type { Translator } from '@web/shared/i18n/translator';
import type { CommentMessageKey } from './comment-messages';

/** The API's limits, checked here too so a reader hears of them before sending. */
export const BODY_MAX = 5000;
const NAME_MAX = 80;
const EMAIL_MAX = 254;

const AUTHOR_KEY = 'engage:comment-author';

export interface Authorship {
  name: string;
  email: string;
  notify: boolean;
}

function rememberedAuthor(): Authorship {
  try {
    const saved = JSON.parse(localStorage.getItem(AUTHOR_KEY) || '{}') as Partial<Authorship>;
    return {
      name: typeof saved.name === 'string' ? saved.name : '',
      email: typeof saved.email === 'string' ? saved.email : '',
      notify: saved.notify === true,
    };
  } catch {
    return { name: '', email: '', notify: false };
  }
}

function rememberAuthor(author: Authorship): void {
  try {
    localStorage.setItem(AUTHOR_KEY, JSON.stringify(author));
  } catch {
    // storage blocked: the reader types their name again next time
  }
}

export interface CommentDraft extends Authorship {
  body: string;
}

/** What the form shows after sending: a text, and whether the draft is done with (cleared). */
export interface SendOutcome {
  message: string;
  isError: boolean;
  clear: boolean;
}

/** The form a reader writes a comment or a reply in: name, optional email and notification, text. */
export class CommentForm {
  readonly node: HTMLFormElement;
  private readonly name: HTMLInputElement;
  private readonly nameField: HTMLElement;
  private readonly signedIn: HTMLParagraphElement;
  private readonly email: HTMLInputElement;
  private readonly notify: HTMLInputElement;
  private readonly body: HTMLTextAreaElement;
  private readonly button: HTMLButtonElement;
  private readonly status: HTMLParagraphElement;
  private busy = false;

  constructor(
    private readonly t: Translator<CommentMessageKey>,
    heading: string,
    private readonly send: (draft: CommentDraft) => Promise<SendOutcome>,
    onCancel?: () => void,
  ) {
    const author = rememberedAuthor();
    this.node = el('form', 'engage-comment-form');
    this.node.noValidate = true;
    const title = el('h3', 'engage-form-title', heading);
    title.id = uid('comment-form');
    this.node.setAttribute('aria-labelledby', title.id);

    this.name = this.input('text', t('nameLabel'), NAME_MAX, 'name');
    this.name.value = author.name;
    this.name.required = true;
    this.email = this.input('email', t('emailLabel'), EMAIL_MAX, 'email');
    this.email.value = author.email;
    this.notify = el('input');
    this.notify.type = 'checkbox';
    this.notify.checked = author.notify;
    const notifyLabel = el('label', 'engage-option');
    notifyLabel.append(this.notify, el('span', null, t('notifyLabel')));

    this.body = el('textarea', 'engage-textarea');
    this.body.rows = 4;
    this.body.maxLength = BODY_MAX;
    this.body.required = true;
    const bodyId = uid('comment-body');
    this.body.id = bodyId;
    const bodyLabel = el('label', 'engage-label', t('bodyLabel'));
    bodyLabel.htmlFor = bodyId;

    this.button = el('button', 'engage-button', t('send'));
    this.button.type = 'submit';
    const actions = el('div', 'engage-form-actions');
    actions.append(this.button);
    if (onCancel) {
      const cancel = el('button', 'engage-button engage-button--quiet', t('cancel'));
      cancel.type = 'button';
      cancel.addEventListener('click', onCancel);
      actions.append(cancel);
    }
    this.status = el('p', 'engage-status');
    this.status.setAttribute('role', 'status');

    this.nameField = this.field(this.name);
    this.signedIn = el('p', 'engage-signed-in');
    this.showSession();
    onPortalSessionChange(() => this.showSession());

    this.node.append(
      title,
      this.signedIn,
      this.nameField,
      this.field(this.email),
      notifyLabel,
      bodyLabel,
      this.body,
      actions,
      this.status,
    );
    this.node.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  focus(): void {
    (this.name.value || portalReaderName() ? this.body : this.name).focus();
  }

  /** A reader signed in on the portal writes under the name the portal gave them: no name field. */
  private showSession(): void {
    const name = portalReaderName();
    this.nameField.hidden = name !== null;
    this.signedIn.hidden = name === null;
    this.signedIn.textContent = name === null ? '' : this.t('signedInAs', { name });
  }

  private input(type: string, label: string, maxLength: number, autocomplete: string): HTMLInputElement {
    const input = el('input', 'engage-input');
    input.type = type;
    input.maxLength = maxLength;
    input.autocomplete = autocomplete as AutoFill;
    input.id = uid('comment-' + autocomplete);
    input.dataset.label = label;
    return input;
  }

  private field(input: HTMLInputElement): HTMLElement {
    const wrap = el('div', 'engage-field');
    const label = el('label', 'engage-label', input.dataset.label);
    label.htmlFor = input.id;
    wrap.append(label, input);
    return wrap;
  }

  private setStatus(text: string, isError: boolean): void {
    this.status.textContent = text;
    this.status.classList.toggle('engage-status--error', isError);
  }

  private async submit(): Promise<void> {
    if (this.busy) return;
    const { t } = this;
    const draft: CommentDraft = {
      name: this.name.value.trim(),
      email: this.email.value.trim(),
      notify: this.notify.checked,
      body: this.body.value.trim(),
    };
    if (!draft.name && !portalReaderName()) {
      this.setStatus(t('needName'), true);
      this.name.focus();
      return;
    }
    if (!draft.body) {
      this.setStatus(t('needBody'), true);
      this.body.focus();
      return;
    }
    this.busy = true;
    this.button.disabled = true;
    this.button.textContent = t('sending');
    this.setStatus('', false);
    try {
      if (draft.name) rememberAuthor({ name: draft.name, email: draft.email, notify: draft.notify });
      const outcome = await this.send(draft);
      if (outcome.clear) this.body.value = '';
      this.setStatus(outcome.message, outcome.isError);
    } finally {
      this.busy = false;
      this.button.disabled = false;
      this.button.textContent = t('send');
    }
  }
}
