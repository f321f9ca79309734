import { randomUUID } from 'node:crypto';
import { IsInt, Min } from 'class-validator';
import { EventEnvelope, EventType } from '@app/contracts';
import { parseEnvelope, readEvent } from './event-reading';

@EventType('stock.counted', 1, { publisher: 'reporter' })
class StockCountedV1 {
  @IsInt()
  @Min(0)
  count: number;
}

const envelope = (data: unknown, version = 1, type = 'stock.counted'): EventEnvelope => ({
  id: randomUUID(),
  type,
  version,
  occurredAt: '2030-01-01T00:00:00.000Z',
  data,
});

describe('reading an event', () => {
  it('gives an instance of the class for the type and version', async () => {
    const reading = await readEvent(envelope({ count: 3, unknown: true }), [StockCountedV1]);
    expect(reading.ok && reading.event).toEqual(Object.assign(new StockCountedV1(), { count: 3 }));
    expect(reading.ok && reading.event).toBeInstanceOf(StockCountedV1);
  });

  it('refuses data that breaks the contract, naming each field', async () => {
    expect(await readEvent(envelope({ count: -1 }), [StockCountedV1])).toEqual({
      ok: false,
      reason: 'stock.counted v1 is not valid: count: count must not be less than 0',
    });
    expect(await readEvent(envelope('seven'), [StockCountedV1])).toEqual({
      ok: false,
      reason: 'stock.counted v1: data is not an object',
    });
  });

  it('refuses a version or a type the consumer did not register for', async () => {
    expect(await readEvent(envelope({ count: 1 }, 3), [StockCountedV1])).toEqual({
      ok: false,
      reason: 'stock.counted version 3 is unknown to this consumer (it knows 1)',
    });
    expect(await readEvent(envelope({}, 1, 'stock.lost'), [StockCountedV1])).toEqual({
      ok: false,
      reason: 'this consumer takes no "stock.lost" events',
    });
  });

  it('reads an envelope without a version as version 1 and refuses what is no envelope', () => {
    const id = randomUUID();
    expect(parseEnvelope({ id, type: 'stock.counted', data: {} })?.version).toBe(1);
    expect(parseEnvelope({ id, type: 'stock.counted', version: 0, data: {} })).toBeUndefined();
    expect(parseEnvelope({ id: 'nope', type: 'stock.counted' })).toBeUndefined();
    expect(parseEnvelope({ id, type: '' })).toBeUndefined();
    expect(parseEnvelope('text')).toBeUndefined();
    expect(parseEnvelope(null)).toBeUndefined();
    expect(parseEnvelope([id])).toBeUndefined();
  });
});
