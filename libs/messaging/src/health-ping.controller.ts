import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { FastifyReply } from 'fastify';
import { echoSubject, HealthPingReply, healthPingSubject, ServiceName } from '@app/contracts';
import { DatabaseHealth } from '@app/persistence';
import { NatsLink } from './nats.link';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

/**
 * Builds the controller that lets a service be probed: over NATS by the gateway
 * (`<service>.health.ping`, `<service>.health.echo`) and over HTTP by a container orchestrator.
 */
export function healthControllerFor(service: ServiceName) {
  @Controller()
  class ServiceHealthController {
    constructor(
      private readonly database: DatabaseHealth,
      private readonly nats: NatsLink,
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

    @Get('health/live')
    @HttpCode(200)
    live(): { status: 'up' } {
      return { status: 'up' };
    }

    @Get('health/ready')
    async ready(
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<{ status: string; database: boolean; nats: boolean }> {
      const database = await this.database.isUp();
      const nats = this.nats.isConnected();
      const up = database && nats;
      reply.status(up ? 200 : 503);
      return { status: up ? 'up' : 'down', database, nats };
    }
  }
  return ServiceHealthController;
}
