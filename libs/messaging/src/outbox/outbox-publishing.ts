import type { Provider } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EVENTS_SUBJECT_WILDCARD } from '@app/contracts';
import { NatsLink } from '../nats.link';
import { NatsNamespace } from '../nats-namespace';
import { ensureEventStream, EventStreamOptions } from '../events/event-stream';
import { EventsAddress } from '../events/events-address';
import { OutboxCommitListener } from './outbox-commit.listener';
import { OutboxPurge, OutboxPurgeOptions } from './outbox.purge';
import { OutboxRelay, OutboxRelayOptions } from './outbox.relay';

export interface OutboxPublishingOptions {
  /** The JetStream stream of the suite's events (`EVENTS_STREAM`); the namespace prefixes it. */
  stream: string;
  /** The deployment's NATS namespace; the process's (NatsLink) by default. */
  namespace?: NatsNamespace;
  relay?: OutboxRelayOptions;
  /** How long published rows are kept, and how the purge paces itself. */
  purge: OutboxPurgeOptions;
}

/**
 * The events' address, the relay that publishes the outbox and the purge of what it published: one
 * definition for every process that records events (each service, and the gateway for staff events).
 */
export function outboxPublishingProviders(options: OutboxPublishingOptions): Provider[] {
  return [
    {
      provide: EventsAddress,
      inject: [NatsLink],
      useFactory: (nats: NatsLink) => new EventsAddress(options.namespace ?? nats.namespace, options.stream),
    },
    {
      provide: OutboxRelay,
      inject: [MikroORM, NatsLink, EventsAddress],
      useFactory: (orm: MikroORM, nats: NatsLink, address: EventsAddress) =>
        new OutboxRelay(orm, nats.nc.jetstream(), options.relay, address.namespace),
    },
    {
      provide: OutboxPurge,
      inject: [MikroORM],
      useFactory: (orm: MikroORM) => new OutboxPurge(orm, options.purge),
    },
  ];
}

export interface OutboxPublishingParts {
  orm: MikroORM;
  nats: NatsLink;
  address: EventsAddress;
  relay: OutboxRelay;
  purge: OutboxPurge;
}

/**
 * Starts publishing: the stream made sure of (its subjects named as in the contracts, `events.>` unless
 * narrowed), each commit's outbox rows handed to the relay as the commit happens, relay and purge
 * started. Stopping is the caller's, whose shutdown order depends on what else it runs.
 */
export async function startOutboxPublishing(
  { orm, nats, address, relay, purge }: OutboxPublishingParts,
  streamOptions: EventStreamOptions = {},
): Promise<void> {
  const subjects = streamOptions.subjects ?? [EVENTS_SUBJECT_WILDCARD];
  await ensureEventStream(await nats.nc.jetstreamManager(), address.stream, {
    ...streamOptions,
    subjects: subjects.map((subject) => address.subject(subject)),
  });
  orm.em.getEventManager().registerSubscriber(new OutboxCommitListener((rows) => relay.handOff(rows)));
  relay.start();
  purge.start();
}
