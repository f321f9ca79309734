/**
 * The desk list's filters, as kept in the console's URL (`#/submissions?status=in_review&q=bridge`).
 * Statuses and categories are type parameters, so this stays free of the contracts and is unit-tested
 * on its own.
 */
export interface DeskFilters<S extends string = string, C extends string = string> {
  status: S | '';
  category: C | '';
  /** `me`, `none` or a staff id; empty for everyone. */
  assignee: string;
  q: string;
}

export const NO_FILTERS: DeskFilters<never, never> = { status: '', category: '', assignee: '', q: '' };

/** As the API's query pattern for `assignee` (ASSIGNEE_FILTER_PATTERN). */
const ASSIGNEE = /^[A-Za-z0-9_.@-]{1,64}$/;
/** As the API's limit for `q` (SUBMISSION_TEXT_LIMITS.searchMaxLength). */
const SEARCH_MAX_LENGTH = 200;

/**
 * The filters a URL names. A value the API would refuse (an edited or old bookmark) is dropped rather
 * than sent, so the list still opens.
 */
export function filtersOf<S extends string, C extends string>(
  query: URLSearchParams,
  statuses: readonly S[],
  categories: readonly C[],
): DeskFilters<S, C> {
  const status = query.get('status') ?? '';
  const category = query.get('category') ?? '';
  const assignee = query.get('assignee') ?? '';
  const q = (query.get('q') ?? '').trim().replace(/\s+/g, ' ').slice(0, SEARCH_MAX_LENGTH);
  return {
    status: (statuses as readonly string[]).includes(status) ? (status as S) : '',
    category: (categories as readonly string[]).includes(category) ? (category as C) : '',
    assignee: ASSIGNEE.test(assignee) ? assignee : '',
    q,
  };
}

/** The console path of the list with these filters; empty ones are left out. */
export function listPathOf(filters: DeskFilters): string {
  const query = new URLSearchParams();
  for (const name of ['status', 'category', 'assignee', 'q'] as const) {
    const value = filters[name].trim();
    if (value) query.set(name, value);
  }
  const text = query.toString();
  return text ? `/submissions?${text}` : '/submissions';
}
