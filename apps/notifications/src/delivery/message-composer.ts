import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ReporterRpc, SubmitterNoticeReply } from '@app/contracts';
import { NatsRpcClient, RemoteError } from '@app/messaging';
import { digestKindLabel, statusLabel } from '../domain/labels';
import type { TemplateScope } from '../domain/template-engine';
import { UnsubscribeTokens } from '../domain/unsubscribe-token';
import type { OutgoingMessage } from '../channels/delivery-channel';
import { NoticeSettings } from '../fan-out/notice-settings';
import {
  normaliseLocale,
  RenderedMessage,
  TEMPLATE_NAMES,
  TemplateName,
  TemplateStore,
} from '../templates/template-store';
import type { ClaimedDelivery } from './delivery.repository';

/** What a claimed delivery turns into just before it is sent. */
export type Composition =
  | { kind: 'message'; message: OutgoingMessage }
  /** Nothing to send any more (the reader unsubscribed, the submitter gave no email). */
  | { kind: 'cancel'; detail: string }
  /** What the message needs could not be had now (the reporter service did not answer). */
  | { kind: 'retry'; detail: string };

/** The reporter service's name for us: it answers submitter notices to this caller only. */
const CALLER_SERVICE = 'notifications';

/**
 * Renders a delivery at send time. Submitters' addresses and tracking codes are asked of the reporter
 * service here and never stored; readers' messages get their RFC 8058 one-click unsubscribe headers.
 */
@Injectable()
export class MessageComposer {
  constructor(
    private readonly em: EntityManager,
    private readonly templates: TemplateStore,
    private readonly tokens: UnsubscribeTokens,
    private readonly settings: NoticeSettings,
    private readonly rpc: NatsRpcClient,
  ) {}

  async compose(delivery: ClaimedDelivery): Promise<Composition> {
    if (delivery.channel === 'webhook') {
      return {
        kind: 'message',
        message: this.message(delivery, delivery.address ?? '', this.webhook(delivery)),
      };
    }
    if (!isTemplate(delivery.template))
      return { kind: 'cancel', detail: `unknown template ${delivery.template}` };
    const template = delivery.template;
    if (delivery.recipientKey.startsWith('submitter:')) return this.toSubmitter(delivery, template);
    if (delivery.address === null) return { kind: 'cancel', detail: 'the address is no longer kept' };
    const locale = normaliseLocale(delivery.locale);
    if (delivery.recipientKey.startsWith('reader:')) {
      const emailHash = delivery.recipientKey.slice('reader:'.length);
      if (await this.unsubscribed(emailHash)) return { kind: 'cancel', detail: 'the reader unsubscribed' };
      const unsubscribeUrl = `${this.settings.publicBaseUrl}/api/v1/unsubscribe?token=${this.tokens.issue(emailHash)}`;
      const rendered = this.templates.render(template, locale, { ...this.params(delivery), unsubscribeUrl });
      return {
        kind: 'message',
        message: this.message(delivery, delivery.address, rendered, {
          'List-Unsubscribe': `<${unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        }),
      };
    }
    const params =
      template === 'moderation-digest' ? this.digestParams(delivery, locale) : this.params(delivery);
    return {
      kind: 'message',
      message: this.message(delivery, delivery.address, this.templates.render(template, locale, params)),
    };
  }

  private async toSubmitter(delivery: ClaimedDelivery, template: TemplateName): Promise<Composition> {
    let notice: SubmitterNoticeReply;
    try {
      notice = await this.rpc.call(ReporterRpc.submitterNotice, {
        callerService: CALLER_SERVICE,
        submissionId: delivery.recipientKey.slice('submitter:'.length),
        purpose: template === 'submission-confirmation' ? 'received' : 'status_changed',
      });
    } catch (error) {
      if (error instanceof RemoteError && error.status === 404) {
        return { kind: 'cancel', detail: 'the submission no longer exists' };
      }
      return { kind: 'retry', detail: `the reporter service did not answer: ${describe(error)}` };
    }
    if (!notice.email) return { kind: 'cancel', detail: 'the submitter left no email address' };
    const locale = normaliseLocale(notice.locale);
    const params: TemplateScope = {
      name: notice.name,
      trackingCode: notice.trackingCode,
      statusLabel: statusLabel(locale, notice.status),
      message: notice.messageToSubmitter,
    };
    return {
      kind: 'message',
      message: this.message(delivery, notice.email, this.templates.render(template, locale, params)),
    };
  }

  private digestParams(delivery: ClaimedDelivery, locale: 'ru' | 'en'): TemplateScope {
    const items = (delivery.params.items as { type: string; articleId: string; detail: string }[]) ?? [];
    return {
      count: items.length,
      consoleUrl: this.settings.consoleUrl('comments'),
      items: items.map((item) => ({
        label: digestKindLabel(locale, item.type),
        articleId: item.articleId,
        detail: item.detail,
      })),
    };
  }

  private params(delivery: ClaimedDelivery): TemplateScope {
    return delivery.params as TemplateScope;
  }

  private webhook(delivery: ClaimedDelivery): RenderedMessage & { payload: unknown } {
    return { subject: delivery.eventType, text: '', payload: delivery.params };
  }

  private message(
    delivery: ClaimedDelivery,
    address: string,
    rendered: RenderedMessage & { payload?: unknown },
    headers?: Record<string, string>,
  ): OutgoingMessage {
    return {
      deliveryId: delivery.id,
      channel: delivery.channel,
      address,
      subject: rendered.subject,
      text: rendered.text,
      ...(rendered.html ? { html: rendered.html } : {}),
      ...(headers ? { headers } : {}),
      ...(rendered.payload !== undefined ? { payload: rendered.payload } : {}),
      eventType: delivery.eventType,
      occurredAt: delivery.createdAt,
    };
  }

  private async unsubscribed(emailHash: string): Promise<boolean> {
    const rows = await this.em
      .getConnection()
      .execute<unknown[]>('select 1 from notifications.unsubscribed where email_hash = ?', [emailHash]);
    return rows.length > 0;
  }
}

function isTemplate(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
