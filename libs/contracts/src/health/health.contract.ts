export const SERVICES = ['polls', 'comments', 'reporter', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Every service answers this cheaply (it checks its database); the gateway's readiness uses it. */
export const healthPingSubject = (service: ServiceName): string => `${service}.health.ping`;

/** A handler that does nothing but answer: the cheapest round trip through the gateway and NATS. */
export const echoSubject = (service: ServiceName): string => `${service}.health.echo`;

export interface HealthPingReply {
  service: ServiceName;
  database: boolean;
}
