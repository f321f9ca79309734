import type { ServiceName } from '../health/health.contract';

/** What the catalogue says about one declared event class. */
export interface EventDeclaration {
  /** `<noun>.<verb>` in the past tense, e.g. `poll.closed`; the subject is `events.<type>`. */
  readonly type: string;
  /** Bumped when a field changes meaning or a required one appears; the class name ends in `V<version>`. */
  readonly version: number;
  readonly className: string;
  /** The process that records it in its outbox. */
  readonly publisher: EventPublisher;
}

/** Services record events, and so does the gateway (staff accounts live in its schema). */
export type EventPublisher = ServiceName | 'gateway';

/** A class whose instances are the `data` of one version of one event type. */
export type EventClass<T extends object = object> = new () => T;

/** The fields of an event class, as a publisher fills them in. */
export type EventFields<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K];
};

const TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

const declarations = new Map<EventClass, EventDeclaration>();

/**
 * Declares a class as version `version` of the event `type`. Its fields carry class-validator rules:
 * a consumer receives an instance only once the data passed them.
 */
export function EventType(type: string, version: number, options: { publisher: EventPublisher }) {
  return (target: EventClass): void => {
    if (!TYPE.test(type)) throw new Error(`event type "${type}" is not <noun>.<verb>`);
    if (!Number.isInteger(version) || version < 1)
      throw new Error(`event ${type}: version must be 1 or more`);
    if (!target.name.endsWith(`V${version}`)) {
      throw new Error(`event class ${target.name} declares version ${version}: name it ...V${version}`);
    }
    for (const declared of declarations.values()) {
      if (declared.type === type && declared.version === version) {
        throw new Error(
          `event ${type} v${version} is declared twice (${declared.className}, ${target.name})`,
        );
      }
    }
    declarations.set(target, Object.freeze({ type, version, className: target.name, ...options }));
  };
}

/** The declaration of an event class or of one of its instances; throws for a class never declared. */
export function eventTypeOf(classOrEvent: EventClass | object): EventDeclaration {
  const target = (typeof classOrEvent === 'function' ? classOrEvent : classOrEvent.constructor) as EventClass;
  const declaration = declarations.get(target);
  if (!declaration) throw new Error(`${target.name} is not declared with @EventType`);
  return declaration;
}

/** An event instance from its fields: `eventOf(PollClosedV1, { pollId, ... })`. */
export function eventOf<T extends object>(eventClass: EventClass<T>, fields: EventFields<T>): T {
  return Object.assign(new eventClass(), fields);
}

/** Every event declared so far (the contracts' index declares them all), by type, then version. */
export function eventCatalogue(): readonly EventDeclaration[] {
  return [...declarations.values()].sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version);
}
