import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  decodePageCursor,
  DeskAssignRequest,
  DeskListReply,
  DeskListRequest,
  DeskNoteRequest,
  DeskSubmissionReply,
  DeskSubmissionRequest,
  DeskTransitionRequest,
  encodePageCursor,
  eventOf,
  PAGE_LIMIT_DEFAULT,
  SubmissionMessageRequiredError,
  SubmissionNotFoundError,
  SubmissionStatusChangedV1,
  SubmissionTransitionNotAllowedError,
  SubmissionVersionStaleError,
} from '@app/contracts';
import { recordEvent } from '@app/messaging';
import { sqlIn } from '@app/persistence';
import { requireModerator } from '../access/staff-access';
import { ContactCipher } from '../crypto/contact-cipher';
import { DISCARDED_STATUSES } from '../domain/retention';
import { transition } from '../domain/submission-status';
import { deskListQuery } from './desk-list.query';
import { deskView, SubmissionRow, submissionRow } from './submission-reads';

/** The newsroom's work on submissions; every operation checks the caller's role first. */
@Injectable()
export class DeskService {
  constructor(
    private readonly em: EntityManager,
    private readonly cipher: ContactCipher,
  ) {}

  async list(request: DeskListRequest): Promise<DeskListReply> {
    const staffId = requireModerator(request.caller);
    const limit = request.limit ?? PAGE_LIMIT_DEFAULT;
    const { sql, params } = deskListQuery({
      status: request.status,
      assignee: request.assignee === 'me' ? staffId : request.assignee,
      category: request.category,
      q: request.q,
      after: request.cursor ? decodePageCursor(request.cursor) : undefined,
      limit: limit + 1,
    });
    const rows = await sqlIn(this.em.fork())<
      {
        id: string;
        title: string;
        category: DeskListReply['items'][number]['category'];
        status: DeskListReply['items'][number]['status'];
        assignee_id: string | null;
        received_at: Date;
        updated_at: Date;
        attachment_count: number;
        version: number;
      }[]
    >(sql, params);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        id: row.id,
        title: row.title,
        category: row.category,
        status: row.status,
        assigneeId: row.assignee_id,
        receivedAt: new Date(row.received_at).toISOString(),
        updatedAt: new Date(row.updated_at).toISOString(),
        attachmentCount: row.attachment_count,
        version: row.version,
      })),
      nextCursor:
        rows.length > limit && last
          ? encodePageCursor({ createdAt: new Date(last.received_at).toISOString(), id: last.id })
          : null,
    };
  }

  async get({ caller, id }: DeskSubmissionRequest): Promise<DeskSubmissionReply> {
    requireModerator(caller);
    const em = this.em.fork();
    const row = await submissionRow(em, id);
    if (!row) throw new SubmissionNotFoundError();
    return deskView(em, this.cipher, row);
  }

  transition(request: DeskTransitionRequest): Promise<DeskSubmissionReply> {
    const staffId = requireModerator(request.caller);
    return this.change(request.id, request.expectedVersion, async (em, row, now) => {
      const outcome = transition(row.status, request.to);
      if (!outcome.allowed)
        throw new SubmissionTransitionNotAllowedError(row.status, request.to, outcome.allowedNext);
      const message = request.messageToSubmitter;
      if (request.to === 'needs_info' && !message) throw new SubmissionMessageRequiredError();
      const run = sqlIn(em);
      const messageId = message ? randomUUID() : null;
      if (message) {
        await run(
          `insert into reporter.message (id, submission_id, author, text, created_at) values (?, ?, 'newsroom', ?, ?)`,
          [messageId, row.id, message, now],
        );
      }
      await run(
        `insert into reporter.transition (id, submission_id, staff_id, from_status, to_status, message_id, created_at)
         values (?, ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), row.id, staffId, row.status, request.to, messageId, now],
      );
      await run(
        `update reporter.submission set status = ?, version = version + 1, updated_at = ?, decided_at = ?
          where id = ?`,
        [request.to, now, DISCARDED_STATUSES.includes(request.to) ? now : null, row.id],
      );
      recordEvent(
        em,
        eventOf(SubmissionStatusChangedV1, {
          submissionId: row.id,
          from: row.status,
          to: request.to,
          at: now.toISOString(),
          byStaffId: staffId,
          hasMessage: message !== undefined,
        }),
      );
    });
  }

  assign(request: DeskAssignRequest): Promise<DeskSubmissionReply> {
    requireModerator(request.caller);
    return this.change(request.id, request.expectedVersion, async (em, row, now) => {
      await sqlIn(em)(
        `update reporter.submission set assignee_id = ?, version = version + 1, updated_at = ? where id = ?`,
        [request.staffId, now, row.id],
      );
    });
  }

  /** Notes are internal: they change neither the version nor what the submitter sees. */
  note(request: DeskNoteRequest): Promise<DeskSubmissionReply> {
    const staffId = requireModerator(request.caller);
    return this.change(request.id, undefined, async (em, row, now) => {
      await sqlIn(em)(
        `insert into reporter.note (id, submission_id, staff_id, text, created_at) values (?, ?, ?, ?, ?)`,
        [randomUUID(), row.id, staffId, request.text, now],
      );
    });
  }

  /** Runs `work` on the locked submission (after the If-Match check) and answers with the result. */
  private change(
    id: string,
    expectedVersion: number | undefined,
    work: (em: EntityManager, row: SubmissionRow, now: Date) => Promise<void>,
  ): Promise<DeskSubmissionReply> {
    return this.em.fork().transactional(async (em) => {
      const row = await submissionRow(em, id, true);
      if (!row) throw new SubmissionNotFoundError();
      if (expectedVersion !== undefined && expectedVersion !== row.version) {
        throw new SubmissionVersionStaleError(row.version);
      }
      await work(em, row, new Date());
      return deskView(em, this.cipher, (await submissionRow(em, id))!);
    });
  }
}
