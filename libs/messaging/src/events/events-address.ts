import { eventSubject, EVENTS_SUBJECT_WILDCARD } from '@app/contracts';
import { NatsNamespace } from '../nats-namespace';

/**
 * Where a deployment's events live on NATS: its stream, the subjects events travel on and the names
 * of its durable consumers, all inside the deployment's namespace (`NATS_PREFIX`), so two deployments
 * on one NATS never see each other's events. Contracts and outbox rows name subjects without it.
 */
export class EventsAddress {
  /** The stream's name on the server. */
  readonly stream: string;

  constructor(
    readonly namespace: NatsNamespace,
    /** `EVENTS_STREAM` as configured. */
    streamName: string,
  ) {
    this.stream = namespace.name(streamName);
  }

  /** `poll.closed` → `<prefix>.events.poll.closed`. */
  subjectOfType(type: string): string {
    return this.namespace.subject(eventSubject(type));
  }

  /** A subject as the contracts or an outbox row name it (`events.poll.closed`), on this deployment. */
  subject(unprefixed: string): string {
    return this.namespace.subject(unprefixed);
  }

  /** What the stream captures unless told otherwise: every event of this deployment. */
  get wildcard(): string {
    return this.namespace.subject(EVENTS_SUBJECT_WILDCARD);
  }

  /** A durable consumer's name on the server; the inbox and dead letters keep the name as registered. */
  durable(name: string): string {
    return this.namespace.name(name);
  }
}
