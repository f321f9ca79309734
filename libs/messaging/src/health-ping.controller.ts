import { Controller, Inject } from '@nestjs/common';
import { EchoReply, HealthEcho, HealthPing, HealthPingReply, ServiceName } from '@app/contracts';
import { DatabaseHealth } from '@app/persistence';
import { HandlesRpc } from './rpc/handles-rpc.decorator';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

/**
 * Builds the controller that lets the gateway probe a service over NATS (`<service>.health.ping`,
 * `<service>.health.echo`). The HTTP probes of an orchestrator are the host's (@app/host).
 */
export function healthControllerFor(service: ServiceName) {
  @Controller()
  class ServiceHealthController {
    constructor(
      private readonly database: DatabaseHealth,
      @Inject(SERVICE_NAME) private readonly name: ServiceName,
    ) {}

    @HandlesRpc(HealthPing[service])
    async ping(): Promise<HealthPingReply> {
      return { service: this.name, database: await this.database.isUp() };
    }

    @HandlesRpc(HealthEcho[service])
    echo(): EchoReply {
      return { ok: true };
    }
  }
  return ServiceHealthController;
}
