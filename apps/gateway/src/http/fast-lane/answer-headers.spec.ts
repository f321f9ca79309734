import { corsHeadersFor } from '../cors.policy';
import { API_SECURITY_HEADERS } from '../security-headers';
import { AnswerHeaders } from './answer-headers';

/** The flat list as an object; a name listed twice would reach the client twice, so it fails the test. */
function asObject(list: string[]): Record<string, string> {
  const names = list.filter((_, index) => index % 2 === 0);
  expect(new Set(names).size).toBe(names.length);
  return Object.fromEntries(names.map((name, index) => [name, list[index * 2 + 1]]));
}

describe('AnswerHeaders', () => {
  const cors = corsHeadersFor(['https://portal.example']);

  it('gives the security headers, the CORS outcome, the request id, the type and the length', () => {
    const headers = new AnswerHeaders().of(cors('https://portal.example'), 'req-1', 'application/json', 42);
    expect(asObject(headers)).toEqual({
      ...API_SECURITY_HEADERS,
      vary: 'Origin',
      'access-control-allow-origin': 'https://portal.example',
      'access-control-expose-headers': 'X-Request-Id, Retry-After',
      'x-request-id': 'req-1',
      'content-type': 'application/json',
      'content-length': '42',
    });
  });

  it('keeps each answer its own: one answer’s id and length never reach the next', () => {
    const answers = new AnswerHeaders();
    const first = answers.of(cors(undefined), 'req-1', 'application/json', 1);
    const second = answers.of(cors(undefined), 'req-2', undefined, 2);
    expect(asObject(first)['x-request-id']).toBe('req-1');
    expect(asObject(second)).toMatchObject({ 'x-request-id': 'req-2', 'content-length': '2' });
    expect(asObject(second)['content-type']).toBeUndefined();
    expect(asObject(answers.of(cors('https://elsewhere.example'), 'req-3', undefined, 3))).not.toHaveProperty(
      'access-control-allow-origin',
    );
  });

  it('lets a problem’s own headers replace the shared ones of the same name', () => {
    const headers = new AnswerHeaders().of(cors(undefined), 'req-1', undefined, 10, {
      'content-type': 'application/problem+json',
      vary: 'Origin, Accept-Language',
      'retry-after': '5',
    });
    expect(asObject(headers)).toMatchObject({
      'content-type': 'application/problem+json',
      vary: 'Origin, Accept-Language',
      'retry-after': '5',
      'cache-control': 'no-store',
    });
  });
});
