import { applyMutations, bodyMutations, encodeBody } from './body-mutations';
import { hostileCorpus } from './corpus';
import { FIXTURE_DOCUMENT } from './fixture-document';
import type { Credentials } from './hostile-request';
import { operationsOf } from './openapi-operations';
import { accessCases, jsonBodyCases, seeded } from './request-cases';
import { multipartCases } from './multipart-cases';

const credentials: Credentials = {
  staff: { moderator: 'moderator-token', editor: 'editor-token', admin: 'admin-token' },
  reader: 'reader-token',
  hostileBearers: [['garbage', 'not-a-token']],
};
const [list, createPoll, vote, submit] = operationsOf(FIXTURE_DOCUMENT);

describe('operations of an OpenAPI document', () => {
  it('resolves body schemas and reads who may call each route', () => {
    expect(
      [list, createPoll, vote, submit].map((operation) => [
        operation.method,
        operation.path,
        operation.access,
        operation.bodyType,
      ]),
    ).toEqual([
      ['GET', '/api/v1/polls', 'public', undefined],
      ['POST', '/api/v1/polls', 'staff', 'json'],
      ['POST', '/api/v1/polls/{id}/votes', 'reader', 'json'],
      ['POST', '/api/v1/submissions', 'public', 'multipart'],
    ]);
    expect(createPoll.requiredRole).toBe('editor');
    expect(createPoll.body?.properties?.question.maxLength).toBe(300);
  });
});

describe('body mutations', () => {
  const schema = createPoll.body!;
  const mutations = bodyMutations(schema);
  const of = (path: string, kind: string) =>
    mutations.find((mutation) => mutation.path.join('.') === path && mutation.kind === kind);

  it('goes to each length boundary, marking the maximum as still valid', () => {
    expect(of('question', 'length max')).toMatchObject({ value: 'a'.repeat(300), valid: true });
    expect(of('question', 'length max+1')).toMatchObject({ value: 'a'.repeat(301) });
    expect(of('question', 'length max+1')?.valid).toBeUndefined();
    expect(of('question', 'length 0')).toMatchObject({ value: '', valid: false });
    expect(of('options', 'items max+1')?.value).toHaveLength(21);
    expect(of('options', 'items min-1')?.value).toHaveLength(1);
    expect(of('maxChoices', 'maximum+1')?.value).toBe(21);
  });

  it('removes each required field and gives every property values of every other type', () => {
    expect(applyMutations(schema, [of('question', 'missing required')!])).toEqual({ options: ['a0', 'a1'] });
    expect(
      mutations
        .filter(
          (mutation) => mutation.path.join('.') === 'question' && mutation.kind.startsWith('wrong type'),
        )
        .map((mutation) => mutation.kind),
    ).toEqual([
      'wrong type number',
      'wrong type number',
      'wrong type boolean',
      'wrong type array',
      'wrong type object',
      'wrong type null',
    ]);
  });

  it('splices raw bytes into the JSON text where a string would be, keeping the rest valid JSON', () => {
    const invalid = mutations.find(
      (mutation) => mutation.path.join('.') === 'question' && mutation.kind === 'text: invalid UTF-8',
    )!;
    const bytes = encodeBody(applyMutations(schema, [invalid]), [invalid]);
    expect(bytes.includes(Buffer.from([0x61, 0xff, 0xfe, 0xc3, 0x28, 0x62]))).toBe(true);
    expect(bytes.toString('latin1')).toMatch(/^\{"question":"a.+b","options":\["a0","a1"\]\}$/);
  });

  it('changes items of arrays too', () => {
    expect(
      bodyMutations(vote.body!).some(
        (mutation) => mutation.path.join('.') === 'optionIds.0' && mutation.kind === 'not a uuid',
      ),
    ).toBe(true);
  });
});

describe('hostile requests', () => {
  it('calls a staff route without credentials, with each hostile bearer and with every lower role', () => {
    const cases = accessCases(createPoll, credentials);
    expect(
      cases.map((request) => [
        request.kind,
        request.headers.authorization ?? request.headers['x-reader-token'],
        request.expect,
      ]),
    ).toEqual([
      ['no credentials', undefined, [401]],
      ['bearer: garbage', 'Bearer not-a-token', [401]],
      ['authorization without scheme', 'admin-token', [401]],
      ['role: reader token', 'reader-token', [401, 403]],
      ['role: moderator', 'Bearer moderator-token', [403]],
    ]);
  });

  it('lets a body that may stay valid pass only where the path names no row, else adds a sure fault', () => {
    const polls = jsonBodyCases(createPoll, credentials);
    const atMax = polls.find((request) => request.kind.startsWith('body question: length max '))!;
    expect(atMax.kind).toBe('body question: length max (with an extra field)');
    expect(JSON.parse(atMax.body!.toString())).toMatchObject({
      question: 'a'.repeat(300),
      unexpectedField: 'x',
    });
    expect(atMax.mayPass).toBeFalsy();
    const votes = jsonBodyCases(vote, credentials);
    expect(votes.find((request) => request.kind === 'body optionIds: items max')?.mayPass).toBe(true);
    expect(votes.find((request) => request.kind === 'body optionIds: items max+1')?.mayPass).toBeFalsy();
    expect(votes[0].path).toBe('/api/v1/polls/00000000-0000-4000-8000-00000000dead/votes');
    expect(votes[0].headers['x-reader-token']).toBe('reader-token');
  });

  it('never lets raw bytes that are no UTF-8 pass', () => {
    const raw = jsonBodyCases(vote, credentials).filter((request) =>
      request.kind.endsWith('text: invalid UTF-8'),
    );
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.every((request) => !request.mayPass)).toBe(true);
  });

  it('breaks the structure of a multipart form', () => {
    const cases = multipartCases(submit);
    const named = (kind: string) => cases.find((request) => request.kind === `multipart: ${kind}`)!;
    expect(named('missing boundary').headers['content-type']).toBe('multipart/form-data');
    expect(named('part header without end').body!.toString()).not.toContain('\r\n\r\n');
    expect(named('file part without name').body!.toString()).toContain(
      'Content-Disposition: form-data; filename="photo.jpg"',
    );
    expect(named('no closing boundary').body!.toString()).not.toContain('--hostile-boundary--');
    expect(named('field title: length max+1').body!.toString()).toContain('a'.repeat(11));
  });

  it('grows to the target with pairs of faults, the same for the same seed', () => {
    const first = hostileCorpus(FIXTURE_DOCUMENT, { credentials, bodyLimit: 1024, target: 3000, seed: 5 });
    const second = hostileCorpus(FIXTURE_DOCUMENT, { credentials, bodyLimit: 1024, target: 3000, seed: 5 });
    expect(first.length).toBeGreaterThanOrEqual(3000);
    expect(first.map((request) => request.body?.toString('base64'))).toEqual(
      second.map((request) => request.body?.toString('base64')),
    );
    expect(
      first.some((request) => request.kind === 'body just over the limit' && request.body!.length > 1024),
    ).toBe(true);
    expect(
      first.filter((request) => request.method === 'GET' && request.path.includes('limit=101')),
    ).toHaveLength(1);
  });

  it('draws numbers in [0, 1) from a seed', () => {
    const draws = Array.from({ length: 1000 }, seeded(42));
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Set(draws).size).toBe(1000);
  });
});
