import { failureText } from '../api/failure-text';
import type { Answer } from '../api/request';
import { el } from '../dom/el';
import type { Translator } from '@web/shared/i18n/translator';
import type { ReporterMessageKey } from './reporter-messages';

export interface FieldProblem {
  field: string;
  message: string;
}

interface Problem {
  code?: unknown;
  detail?: unknown;
  errors?: unknown;
}

export function problemOf(answer: Answer): Problem | null {
  const body = answer.body as Problem | null;
  return body && typeof body === 'object' ? body : null;
}

/** The fields a 400 names, so the form can mark them. */
export function fieldProblems(answer: Answer): FieldProblem[] {
  const errors = problemOf(answer)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (item): item is FieldProblem =>
      !!item &&
      typeof (item as FieldProblem).field === 'string' &&
      typeof (item as FieldProblem).message === 'string',
  );
}

/** When to try again, from the 429's Retry-After (seconds); empty when the gateway did not say. */
function retryLine(t: Translator<ReporterMessageKey>, answer: Answer): string {
  const seconds = Math.ceil(Number(answer.retryAfter));
  if (!(seconds > 0)) return '';
  return seconds < 60
    ? t('retryInSeconds', { n: seconds })
    : t('retryInMinutes', { n: Math.ceil(seconds / 60) });
}

/**
 * What a submitter is told when the API refused. The gateway writes `detail` in the language the widget
 * asked for and names the field or the file at fault, so it is shown as it is; a 429 also says when to
 * try again; an answer with no problem document (the network, a proxy) gets the widget's own words.
 */
export function problemLines(t: Translator<ReporterMessageKey>, answer: Answer): string[] {
  const detail = problemOf(answer)?.detail;
  const text = typeof detail === 'string' && detail && answer.status >= 400 ? detail : failureText(t, answer);
  return answer.status === 429 ? [text, retryLine(t, answer)] : [text];
}

/**
 * The region where refusals are announced: `role="alert"` so a screen reader says them at once. A
 * refusal may have several lines (every file the picker turned down).
 */
export class AlertRegion {
  readonly node: HTMLDivElement;

  constructor() {
    this.node = el('div', 'engage-alert');
    this.node.setAttribute('role', 'alert');
  }

  show(lines: readonly string[]): void {
    this.node.replaceChildren(...lines.filter(Boolean).map((line) => el('p', 'engage-alert-line', line)));
  }

  clear(): void {
    this.node.replaceChildren();
  }
}
