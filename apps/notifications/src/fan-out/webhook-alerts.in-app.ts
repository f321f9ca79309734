import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { WebhookAlerts } from '../channels/webhooks/webhook-alerts';
import { StaffDirectory } from '../directory/staff-directory';
import { namedId } from '../domain/named-id';
import { Notification } from '../entities';
import { TemplateStore } from '../templates/template-store';

/**
 * Tells every admin in their in-app feed, in their language, that a webhook endpoint was disabled.
 * One entry per admin per disabling: a second call for the same disabling adds nothing.
 */
@Injectable()
export class InAppWebhookAlerts implements WebhookAlerts {
  constructor(
    private readonly em: EntityManager,
    private readonly templates: TemplateStore,
  ) {}

  async endpointDisabled(endpoint: { id: string; url: string }, reason: string): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      // Whatever their preferences: an admin must learn that events stopped going out.
      const admins = await StaffDirectory.admins(em);
      const eventId = namedId(`webhook-disabled:${endpoint.id}:${reason}`);
      const existing = new Set(
        (await em.find(Notification, { eventId }, { fields: ['staffId'] })).map((row) => row.staffId),
      );
      const now = new Date();
      for (const admin of admins.filter((staff) => !existing.has(staff.staffId))) {
        const { subject, text } = this.templates.render('webhook-disabled', admin.locale, {
          url: endpoint.url,
          reason,
        });
        em.create(Notification, {
          id: randomUUID(),
          staffId: admin.staffId,
          eventId,
          type: 'webhook.disabled',
          title: subject,
          body: text.trim(),
          link: 'settings/webhooks',
          createdAt: now,
          readAt: null,
        });
      }
    });
  }
}
