import { randomBytes } from 'node:crypto';
import type { JetStreamManager } from 'nats';
import { ensureEventStream, EventsAddress, NatsNamespace } from '@app/messaging';

export interface TestEventStream {
  /** A NATS namespace of this test's own, as a deployment's NATS_PREFIX would give it. */
  namespace: NatsNamespace;
  address: EventsAddress;
  /** The stream's name on the server. */
  name: string;
  /** The subject that carries every event of this stream, for a plain subscription. */
  wildcard: string;
  /** Creates the stream again after `delete()`. */
  recreate(): Promise<void>;
  delete(): Promise<void>;
}

/**
 * A JetStream stream for one test in a namespace of its own (`t<random>.events.>`), so tests on a
 * shared server, and their durable consumers, never meet each other's events.
 */
export async function createTestEventStream(jsm: JetStreamManager): Promise<TestEventStream> {
  const namespace = new NatsNamespace(`t${randomBytes(5).toString('hex')}`);
  const address = new EventsAddress(namespace, 'EVENTS');
  const subjects = [address.wildcard];
  const capturing = await jsm.streams.find(namespace.subject('events.probe')).catch(() => undefined);
  if (capturing) throw new Error(`stream ${capturing} on this NATS already captures ${subjects[0]}`);
  await ensureEventStream(jsm, address.stream, { subjects });
  return {
    namespace,
    address,
    name: address.stream,
    wildcard: subjects[0],
    recreate: async () => {
      await ensureEventStream(jsm, address.stream, { subjects });
    },
    delete: async () => {
      await jsm.streams.delete(address.stream).catch(() => undefined);
    },
  };
}
