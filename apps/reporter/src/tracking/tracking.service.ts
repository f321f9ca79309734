import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  eventOf,
  RateLimitedError,
  SubmissionClosedError,
  SubmissionMessageReceivedV1,
  SubmissionMessageReply,
  SubmissionStatus,
  TrackingCodeNotFoundError,
  TrackingReply,
  TrackingReplyRequest,
  TrackingRequest,
} from '@app/contracts';
import { recordEvent } from '@app/messaging';
import { sqlIn } from '@app/persistence';
import { hashTrackingCode } from '../crypto/tracking-code';
import { rateHits, takeRateHit } from '../storage/rate-counters';
import { rateWindowStart, retryAfterSeconds } from '../domain/rate-window';
import { ReporterEnv } from '../reporter.config';
import { messagesOf } from '../desk/submission-reads';

/** Statuses after which the submitter's messages are no longer taken. */
const CLOSED_FOR_REPLIES: readonly SubmissionStatus[] = ['rejected', 'spam', 'published'];

interface Tracked {
  id: string;
  status: SubmissionStatus;
  updated_at: Date;
  assignee_id: string | null;
}

/**
 * What a submitter sees and says with the tracking code, and nothing else: no contact data, no notes,
 * no assignee. Wrong codes are counted per address, so codes cannot be guessed from one place.
 */
@Injectable()
export class TrackingService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: ReporterEnv,
  ) {}

  async view(request: TrackingRequest): Promise<TrackingReply> {
    const em = this.em.fork();
    const submission = await this.find(em, request);
    return {
      status: submission.status,
      updatedAt: new Date(submission.updated_at).toISOString(),
      messages: await messagesOf(em, submission.id),
    };
  }

  async reply(request: TrackingReplyRequest): Promise<SubmissionMessageReply> {
    const submission = await this.find(this.em.fork(), request);
    const now = new Date();
    const id = randomUUID();
    await this.em.fork().transactional(async (em) => {
      const run = sqlIn(em);
      // Locked, so a moderator's concurrent rejection is either before (refused) or after this message.
      const current = await run<{ status: SubmissionStatus; assignee_id: string | null }[]>(
        `select status, assignee_id from reporter.submission where id = ? for update`,
        [submission.id],
      );
      if (current.length === 0) throw new TrackingCodeNotFoundError();
      if (CLOSED_FOR_REPLIES.includes(current[0].status)) throw new SubmissionClosedError();
      await run(
        `insert into reporter.message (id, submission_id, author, text, created_at) values (?, ?, 'submitter', ?, ?)`,
        [id, submission.id, request.text, now],
      );
      await run(`update reporter.submission set updated_at = ? where id = ?`, [now, submission.id]);
      recordEvent(
        em,
        eventOf(SubmissionMessageReceivedV1, {
          submissionId: submission.id,
          assigneeId: current[0].assignee_id,
          at: now.toISOString(),
        }),
      );
    });
    return { at: now.toISOString(), from: 'submitter', text: request.text };
  }

  /** The submission of a code, after the address's wrong guesses are checked; a miss is counted. */
  private async find(em: EntityManager, { trackingCode, addressHash }: TrackingRequest): Promise<Tracked> {
    const now = new Date();
    const window = rateWindowStart(now);
    const key = `track:${addressHash}`;
    const limit = this.config.TRACKING_FAILURES_PER_ADDRESS_PER_HOUR;
    const refuse = () =>
      new RateLimitedError(
        `Too many wrong tracking codes from this address; try again later.`,
        retryAfterSeconds(now),
      );
    if ((await rateHits(em, key, window)) >= limit) throw refuse();
    const hash = hashTrackingCode(trackingCode);
    const rows =
      hash === undefined
        ? []
        : await sqlIn(em)<Tracked[]>(
            `select id, status, updated_at, assignee_id from reporter.submission where tracking_code_hash = ?`,
            [hash],
          );
    if (rows.length > 0) return rows[0];
    if (!(await takeRateHit(em, key, limit, window))) throw refuse();
    throw new TrackingCodeNotFoundError();
  }
}
