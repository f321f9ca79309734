import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { StaffNoticeType } from '@app/contracts';
import { channelsFor, isInAudience } from '../domain/audience';
import { digestWindowStart } from '../domain/digest-window';
import type { TemplateScope } from '../domain/template-engine';
import { ChannelRegistry } from '../channels/channel-registry';
import type { ChannelName } from '../channels/delivery-channel';
import type { StaffRecipient } from '../directory/staff-directory';
import { TemplateName, TemplateStore } from '../templates/template-store';
import { NoticeSettings } from './notice-settings';
import type { FanOutBatch } from './fan-out-batch';

/** The event a notice answers: its id keys every row it creates, so a second handling adds nothing. */
export interface NoticeSource {
  eventId: string;
  eventType: string;
}

export interface StaffNotice {
  type: StaffNoticeType;
  template: TemplateName;
  params: TemplateScope;
  /** Where the console opens it. */
  link: string | null;
  /** Email and Telegram wait for the moderator's digest instead of going out one by one. */
  digest?: { summary: TemplateScope };
}

export interface NewDelivery {
  recipientKey: string;
  channel: ChannelName;
  address: string | null;
  template: TemplateName;
  locale: string;
  params: TemplateScope;
}

/**
 * Turns one event into rows of its batch, written in the consumer's transaction: in-app entries at
 * once, deliveries for the workers, digest items for the digest. Nothing is sent here: a send inside
 * the transaction would be repeated by a redelivery, and would hold the transaction open on a remote
 * server.
 */
@Injectable()
export class NoticeRecorder {
  constructor(
    private readonly templates: TemplateStore,
    private readonly channels: ChannelRegistry,
    private readonly settings: NoticeSettings,
  ) {}

  staffNotice(
    batch: FanOutBatch,
    source: NoticeSource,
    notice: StaffNotice,
    recipients: StaffRecipient[],
  ): void {
    const now = new Date();
    for (const recipient of recipients) {
      if (!isInAudience(notice.type, recipient.roles)) continue;
      const chosen = channelsFor(recipient.choice, {
        email: this.channels.has('email'),
        telegram: this.channels.has('telegram') && recipient.telegramChatId !== null,
      });
      if (chosen.inApp) {
        const { subject, text } = this.templates.render(notice.template, recipient.locale, notice.params);
        batch.feedEntries.push({
          id: randomUUID(),
          staffId: recipient.staffId,
          eventId: source.eventId,
          type: notice.type,
          title: subject,
          body: text.trim(),
          link: notice.link,
          createdAt: now,
        });
      }
      const outgoing: [ChannelName, string | null][] = [];
      if (chosen.email) outgoing.push(['email', recipient.email]);
      if (chosen.telegram) outgoing.push(['telegram', recipient.telegramChatId]);
      for (const [channel, address] of outgoing) {
        if (notice.digest) {
          batch.digestItems.push({
            id: randomUUID(),
            staffId: recipient.staffId,
            channel,
            eventId: source.eventId,
            type: notice.type,
            summary: notice.digest.summary,
            windowStart: digestWindowStart(now, this.settings.digestWindowMinutes),
            createdAt: now,
          });
        } else {
          this.delivery(batch, source, {
            recipientKey: `staff:${recipient.staffId}`,
            channel,
            address,
            template: notice.template,
            locale: recipient.locale,
            params: notice.params,
          });
        }
      }
    }
  }

  /** A delivery to someone outside the directory (a reader, a submitter), when its channel is configured. */
  delivery(batch: FanOutBatch, source: NoticeSource, delivery: NewDelivery): boolean {
    if (!this.channels.has(delivery.channel)) return false;
    batch.deliveries.push({
      id: randomUUID(),
      eventId: source.eventId,
      eventType: source.eventType,
      recipientKey: delivery.recipientKey,
      channel: delivery.channel,
      address: delivery.address,
      template: delivery.template,
      locale: delivery.locale,
      params: delivery.params,
      createdAt: new Date(),
    });
    return true;
  }
}
