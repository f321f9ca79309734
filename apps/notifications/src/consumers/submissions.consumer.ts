import { Injectable } from '@nestjs/common';
import {
  NotificationSubscriptions,
  SubmissionMessageReceivedV1,
  SubmissionReceivedV1,
  SubmissionStatusChangedV1,
  SubmissionStatus,
} from '@app/contracts';
import { EventMeta } from '@app/messaging';
import { StaffDirectory } from '../directory/staff-directory';
import { NoticeRecorder, NoticeSource } from '../fan-out/notice-recorder';
import { NoticeSettings } from '../fan-out/notice-settings';
import type { FanOutBatch } from '../fan-out/fan-out-batch';
import { FanOutConsumers } from '../fan-out/fan-out.consumers';

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
    fanOut: FanOutConsumers,
    private readonly recorder: NoticeRecorder,
    private readonly settings: NoticeSettings,
  ) {
    fanOut.register(NotificationSubscriptions.submissions, (event, batch, meta) =>
      this.handle(event, batch, meta),
    );
  }

  private async handle(
    event: SubmissionReceivedV1 | SubmissionStatusChangedV1 | SubmissionMessageReceivedV1,
    batch: FanOutBatch,
    meta: EventMeta,
  ): Promise<void> {
    const source: NoticeSource = { eventId: meta.id, eventType: meta.type };
    const link = `submissions/${event.submissionId}`;
    const consoleParams = { consoleUrl: this.settings.consoleUrl(link) };
    if (event instanceof SubmissionReceivedV1) {
      this.recorder.staffNotice(
        batch,
        source,
        {
          type: 'submission.received',
          template: 'submission-received',
          params: { category: event.category ?? null, ...consoleParams },
          link,
        },
        await batch.everyone('submission.received'),
      );
      if (event.hasEmail) {
        this.toSubmitter(batch, source, event.submissionId, 'submission-confirmation', event.locale, {});
      }
      return;
    }
    if (event instanceof SubmissionStatusChangedV1) {
      if (ANNOUNCED.has(event.to)) {
        // The status this event reports: by the time the email leaves, the submission may have moved on.
        this.toSubmitter(batch, source, event.submissionId, 'submission-status', 'ru', {
          status: event.to,
          hasMessage: event.hasMessage,
        });
      }
      return;
    }
    const assignee = event.assigneeId
      ? await StaffDirectory.one(batch.em, event.assigneeId, 'submission.message_received')
      : undefined;
    // Nobody assigned (or no longer on staff): the desk as a whole hears of it.
    const recipients = assignee ? [assignee] : await batch.everyone('submission.message_received');
    this.recorder.staffNotice(
      batch,
      source,
      { type: 'submission.message_received', template: 'submission-message', params: consoleParams, link },
      recipients,
    );
  }

  private toSubmitter(
    batch: FanOutBatch,
    source: NoticeSource,
    submissionId: string,
    template: 'submission-confirmation' | 'submission-status',
    locale: string,
    facts: { status?: SubmissionStatus; hasMessage?: boolean },
  ): void {
    this.recorder.delivery(batch, source, {
      recipientKey: `submitter:${submissionId}`,
      channel: 'email',
      address: null,
      template,
      // The reporter's answer carries the submitter's locale; this one is only a placeholder until then.
      locale,
      params: { submissionId, ...facts },
    });
  }
}
