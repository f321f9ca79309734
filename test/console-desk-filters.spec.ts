import {
  filtersOf,
  listPathOf,
  NO_FILTERS,
} from '../apps/gateway/web/console/screens/submissions/desk-filters';

const STATUSES = ['received', 'in_review'] as const;
const CATEGORIES = ['city', 'sport'] as const;
const parse = (query: string) => filtersOf(new URLSearchParams(query), STATUSES, CATEGORIES);

describe('the desk filters in the URL', () => {
  it('reads the filters a link names and writes them back the same', () => {
    const filters = parse('status=in_review&category=city&assignee=me&q=bridge%20collapse');
    expect(filters).toEqual({ status: 'in_review', category: 'city', assignee: 'me', q: 'bridge collapse' });
    expect(listPathOf(filters)).toBe(
      '/submissions?status=in_review&category=city&assignee=me&q=bridge+collapse',
    );
    expect(parse(listPathOf(filters).split('?')[1])).toEqual(filters);
  });

  it('opens the whole list for no filters', () => {
    expect(parse('')).toEqual(NO_FILTERS);
    expect(listPathOf(NO_FILTERS)).toBe('/submissions');
    expect(listPathOf({ ...NO_FILTERS, q: '   ' })).toBe('/submissions');
  });

  it('drops values the API would refuse instead of failing the list', () => {
    expect(parse('status=open&category=weather&assignee=a%20b&q=' + 'x'.repeat(300))).toEqual({
      ...NO_FILTERS,
      q: 'x'.repeat(200),
    });
    expect(parse('q=%20two%0A%20lines%20').q).toBe('two lines');
  });
});
