import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, DeliveryListQuery, NotificationsRpc } from '@app/contracts';
import { NatsRpcClient } from '@app/messaging';
import { CurrentCaller, RequireRole } from '../identity/access.decorators';
import { UuidParam } from '../http/uuid.param';
import { DeliveryDoc, DeliveryPageDoc } from './notifications.openapi';

/** Every delivery of every channel with its attempts; a failed one can be sent again. */
@ApiTags('admin')
@Controller('api/v1/admin/deliveries')
@RequireRole('admin')
export class DeliveriesAdminController {
  constructor(private readonly rpc: NatsRpcClient) {}

  @Get()
  @ApiOkResponse({ type: DeliveryPageDoc, description: 'Newest first, each with every attempt' })
  list(@Query() query: DeliveryListQuery, @CurrentCaller() caller: Caller): Promise<DeliveryPageDoc> {
    return this.rpc.call(NotificationsRpc.deliveries, { caller, query });
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: DeliveryDoc, description: 'Back in the queue with a fresh set of attempts' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The delivery has not failed' })
  retry(@Param('id', UuidParam) id: string, @CurrentCaller() caller: Caller): Promise<DeliveryDoc> {
    return this.rpc.call(NotificationsRpc.retryDelivery, { caller, deliveryId: id });
  }
}
