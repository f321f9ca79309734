import { Injectable } from '@nestjs/common';
import {
  CommentFlaggedV1,
  CommentHeldV1,
  CommentPublishedV1,
  NotificationSubscriptions,
} from '@app/contracts';
import { EventMeta } from '@app/messaging';
import type { FanOutBatch } from '../fan-out/fan-out-batch';
import { FanOutConsumers } from '../fan-out/fan-out.consumers';
import { NoticeRecorder } from '../fan-out/notice-recorder';
import { ReaderReplies } from '../fan-out/reader-replies';

/**
 * Comments: a published reply tells the parent's author who asked (by email); a held or flagged
 * comment tells moderators in-app at once and by email and Telegram in their next digest.
 */
@Injectable()
export class CommentsConsumer {
  constructor(
    fanOut: FanOutConsumers,
    private readonly recorder: NoticeRecorder,
    private readonly replies: ReaderReplies,
  ) {
    fanOut.register(NotificationSubscriptions.comments, (event, batch, meta) =>
      this.handle(event, batch, meta),
    );
  }

  private async handle(
    event: CommentPublishedV1 | CommentHeldV1 | CommentFlaggedV1,
    batch: FanOutBatch,
    meta: EventMeta,
  ): Promise<void> {
    const source = { eventId: meta.id, eventType: meta.type };
    if (event instanceof CommentPublishedV1) {
      if (event.notify) await this.replies.record(batch, source, event, event.notify);
      return;
    }
    const held = event instanceof CommentHeldV1;
    const type = held ? 'comment.held' : 'comment.flagged';
    const reasons = event.reasons.join(', ');
    const params = held
      ? { articleId: event.articleId, reasons }
      : { articleId: event.articleId, reasons, flags: event.flags };
    this.recorder.staffNotice(
      batch,
      source,
      {
        type,
        template: held ? 'comment-held' : 'comment-flagged',
        params,
        link: held ? 'comments?queue=pending' : 'comments?queue=flagged',
        digest: { summary: { articleId: event.articleId, commentId: event.commentId, detail: reasons } },
      },
      await batch.everyone(type),
    );
  }
}
