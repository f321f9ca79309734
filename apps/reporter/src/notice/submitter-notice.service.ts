import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  ForbiddenError,
  SubmissionNotFoundError,
  SubmitterNoticeReply,
  SubmitterNoticeRequest,
} from '@app/contracts';
import { sqlIn } from '@app/persistence';
import { ContactCipher } from '../crypto/contact-cipher';
import { contactContext, decryptContact } from '../crypto/submission-secrets';
import { ReporterEnv } from '../reporter.config';
import { submissionRow } from '../desk/submission-reads';

const HOUR_MS = 3_600_000;

/**
 * What the notifications service needs to write to a submitter, and only to it: the contact data
 * leaves this service decrypted for no one else.
 */
@Injectable()
export class SubmitterNoticeService {
  constructor(
    private readonly em: EntityManager,
    private readonly cipher: ContactCipher,
    private readonly config: ReporterEnv,
  ) {}

  async notice({
    callerService,
    submissionId,
    purpose,
  }: SubmitterNoticeRequest): Promise<SubmitterNoticeReply> {
    if (callerService !== 'notifications')
      throw new ForbiddenError('Only the notifications service may ask.');
    const em = this.em.fork();
    const row = await submissionRow(em, submissionId);
    if (!row) throw new SubmissionNotFoundError();
    const contact = decryptContact(this.cipher, row.id, {
      contactName: row.contact_name,
      contactEmail: row.contact_email,
      contactPhone: row.contact_phone,
      contactLocation: row.contact_location,
    });
    const run = sqlIn(em);
    let trackingCode: string | null = null;
    if (purpose === 'received') {
      const kept = await run<{ confirmation_code: string | null; received_at: Date }[]>(
        `select confirmation_code, received_at from reporter.submission where id = ?`,
        [row.id],
      );
      const code = kept[0]?.confirmation_code;
      const fresh =
        Date.now() - new Date(kept[0].received_at).getTime() < this.config.CONFIRMATION_CODE_HOURS * HOUR_MS;
      if (code && fresh)
        trackingCode = this.cipher.decrypt(code, contactContext(row.id, 'confirmation_code'));
    }
    let messageToSubmitter: string | null = null;
    if (purpose === 'status_changed') {
      const latest = await run<{ text: string | null }[]>(
        `select m.text from reporter.transition t left join reporter.message m on m.id = t.message_id
          where t.submission_id = ? order by t.created_at desc, t.id desc limit 1`,
        [row.id],
      );
      messageToSubmitter = latest[0]?.text ?? null;
    }
    return {
      email: contact.email,
      name: contact.name,
      locale: row.locale,
      status: row.status,
      trackingCode,
      messageToSubmitter,
    };
  }
}
