import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  AbortIntakeReply,
  BeginIntakeReply,
  BeginIntakeRequest,
  CompleteIntakeRequest,
  eventOf,
  IdempotencyKeyReusedError,
  IntakeIdRequest,
  IntakeNotFoundError,
  IntakeSequenceError,
  RateLimitedError,
  SubmissionReceiptReply,
  SubmissionReceivedV1,
  ValidationFailedError,
} from '@app/contracts';
import { recordEvent } from '@app/messaging';
import { sqlIn } from '@app/persistence';
import { ContactCipher } from '../crypto/contact-cipher';
import { contactContext, encryptContact, receiptContext } from '../crypto/submission-secrets';
import { issueTrackingCode } from '../crypto/tracking-code';
import { rateWindowStart, retryAfterSeconds } from '../domain/rate-window';
import { ReporterEnv } from '../reporter.config';
import { takeRateHit } from '../storage/rate-counters';
import { intakeLimitsOf, intakeLimitsView, textLimitsOf, textsOverLimit } from './intake-limits.config';
import { IntakeSessions } from './intake-sessions';
import { ReporterInstance } from './reporter-instance';
import { StagedFiles } from './staged-files';

const HOUR_MS = 3_600_000;

interface StoredReceipt {
  fingerprint: string;
  submission_id: string;
  receipt_code: string;
  received_at: Date;
  key_hash: string;
}

/** A first answer already recorded for the idempotency key: this attempt is rolled back for it. */
class ReceiptExists extends Error {
  constructor(readonly receipt: StoredReceipt) {
    super('the idempotency key already has a receipt');
  }
}

/** Opening, abandoning and completing uploads; the chunks themselves go to the ChunkReceiver. */
@Injectable()
export class IntakeService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: ReporterEnv,
    private readonly cipher: ContactCipher,
    private readonly instance: ReporterInstance,
    private readonly sessions: IntakeSessions,
    private readonly staged: StagedFiles,
  ) {}

  async begin({ addressHash }: BeginIntakeRequest): Promise<BeginIntakeReply> {
    const now = new Date();
    const intakeId = randomUUID();
    await this.em.fork().transactional(async (em) => {
      const limit = this.config.SUBMISSIONS_PER_ADDRESS_PER_HOUR;
      if (limit > 0 && !(await takeRateHit(em, `submit:${addressHash}`, limit, rateWindowStart(now)))) {
        throw new RateLimitedError(
          `At most ${limit} submissions per hour may be sent from one address.`,
          retryAfterSeconds(now),
        );
      }
      await sqlIn(em)(
        `insert into reporter.intake (id, owner_instance, address_hash, created_at) values (?, ?, ?, ?)`,
        [intakeId, this.instance.id, addressHash, now],
      );
    });
    const limits = intakeLimitsOf(this.config);
    this.sessions.open(intakeId, limits);
    return {
      kind: 'open',
      intakeId,
      chunkSubject: this.instance.chunkSubject,
      limits: intakeLimitsView(limits, textLimitsOf(this.config)),
    };
  }

  async abort({ intakeId }: IntakeIdRequest): Promise<AbortIntakeReply> {
    this.sessions.drop(intakeId);
    return { intakeId, discardedFiles: await this.staged.discardIntakes([intakeId]) };
  }

  async complete(request: CompleteIntakeRequest): Promise<SubmissionReceiptReply> {
    const overLimit = textsOverLimit(request.fields, textLimitsOf(this.config));
    if (overLimit.length > 0) throw new ValidationFailedError(overLimit);
    const now = new Date();
    const submissionId = randomUUID();
    const tracking = issueTrackingCode();
    try {
      const receipt = await this.em
        .fork()
        .transactional((em) => this.store(em, request, { submissionId, tracking, now }));
      this.sessions.drop(request.intakeId);
      return receipt;
    } catch (error) {
      if (!(error instanceof ReceiptExists)) throw error;
      // A concurrent or earlier post with the same key won: this one's files are not needed.
      this.sessions.drop(request.intakeId);
      await this.staged.discardIntakes([request.intakeId]);
      if (error.receipt.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError();
      return this.openReceipt(error.receipt);
    }
  }

  private async store(
    em: EntityManager,
    request: CompleteIntakeRequest,
    issued: { submissionId: string; tracking: { code: string; hash: string }; now: Date },
  ): Promise<SubmissionReceiptReply> {
    const run = sqlIn(em);
    const { submissionId, tracking, now } = issued;
    const { fields } = request;
    const intake = await run<{ address_hash: string }[]>(
      `select address_hash from reporter.intake where id = ? for update`,
      [request.intakeId],
    );
    if (intake.length === 0 || intake[0].address_hash !== request.addressHash)
      throw new IntakeNotFoundError();
    if (request.idempotencyKeyHash) {
      // Concurrent posts with one key wait here on the unique key until the first commits or rolls back.
      const inserted = await run<{ key_hash: string }[]>(
        `insert into reporter.idempotency_record
           (key_hash, fingerprint, submission_id, receipt_code, received_at, expires_at)
         values (?, ?, ?, ?, ?, ?) on conflict (key_hash) do nothing returning key_hash`,
        [
          request.idempotencyKeyHash,
          request.fingerprint,
          submissionId,
          this.cipher.encrypt(tracking.code, receiptContext(request.idempotencyKeyHash)),
          now,
          new Date(now.getTime() + this.config.IDEMPOTENCY_HOURS * HOUR_MS),
        ],
      );
      if (inserted.length === 0) {
        const earlier = await this.receiptFor(em, request.idempotencyKeyHash, now);
        if (earlier) throw new ReceiptExists(earlier);
        // Expired but not yet swept: the key is free again.
        await run(
          `update reporter.idempotency_record set fingerprint = ?, submission_id = ?, receipt_code = ?,
             received_at = ?, expires_at = ? where key_hash = ?`,
          [
            request.fingerprint,
            submissionId,
            this.cipher.encrypt(tracking.code, receiptContext(request.idempotencyKeyHash)),
            now,
            new Date(now.getTime() + this.config.IDEMPOTENCY_HOURS * HOUR_MS),
            request.idempotencyKeyHash,
          ],
        );
      }
    }
    const unfinished = await run<{ count: number }[]>(
      `select count(*)::int as count from reporter.attachment where intake_id = ? and not complete`,
      [request.intakeId],
    );
    if (unfinished[0].count > 0) throw new IntakeSequenceError('a file has not been sent to its end');
    const contact = encryptContact(this.cipher, submissionId, {
      name: fields.name,
      email: fields.email ?? null,
      phone: fields.phone ?? null,
      location: fields.location ?? null,
    });
    await run(
      `insert into reporter.submission (id, tracking_code_hash, status, locale, category, title, body,
         contact_key_id, contact_name, contact_email, contact_phone, contact_location, confirmation_code,
         assignee_id, version, received_at, updated_at, decided_at)
       values (?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, 1, ?, ?, null)`,
      [
        submissionId,
        tracking.hash,
        request.locale,
        fields.category ?? null,
        fields.title,
        fields.body,
        contact.contactKeyId,
        contact.contactName,
        contact.contactEmail,
        contact.contactPhone,
        contact.contactLocation,
        this.cipher.encrypt(tracking.code, contactContext(submissionId, 'confirmation_code')),
        now,
        now,
      ],
    );
    await run(`update reporter.attachment set submission_id = ?, intake_id = null where intake_id = ?`, [
      submissionId,
      request.intakeId,
    ]);
    await run(`delete from reporter.intake where id = ?`, [request.intakeId]);
    recordEvent(
      em,
      eventOf(SubmissionReceivedV1, {
        submissionId,
        receivedAt: now.toISOString(),
        ...(fields.category ? { category: fields.category } : {}),
        hasEmail: fields.email !== undefined,
        locale: request.locale,
      }),
    );
    return { trackingCode: tracking.code, status: 'received', receivedAt: now.toISOString() };
  }

  private async receiptFor(
    em: EntityManager,
    keyHash: string,
    now: Date,
  ): Promise<StoredReceipt | undefined> {
    const rows = await sqlIn(em)<StoredReceipt[]>(
      `select key_hash, fingerprint, submission_id, receipt_code, received_at
         from reporter.idempotency_record where key_hash = ? and expires_at > ?`,
      [keyHash, now],
    );
    return rows[0];
  }

  private openReceipt(receipt: StoredReceipt): SubmissionReceiptReply {
    return {
      trackingCode: this.cipher.decrypt(receipt.receipt_code, receiptContext(receipt.key_hash)),
      status: 'received',
      receivedAt: new Date(receipt.received_at).toISOString(),
    };
  }
}
