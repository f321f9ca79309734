import { eventTypeOf } from '../events/event-type';
import { WEBHOOK_EVENT_TYPES } from './webhook.contracts';
import { WebhookSubscription } from './webhook.subscriptions';

describe('WebhookSubscription', () => {
  it('consumes exactly the event types an endpoint may subscribe to', () => {
    const consumed = WebhookSubscription.events.map((eventClass) => eventTypeOf(eventClass).type);
    expect([...consumed].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
  });
});
