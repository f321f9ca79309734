import { randomBytes } from 'node:crypto';
import type { JetStreamManager } from 'nats';
import { eventSubject } from '@app/contracts';
import { ensureEventStream } from '@app/messaging';

export interface TestEventStream {
  name: string;
  /** An event type unique to this stream, e.g. `t3f9a1c.comment.published`. */
  type(name: string): string;
  /** The subject that carries every event of this stream, for a plain subscription. */
  wildcard: string;
  /** Creates the stream again after `delete()`. */
  recreate(): Promise<void>;
  delete(): Promise<void>;
}

/**
 * A JetStream stream of its own for one test, capturing only `events.<random prefix>.>` so tests on a
 * shared server do not see each other's events.
 */
export async function createTestEventStream(jsm: JetStreamManager): Promise<TestEventStream> {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const name = `TEST_${prefix.toUpperCase()}`;
  const subjects = [eventSubject(`${prefix}.>`)];
  const capturing = await jsm.streams.find(eventSubject(`${prefix}.probe`)).catch(() => undefined);
  if (capturing) {
    throw new Error(
      `stream ${capturing} on this NATS already captures events.>; point TEST_NATS_URL at a server without it`,
    );
  }
  await ensureEventStream(jsm, name, { subjects });
  return {
    name,
    type: (event) => `${prefix}.${event}`,
    wildcard: subjects[0],
    recreate: async () => {
      await ensureEventStream(jsm, name, { subjects });
    },
    delete: async () => {
      await jsm.streams.delete(name).catch(() => undefined);
    },
  };
}
