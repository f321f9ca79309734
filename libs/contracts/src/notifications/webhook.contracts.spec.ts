import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_LIMITS, WebhookEndpointDraft } from './webhook.contracts';

const refusedFields = (body: object): string[] =>
  validateSync(plainToInstance(WebhookEndpointDraft, body)).map((error) => error.property);

describe('WebhookEndpointDraft', () => {
  const url = (length: number) => {
    const base = 'https://hooks.example.com/';
    return base + 'a'.repeat(length - base.length);
  };

  it('takes a URL of exactly the longest length and refuses one character more', () => {
    expect(refusedFields({ url: url(WEBHOOK_LIMITS.urlMaxLength), events: ['poll.closed'] })).toEqual([]);
    expect(refusedFields({ url: url(WEBHOOK_LIMITS.urlMaxLength + 1), events: ['poll.closed'] })).toEqual([
      'url',
    ]);
  });

  it('takes every event type once, and refuses none, a repeat or an unknown one', () => {
    expect(refusedFields({ url: url(40), events: [...WEBHOOK_EVENT_TYPES] })).toEqual([]);
    expect(refusedFields({ url: url(40), events: [] })).toEqual(['events']);
    expect(refusedFields({ url: url(40), events: ['poll.closed', 'poll.closed'] })).toEqual(['events']);
    expect(refusedFields({ url: url(40), events: ['staff.account_changed'] })).toEqual(['events']);
  });

  it('refuses a URL on more than one line and one that is not http or https', () => {
    expect(refusedFields({ url: 'https://hooks.example.com/a\nb', events: ['poll.closed'] })).toEqual([
      'url',
    ]);
    expect(refusedFields({ url: 'ftp://hooks.example.com/', events: ['poll.closed'] })).toEqual(['url']);
  });
});
