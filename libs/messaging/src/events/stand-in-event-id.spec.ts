import { isUuid } from '@app/contracts';
import { standInEventId } from './stand-in-event-id';

describe('stand-in event ids', () => {
  it('gives every redelivery of one stream message the same UUID', () => {
    expect(standInEventId('EVENTS', 7)).toBe(standInEventId('EVENTS', 7));
    expect(isUuid(standInEventId('EVENTS', 7))).toBe(true);
  });

  it('gives different messages different ids', () => {
    const ids = new Set([1, 2, 3].flatMap((seq) => [standInEventId('A', seq), standInEventId('B', seq)]));
    expect(ids.size).toBe(6);
  });
});
