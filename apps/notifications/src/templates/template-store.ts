import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseTemplate, renderTemplate, TemplateScope } from '../domain/template-engine';

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Every template the service renders; each has `<name>.<locale>.txt` (and `.html` for email) per locale. */
export const TEMPLATE_NAMES = [
  'comment-reply',
  'comment-held',
  'comment-flagged',
  'moderation-digest',
  'submission-received',
  'submission-message',
  'submission-confirmation',
  'submission-status',
  'poll-closed',
  'telegram-unlinked',
  'webhook-disabled',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface RenderedMessage {
  subject: string;
  text: string;
  html?: string;
}

type Parsed = ReturnType<typeof parseTemplate>;

interface LoadedTemplate {
  subject: Parsed;
  text: Parsed;
  html?: Parsed;
}

const SUBJECT_LINE = /^Subject: (.*)\r?\n\r?\n/;

/**
 * Templates live as files beside the app (`apps/notifications/templates`), not in the build: the same
 * folder serves `src` under Jest and `dist` in production, found by walking up from this file.
 */
export function findTemplatesFolder(from: string = __dirname): string {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, 'apps', 'notifications', 'templates');
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) {
      throw new Error(`no apps/notifications/templates folder above ${from}`);
    }
  }
}

export function normaliseLocale(locale: string | null | undefined): Locale {
  return locale === 'en' ? 'en' : 'ru';
}

/** Every template read and parsed once, at start: a broken or missing one stops the service there. */
export class TemplateStore {
  private readonly templates = new Map<string, LoadedTemplate>();

  constructor(folder: string = findTemplatesFolder()) {
    const files = new Set(readdirSync(folder));
    for (const name of TEMPLATE_NAMES) {
      for (const locale of LOCALES) {
        const base = `${name}.${locale}`;
        if (!files.has(`${base}.txt`)) throw new Error(`template ${base}.txt is missing in ${folder}`);
        const source = readFileSync(join(folder, `${base}.txt`), 'utf8');
        const subject = SUBJECT_LINE.exec(source);
        if (!subject) throw new Error(`template ${base}.txt must start with "Subject: ..." and a blank line`);
        this.templates.set(base, {
          subject: parseTemplate(subject[1]),
          text: parseTemplate(source.slice(subject[0].length)),
          ...(files.has(`${base}.html`)
            ? { html: parseTemplate(readFileSync(join(folder, `${base}.html`), 'utf8')) }
            : {}),
        });
      }
    }
  }

  render(name: TemplateName, locale: Locale, params: TemplateScope): RenderedMessage {
    const template = this.templates.get(`${name}.${locale}`);
    if (!template) throw new Error(`template ${name}.${locale} is not loaded`);
    return {
      // A subject is one line whatever the values held.
      subject: renderTemplate(template.subject, params, false).replace(/\s+/g, ' ').trim(),
      text: tidy(renderTemplate(template.text, params, false)),
      ...(template.html ? { html: renderTemplate(template.html, params, true) } : {}),
    };
  }
}

/** Sections leave blank lines where they were skipped; two in a row are enough. */
function tidy(text: string): string {
  return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
