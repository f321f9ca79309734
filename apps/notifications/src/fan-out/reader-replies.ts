import { Injectable } from '@nestjs/common';
import type { CommentPublishedV1, CommentReplyNoticeV1 } from '@app/contracts';
import { sqlIn } from '@app/persistence';
import { UnsubscribeTokens } from '../domain/unsubscribe-token';
import { NoticeRecorder, NoticeSource } from './notice-recorder';
import type { FanOutBatch } from './fan-out-batch';

/**
 * A reply to a reader who asked to hear of replies: one email, unless they unsubscribed. Their address
 * is kept only until that email is sent; from then on only its keyed hash names them.
 */
@Injectable()
export class ReaderReplies {
  constructor(
    private readonly recorder: NoticeRecorder,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  async record(
    batch: FanOutBatch,
    source: NoticeSource,
    reply: CommentPublishedV1,
    notify: CommentReplyNoticeV1,
  ): Promise<void> {
    const emailHash = this.tokens.emailHash(notify.email);
    const unsubscribed = await sqlIn(batch.em)<unknown[]>(
      'select 1 from notifications.unsubscribed where email_hash = ?',
      [emailHash],
    );
    if (unsubscribed.length > 0) return;
    this.recorder.delivery(batch, source, {
      recipientKey: `reader:${emailHash}`,
      channel: 'email',
      address: notify.email,
      template: 'comment-reply',
      locale: notify.locale,
      params: {
        name: notify.name,
        authorName: reply.authorName,
        articleTitle: reply.articleTitle ?? null,
        articleUrl: reply.articleUrl ?? null,
      },
    });
  }
}
