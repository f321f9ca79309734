import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthPing, SERVICES, ServiceName } from '@app/contracts';
import { NatsLink, NatsRpcClient } from '@app/messaging';
import { DatabaseHealth } from '@app/persistence';
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

  private async pingService(service: ServiceName): Promise<boolean> {
    try {
      const answer = await this.rpc.call(HealthPing[service], {}, { timeoutMs: PING_TIMEOUT_MS });
      return answer.database;
    } catch {
      return false;
    }
  }
}
