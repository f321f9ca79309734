import { eventSubject } from '@app/contracts';

const SUBJECT_ROOT = eventSubject('');

/** Accepts event types (`comment.published`) or their subjects (`events.comment.published`). */
export function toEventSubjects(typesOrSubjects: readonly string[]): string[] {
  return typesOrSubjects.map((item) => (item.startsWith(SUBJECT_ROOT) ? item : eventSubject(item)));
}

/** NATS subject matching: `*` stands for one token, a final `>` for one or more. */
export function subjectMatches(filter: string, subject: string): boolean {
  const wanted = filter.split('.');
  const actual = subject.split('.');
  for (let i = 0; i < wanted.length; i++) {
    if (wanted[i] === '>') return actual.length > i;
    if (i >= actual.length) return false;
    if (wanted[i] !== '*' && wanted[i] !== actual[i]) return false;
  }
  return wanted.length === actual.length;
}

/** Consumers with several filter subjects (`filter_subjects`) need NATS server 2.10 or later. */
export function supportsMultipleFilters(serverVersion: string | undefined): boolean {
  const [major, minor] = (serverVersion ?? '0.0').split('.').map((part) => parseInt(part, 10));
  return major > 2 || (major === 2 && minor >= 10);
}
