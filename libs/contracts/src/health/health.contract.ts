import { reply, RpcOperation, rpcOperation } from '../rpc/rpc-operation';

export const SERVICES = ['polls', 'comments', 'reporter', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** A request that carries nothing. */
export class EmptyRequest {}

export interface HealthPingReply {
  service: ServiceName;
  database: boolean;
}

export interface EchoReply {
  ok: true;
}

function perService<TReply>(
  noun: string,
  replyName: string,
): Record<ServiceName, RpcOperation<EmptyRequest, TReply>> {
  return Object.fromEntries(
    SERVICES.map((service) => [
      service,
      rpcOperation(`${service}.health.${noun}`, EmptyRequest, reply<TReply>(replyName)),
    ]),
  ) as Record<ServiceName, RpcOperation<EmptyRequest, TReply>>;
}

/** Every service answers this cheaply (it checks its database); the gateway's readiness uses it. */
export const HealthPing = perService<HealthPingReply>('ping', 'HealthPingReply');

/** A handler that does nothing but answer: the cheapest round trip through the gateway and NATS. */
export const HealthEcho = perService<EchoReply>('echo', 'EchoReply');
