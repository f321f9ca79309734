import type { HostileRequest } from './hostile-request';
import { summaryTable, verdict } from './judge';
import type { Outcome } from './send';

const request: HostileRequest = {
  operation: 'POST /api/v1/polls',
  kind: 'body question: length max+1',
  method: 'POST',
  path: '/api/v1/polls',
  headers: {},
};
const problem = (status: number) =>
  JSON.stringify({
    type: 'urn:engage:problem:validation_failed',
    title: 'Bad Request',
    status,
    detail: 'question is too long',
  });
const outcome = (over: Partial<Outcome>): Outcome => ({
  request,
  status: 400,
  contentType: 'application/problem+json; charset=utf-8',
  body: problem(400),
  elapsedMs: 12,
  ...over,
});

describe('verdict on one answer', () => {
  it('accepts a 4xx problem document in time', () => {
    expect(verdict(outcome({}), 5000)).toBeNull();
  });

  it('refuses a server error, a silence, a late answer and a success', () => {
    expect(verdict(outcome({ status: 500, body: problem(500) }), 5000)).toMatch(/^server error 500/);
    expect(verdict(outcome({ status: 0, body: '', error: 'no answer within 5000 ms' }), 5000)).toBe(
      'no answer: no answer within 5000 ms',
    );
    expect(verdict(outcome({ elapsedMs: 5001 }), 5000)).toBe('answered after 5001 ms');
    expect(verdict(outcome({ status: 201, body: '{}' }), 5000)).toMatch(/^status 201, expected a 4xx/);
  });

  it('lets a request the contract may accept pass, but never with a server error', () => {
    const acceptable = { ...request, mayPass: true };
    expect(verdict(outcome({ request: acceptable, status: 200, body: '{}' }), 5000)).toBeNull();
    expect(verdict(outcome({ request: acceptable, status: 500, body: problem(500) }), 5000)).toMatch(
      /^server error/,
    );
  });

  it('holds a request to the statuses it expects', () => {
    const forbidden = { ...request, expect: [403] };
    expect(verdict(outcome({ request: forbidden, status: 404, body: problem(404) }), 5000)).toMatch(
      /expected 403/,
    );
    expect(verdict(outcome({ request: forbidden, status: 403, body: problem(403) }), 5000)).toBeNull();
  });

  it('refuses a 4xx that is no complete problem document', () => {
    expect(verdict(outcome({ contentType: 'application/json' }), 5000)).toMatch(/without a problem document/);
    expect(verdict(outcome({ body: '<html>' }), 5000)).toMatch(/no JSON/);
    expect(verdict(outcome({ body: JSON.stringify({ type: 'x', title: 'y', status: 400 }) }), 5000)).toBe(
      'problem document without detail',
    );
    expect(verdict(outcome({ body: problem(422) }), 5000)).toBe('problem status 422 differs from 400');
    expect(
      verdict(
        outcome({
          body: JSON.stringify({
            ...JSON.parse(problem(400)),
            stack: 'at Foo.bar (/app/node_modules/x.js:1:1)',
          }),
        }),
        5000,
      ),
    ).toBe('stack trace in the answer');
  });

  it('lets the header-size answer of the HTTP parser through', () => {
    expect(verdict(outcome({ status: 431, contentType: undefined, body: '' }), 5000)).toBeNull();
  });
});

describe('summary table', () => {
  it('lists each operation with its request count and status histogram', () => {
    const other = { ...request, operation: 'GET /api/v1/polls' };
    const table = summaryTable([
      outcome({}),
      outcome({ status: 413 }),
      outcome({}),
      outcome({ request: other, status: 401 }),
    ]);
    expect(table.split('\n')).toEqual([
      'operation           requests  statuses',
      'GET /api/v1/polls          1  401×1',
      'POST /api/v1/polls         3  400×2 413×1',
      'total                      4',
    ]);
  });
});
