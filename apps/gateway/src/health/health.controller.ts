import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  echoSubject,
  HealthPingReply,
  healthPingSubject,
  NotFoundError,
  SERVICES,
  ServiceName,
} from '@app/contracts';
import { NatsLink, NatsRpcClient } from '@app/messaging';
import { DatabaseHealth } from '@app/persistence';
import { MetricsRegistry } from '@app/runtime';
import { SkipIdentity } from '../identity/access.decorators';

/** Readiness asks each service with a short deadline, so a probe never waits for the full timeout. */
const PING_TIMEOUT_MS = 1500;

interface Readiness {
  status: 'up' | 'down';
  nats: boolean;
  database: boolean;
  services: Record<ServiceName, boolean>;
}

@ApiTags('operations')
@Controller()
@SkipIdentity()
export class HealthController {
  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly nats: NatsLink,
    private readonly database: DatabaseHealth,
    private readonly metrics: MetricsRegistry,
  ) {}

  @Get('health/live')
  @ApiOkResponse({ description: 'The process is up' })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('health/ready')
  @ApiOkResponse({ description: 'NATS, the database and every service answer' })
  @ApiServiceUnavailableResponse({ description: 'Something does not answer; the body says what' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const [database, ...services] = await Promise.all([
      this.database.isUp(),
      ...SERVICES.map((service) => this.pingService(service)),
    ]);
    const nats = this.nats.isConnected();
    const byName = Object.fromEntries(SERVICES.map((service, index) => [service, services[index]])) as Record<
      ServiceName,
      boolean
    >;
    const up = nats && database && services.every(Boolean);
    void reply.status(up ? 200 : 503);
    return { status: up ? 'up' : 'down', nats, database, services: byName };
  }

  /** The cheapest route that crosses NATS: one request to a handler that does nothing. */
  @Get('health/services/:service/echo')
  @ApiOkResponse({ description: 'The service answered' })
  async echo(@Param('service') service: string): Promise<{ ok: boolean }> {
    if (!(SERVICES as readonly string[]).includes(service)) throw new NotFoundError('The service');
    return this.rpc.request<{ ok: boolean }>(echoSubject(service as ServiceName), {});
  }

  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('Content-Type', this.metrics.contentType).send(await this.metrics.text());
  }

  private async pingService(service: ServiceName): Promise<boolean> {
    try {
      const answer = await this.rpc.request<HealthPingReply>(
        healthPingSubject(service),
        {},
        { timeoutMs: PING_TIMEOUT_MS },
      );
      return answer.database;
    } catch {
      return false;
    }
  }
}
