import { outcomeOfSmtpError } from './smtp-answer';

describe('outcomeOfSmtpError', () => {
  it('retries a 4xx refusal and a failure without a reply', () => {
    expect(outcomeOfSmtpError(451, '451 try later').kind).toBe('retry');
    expect(outcomeOfSmtpError(421, '421 closing').kind).toBe('retry');
    expect(outcomeOfSmtpError(undefined, 'ECONNREFUSED').kind).toBe('retry');
  });

  it('gives up on a 5xx refusal', () => {
    expect(outcomeOfSmtpError(550, '550 no such user')).toEqual({
      kind: 'failed',
      detail: '550 no such user',
    });
  });
});
