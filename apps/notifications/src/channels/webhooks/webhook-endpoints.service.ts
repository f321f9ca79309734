import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CreatedWebhookEndpointView,
  CreateWebhookRequest,
  WebhookDeletedReply,
  WebhookEndpointListView,
  WebhookIdRequest,
  WebhookLimitReachedError,
  WebhookNotFoundError,
  WebhooksCallerRequest,
  WebhookUrlRefusedError,
} from '@app/contracts';
import { requireStaff } from '../channel-access';
import { ChannelsEnv } from '../channels.config';
import { newWebhookSecret } from './domain/webhook-signature';
import { HostResolver, resolveWebhookTarget, WebhookTargetRefused } from './domain/webhook-target';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { presentEndpoint } from './webhook-endpoint.presenter';
import { WEBHOOK_RESOLVER } from './webhook-resolver.provider';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

/** Admins' webhook endpoints: list, add (the URL checked by the SSRF guard), delete. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly config: ChannelsEnv,
    @Inject(WEBHOOK_RESOLVER) private readonly resolve: HostResolver,
  ) {}

  async list({ caller }: WebhooksCallerRequest): Promise<WebhookEndpointListView> {
    requireStaff(caller, 'admin');
    return { items: (await this.endpoints.list()).map(presentEndpoint) };
  }

  async create({ caller, endpoint: draft }: CreateWebhookRequest): Promise<CreatedWebhookEndpointView> {
    const adminId = requireStaff(caller, 'admin');
    try {
      await resolveWebhookTarget(draft.url, this.resolve, this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS);
    } catch (error) {
      if (error instanceof WebhookTargetRefused) throw new WebhookUrlRefusedError(error.reason);
      throw error;
    }
    const endpoint = Object.assign(new WebhookEndpoint(), {
      id: randomUUID(),
      url: draft.url,
      events: [...draft.events],
      secret: draft.secret ?? newWebhookSecret(),
      createdBy: adminId,
      createdAt: new Date(),
    });
    if (!(await this.endpoints.add(endpoint, this.config.WEBHOOK_ENDPOINTS_MAX))) {
      throw new WebhookLimitReachedError(this.config.WEBHOOK_ENDPOINTS_MAX);
    }
    return { ...presentEndpoint(endpoint), secret: endpoint.secret };
  }

  async delete({ caller, id }: WebhookIdRequest): Promise<WebhookDeletedReply> {
    requireStaff(caller, 'admin');
    if (!(await this.endpoints.remove(id))) throw new WebhookNotFoundError();
    return { id };
  }
}
