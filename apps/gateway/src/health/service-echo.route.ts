import { HealthEcho, SERVICES, ServiceName } from '@app/contracts';
import { opsJson, opsProblem, type OpsRoute } from '@app/host';
import type { NatsRpcClient } from '@app/messaging';

/**
 * The cheapest route that crosses NATS: one request to a handler that does nothing. It is the
 * baseline of the bench's "echo chain" and a check an operator runs by hand, so it is served on the
 * operators' port, not the public one.
 */
export function serviceEchoRoute(rpc: NatsRpcClient): OpsRoute {
  return {
    path: '/health/services/:service/echo',
    answer: async ({ service }) => {
      if (!(SERVICES as readonly string[]).includes(service)) {
        return opsProblem(404, 'There is no such service.', 'not_found');
      }
      return opsJson(200, await rpc.call(HealthEcho[service as ServiceName], {}));
    },
  };
}
