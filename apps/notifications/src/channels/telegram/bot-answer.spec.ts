import { sendOutcome } from './bot-answer';

describe('sendOutcome', () => {
  it('is sent for an ok answer, naming the message', () => {
    expect(sendOutcome(200, { ok: true, result: { message_id: 42 } })).toEqual({
      kind: 'sent',
      detail: 'message 42',
    });
  });

  it('waits as long as a 429 says', () => {
    expect(
      sendOutcome(429, {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 7',
        parameters: { retry_after: 7 },
      }),
    ).toEqual({ kind: 'retry', detail: 'Too Many Requests: retry after 7', afterMs: 7000 });
    expect(sendOutcome(429, undefined)).toEqual({ kind: 'retry', detail: 'HTTP 429', afterMs: 1000 });
  });

  it('is unreachable when the person blocked the bot', () => {
    expect(sendOutcome(403, { ok: false, description: 'Forbidden: bot was blocked by the user' })).toEqual({
      kind: 'unreachable',
      detail: 'Forbidden: bot was blocked by the user',
    });
  });

  it.each([500, 502, 503])('retries a %i', (status) => {
    expect(sendOutcome(status, undefined).kind).toBe('retry');
  });

  it('retries a 200 whose body is not an ok answer (a proxy page)', () => {
    expect(sendOutcome(200, undefined).kind).toBe('retry');
  });

  it.each([400, 401, 404])('fails for good on a %i', (status) => {
    expect(sendOutcome(status, { ok: false, description: 'Bad Request: chat not found' })).toEqual({
      kind: 'failed',
      detail: 'Bad Request: chat not found',
    });
  });
});
