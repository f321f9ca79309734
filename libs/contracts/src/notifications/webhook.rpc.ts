import { reply, rpcOperation } from '../rpc/rpc-operation';
import {
  CreatedWebhookEndpointView,
  CreateWebhookRequest,
  WebhookDeletedReply,
  WebhookEndpointListView,
  WebhookIdRequest,
  WebhooksCallerRequest,
} from './webhook.contracts';

/** Admins' webhook endpoints; the notifications service checks the admin role itself. */
export const WebhooksRpc = {
  list: rpcOperation(
    'notifications.webhook.list',
    WebhooksCallerRequest,
    reply<WebhookEndpointListView>('WebhookEndpointListView'),
  ),
  create: rpcOperation(
    'notifications.webhook.create',
    CreateWebhookRequest,
    reply<CreatedWebhookEndpointView>('CreatedWebhookEndpointView'),
  ),
  delete: rpcOperation(
    'notifications.webhook.delete',
    WebhookIdRequest,
    reply<WebhookDeletedReply>('WebhookDeletedReply'),
  ),
} as const;
