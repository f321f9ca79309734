import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { NatsLink } from '@app/messaging';
import { DatabaseHealth } from '@app/persistence';

/** What a container orchestrator probes a service with, on HEALTH_PORT. */
@Controller('health')
export class ServiceProbesController {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly nats: NatsLink,
  ) {}

  @Get('live')
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('ready')
  async ready(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ status: string; database: boolean; nats: boolean }> {
    const database = await this.database.isUp();
    const nats = this.nats.isConnected();
    const up = database && nats;
    void reply.status(up ? 200 : 503);
    return { status: up ? 'up' : 'down', database, nats };
  }
}
