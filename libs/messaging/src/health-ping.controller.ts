import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { echoSubject, HealthPingReply, healthPingSubject, ServiceName } from '@app/contracts';
import { DatabaseHealth } from '@app/persistence';

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

    @MessagePattern(healthPingSubject(service))
    async ping(): Promise<HealthPingReply> {
      return { service: this.name, database: await this.database.isUp() };
    }

    @MessagePattern(echoSubject(service))
    echo(): { ok: true } {
      return { ok: true };
    }
  }
  return ServiceHealthController;
}
