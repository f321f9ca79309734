import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  Caller,
  CreatedWebhookEndpointView,
  WebhookEndpointDraft,
  WebhookEndpointListView,
  WebhooksRpc,
} from '@app/contracts';
import { NatsRpcClient } from '@app/messaging';
import { UuidParam } from '../http/uuid.param';
import { CurrentCaller, RequireRole } from '../identity/access.decorators';

/** Admins' webhook endpoints; the notifications service checks the role and the URL again itself. */
@ApiTags('admin')
@Controller('api/v1/admin/webhooks')
export class WebhooksAdminController {
  constructor(private readonly rpc: NatsRpcClient) {}

  @Get()
  @RequireRole('admin')
  @ApiOkResponse({ type: WebhookEndpointListView, description: 'Every endpoint, oldest first; no secrets' })
  list(@CurrentCaller() caller: Caller): Promise<WebhookEndpointListView> {
    return this.rpc.call(WebhooksRpc.list, { caller });
  }

  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({
    type: CreatedWebhookEndpointView,
    description: 'The endpoint with its signing secret, shown this once',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'The URL is refused: its host is or resolves to a loopback, private, link-local, unique-local or multicast address (`webhook_url_refused`)',
  })
  @ApiConflictResponse({
    description: 'The site has WEBHOOK_ENDPOINTS_MAX endpoints (`webhook_limit_reached`)',
  })
  create(
    @Body() endpoint: WebhookEndpointDraft,
    @CurrentCaller() caller: Caller,
  ): Promise<CreatedWebhookEndpointView> {
    return this.rpc.call(WebhooksRpc.create, { caller, endpoint });
  }

  @Delete(':id')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; its pending deliveries fail' })
  @ApiNotFoundResponse({ description: 'No such endpoint' })
  async delete(@Param('id', UuidParam) id: string, @CurrentCaller() caller: Caller): Promise<void> {
    await this.rpc.call(WebhooksRpc.delete, { caller, id });
  }
}
