import { AckPolicy, ConsumerConfig, DeliverPolicy, JetStreamManager, NatsError, nanos } from 'nats';

/**
 * Creates the durable pull consumer, or brings an existing one to `config`'s delivery limits. Several
 * copies of a service may call it at once: creating a consumer that exists with the same
 * configuration is a no-op for the server.
 */
export async function ensureDurableConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: Partial<ConsumerConfig> & { durable_name: string },
): Promise<void> {
  const wanted: Partial<ConsumerConfig> = {
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ...config,
  };
  const existing = await jsm.consumers.info(stream, config.durable_name).catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
  if (!existing) {
    await jsm.consumers.add(stream, wanted);
    return;
  }
  const changed: Partial<ConsumerConfig> = {};
  if (existing.config.ack_wait !== wanted.ack_wait) changed.ack_wait = wanted.ack_wait;
  if (existing.config.max_deliver !== wanted.max_deliver) changed.max_deliver = wanted.max_deliver;
  if (Object.keys(changed).length > 0) await jsm.consumers.update(stream, config.durable_name, changed);
}

export const millisToNanos = nanos;

function isNotFound(error: unknown): boolean {
  return error instanceof NatsError && error.api_error?.code === 404;
}
