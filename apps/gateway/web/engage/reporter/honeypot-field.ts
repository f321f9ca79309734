import { el, uid } from '../dom/el';

/**
 * API.md's honeypot `website`, the field a submission must leave empty. People (and their screen
 * readers) never meet it: placed off screen, hidden from the accessibility tree, out of the tab order
 * and of autofill. Robots that fill every input fill it, and the gateway refuses what they send.
 */
export class HoneypotField {
  readonly node: HTMLDivElement;
  private readonly input: HTMLInputElement;

  constructor(label: string) {
    this.input = el('input', 'engage-input');
    this.input.name = 'website';
    this.input.tabIndex = -1;
    this.input.autocomplete = 'off';
    this.input.id = uid('reporter-website');
    const caption = el('label', null, label);
    caption.htmlFor = this.input.id;
    this.node = el('div', 'engage-trap');
    this.node.setAttribute('aria-hidden', 'true');
    this.node.append(caption, this.input);
  }

  get value(): string {
    return this.input.value;
  }
}
