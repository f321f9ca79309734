import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  NotificationSubscriptions,
  SubmissionMessageReceivedV1,
  SubmissionReceivedV1,
  SubmissionStatusChangedV1,
  SubmissionStatus,
} from '@app/contracts';
import { EventConsumers, EventMeta } from '@app/messaging';
import { StaffDirectory } from '../directory/staff-directory';
import { NoticeRecorder, NoticeSource } from '../fan-out/notice-recorder';
import { NoticeSettings } from '../fan-out/notice-settings';

/** Statuses the submitter hears of; `spam` is never announced to whoever sent it. */
const ANNOUNCED: ReadonlySet<SubmissionStatus> = new Set([
  'in_review',
  'needs_info',
  'accepted',
  'published',
  'rejected',
]);

/**
 * Submissions: moderators hear of a new one, the submitter gets a confirmation and status changes by
 * email (their address is asked of the reporter service when the message is sent, never stored here),
 * and the assignee hears of the submitter's answers.
 */
@Injectable()
export class SubmissionsConsumer {
  constructor(
    consumers: EventConsumers,
    private readonly recorder: NoticeRecorder,
    private readonly settings: NoticeSettings,
  ) {
    consumers.register({
      ...NotificationSubscriptions.submissions,
      handle: (event, em, meta) => this.handle(event, em, meta),
    });
  }

  private async handle(
    event: SubmissionReceivedV1 | SubmissionStatusChangedV1 | SubmissionMessageReceivedV1,
    em: EntityManager,
    meta: EventMeta,
  ): Promise<void> {
    const source: NoticeSource = { eventId: meta.id, eventType: meta.type };
    const link = `submissions/${event.submissionId}`;
    const consoleParams = { consoleUrl: this.settings.consoleUrl(link) };
    if (event instanceof SubmissionReceivedV1) {
      this.recorder.staffNotice(
        em,
        source,
        {
          type: 'submission.received',
          template: 'submission-received',
          params: { category: event.category ?? null, ...consoleParams },
          link,
        },
        await StaffDirectory.everyone(em, 'submission.received'),
      );
      if (event.hasEmail)
        this.toSubmitter(em, source, event.submissionId, 'submission-confirmation', event.locale);
      return;
    }
    if (event instanceof SubmissionStatusChangedV1) {
      if (ANNOUNCED.has(event.to)) {
        this.toSubmitter(em, source, event.submissionId, 'submission-status', 'ru');
      }
      return;
    }
    const assignee = event.assigneeId
      ? await StaffDirectory.one(em, event.assigneeId, 'submission.message_received')
      : undefined;
    // Nobody assigned (or no longer on staff): the desk as a whole hears of it.
    const recipients = assignee
      ? [assignee]
      : await StaffDirectory.everyone(em, 'submission.message_received');
    this.recorder.staffNotice(
      em,
      source,
      { type: 'submission.message_received', template: 'submission-message', params: consoleParams, link },
      recipients,
    );
  }

  private toSubmitter(
    em: EntityManager,
    source: NoticeSource,
    submissionId: string,
    template: 'submission-confirmation' | 'submission-status',
    locale: string,
  ): void {
    this.recorder.delivery(em, source, {
      recipientKey: `submitter:${submissionId}`,
      channel: 'email',
      address: null,
      template,
      // The reporter's answer carries the submitter's locale; this one is only a placeholder until then.
      locale,
      params: { submissionId },
    });
  }
}
