import { Controller } from '@nestjs/common';
import {
  CreatedWebhookEndpointView,
  CreateWebhookRequest,
  WebhookDeletedReply,
  WebhookEndpointListView,
  WebhookIdRequest,
  WebhooksCallerRequest,
  WebhooksRpc,
} from '@app/contracts';
import { HandlesRpc } from '@app/messaging';
import { WebhookEndpointsService } from './webhook-endpoints.service';

@Controller()
export class WebhooksController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @HandlesRpc(WebhooksRpc.list)
  list(request: WebhooksCallerRequest): Promise<WebhookEndpointListView> {
    return this.endpoints.list(request);
  }

  @HandlesRpc(WebhooksRpc.create)
  create(request: CreateWebhookRequest): Promise<CreatedWebhookEndpointView> {
    return this.endpoints.create(request);
  }

  @HandlesRpc(WebhooksRpc.delete)
  delete(request: WebhookIdRequest): Promise<WebhookDeletedReply> {
    return this.endpoints.delete(request);
  }
}
