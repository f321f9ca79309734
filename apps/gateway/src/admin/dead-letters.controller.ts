import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  Caller,
  DeadLetterListQuery,
  DeadLetterPage,
  DeadLetterRedriveReply,
  DeadLettersRpc,
  ServiceName,
} from '@app/contracts';
import { NatsRpcClient } from '@app/messaging';
import { CurrentCaller, RequireRole } from '../identity/access.decorators';
import { UuidParam } from '../http/uuid.param';
import { ServiceParam } from './service.param';

/** Events a service's consumers gave up on: an admin looks at them and re-drives them. */
@ApiTags('admin')
@Controller('api/v1/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly rpc: NatsRpcClient) {}

  @Get()
  @RequireRole('admin')
  @ApiOkResponse({ type: DeadLetterPage, description: "One service's dead letters, newest first" })
  @ApiServiceUnavailableResponse({ description: 'The service is not answering (or consumes no events)' })
  list(@Query() query: DeadLetterListQuery, @CurrentCaller() caller: Caller): Promise<DeadLetterPage> {
    const { service, cursor, limit } = query;
    return this.rpc.call(DeadLettersRpc[service].list, { caller, query: { cursor, limit } });
  }

  @Post(':service/:id/redrive')
  @RequireRole('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: DeadLetterRedriveReply, description: 'Handled; the dead letter is gone' })
  @ApiNotFoundResponse({ description: 'No such service or dead letter (or it was re-driven already)' })
  @ApiConflictResponse({ description: 'The handler failed again; the dead letter stays with the new error' })
  @ApiUnprocessableEntityResponse({ description: 'The stored event still cannot be handled; it stays' })
  redrive(
    @Param('service', ServiceParam) service: ServiceName,
    @Param('id', UuidParam) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<DeadLetterRedriveReply> {
    return this.rpc.call(DeadLettersRpc[service].redrive, { caller, id });
  }
}
