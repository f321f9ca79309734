import { failedTooLong, webhookVerdict } from './webhook-response';

describe('webhookVerdict', () => {
  it.each([
    [200, 'sent'],
    [204, 'sent'],
    [299, 'sent'],
    [410, 'gone'],
    [301, 'retry'],
    [400, 'retry'],
    [404, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
  ])('%i is %s', (status, verdict) => {
    expect(webhookVerdict(status)).toBe(verdict);
  });
});

describe('failedTooLong', () => {
  const since = new Date('2026-11-30T00:00:00Z');

  it('is true from exactly the configured hours of failing on', () => {
    expect(failedTooLong(since, new Date('2026-11-30T23:59:59Z'), 24)).toBe(false);
    expect(failedTooLong(since, new Date('2026-12-01T00:00:00Z'), 24)).toBe(true);
  });

  it('is false for an endpoint that is not failing', () => {
    expect(failedTooLong(null, new Date(), 0)).toBe(false);
  });
});
