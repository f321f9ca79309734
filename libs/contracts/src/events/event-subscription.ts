import type { ServiceName } from '../health/health.contract';
import { eventTypeOf, type EventClass } from './event-type';

/** A service's durable consumer and the event classes it takes: declared here, registered by the service. */
export interface EventSubscription<TClasses extends readonly EventClass[] = readonly EventClass[]> {
  readonly service: ServiceName;
  /** The durable consumer's name (also the inbox's and the dead letters' `consumer`). */
  readonly durable: string;
  readonly events: TClasses;
}

const subscriptions: EventSubscription[] = [];

/**
 * Declares who consumes which events, once, in the contracts: the consuming service registers its
 * consumer with this declaration (`consumers.register({ ...subscription, handle })`) and the catalogue
 * lists it, so the README cannot name a consumer that does not exist.
 */
export function eventSubscription<const TClasses extends readonly EventClass[]>(
  service: ServiceName,
  durable: string,
  events: TClasses,
): EventSubscription<TClasses> {
  events.forEach((eventClass) => eventTypeOf(eventClass));
  if (subscriptions.some((subscription) => subscription.durable === durable)) {
    throw new Error(`event subscription "${durable}" is declared twice`);
  }
  const subscription = Object.freeze({ service, durable, events });
  subscriptions.push(subscription);
  return subscription;
}

export function subscriptionCatalogue(): readonly EventSubscription[] {
  return subscriptions;
}
