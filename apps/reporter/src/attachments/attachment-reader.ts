import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Msg, Subscription } from 'nats';
import {
  ATTACHMENT_READ_HEADERS,
  ATTACHMENT_READ_SUBJECT,
  AttachmentKind,
  AttachmentNotFoundError,
  AttachmentReadRequest,
  encodeHeaderValue,
  findUnsafeText,
  INTAKE_CHUNK_MAX_BYTES,
  toFieldErrors,
  ValidationFailedError,
} from '@app/contracts';
import { NatsLink } from '@app/messaging';
import { requireModerator } from '../access/staff-access';
import { ContactCipher } from '../crypto/contact-cipher';
import { fileNameContext } from '../crypto/submission-secrets';
import { replyBytes, replyError } from '../intake/raw-replies';
import { ATTACHMENT_STORAGE, AttachmentStorage } from '../storage/attachment-storage';

/**
 * Answers `reporter.attachment.read` (any copy, queue group): a moderator's request for up to 256 KiB
 * of a submission's file from an offset, as bytes with the file's size, kind and name in headers, so
 * the gateway streams a download without holding the file.
 */
@Injectable()
export class AttachmentReader implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Attachments');
  private subscription?: Subscription;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly nats: NatsLink,
    private readonly em: EntityManager,
    private readonly cipher: ContactCipher,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
  ) {}

  onApplicationBootstrap(): void {
    const { namespace } = this.nats;
    this.subscription = this.nats.nc.subscribe(namespace.subject(ATTACHMENT_READ_SUBJECT), {
      queue: namespace.queue('reporter'),
      callback: (error, msg) => {
        if (error) return;
        const handling = this.handle(msg).finally(() => this.inFlight.delete(handling));
        this.inFlight.add(handling);
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    await Promise.allSettled([...this.inFlight]);
  }

  private async handle(msg: Msg): Promise<void> {
    try {
      const request = await readRequest(msg.data);
      requireModerator(request.caller);
      const rows = await this.em
        .fork()
        .getConnection()
        .execute<{ id: string; kind: AttachmentKind; file_name: string; size_bytes: string }[]>(
          `select id, kind, file_name, size_bytes from reporter.attachment
          where id = ? and submission_id = ? and complete`,
          [request.attachmentId, request.submissionId],
        );
      const file = rows[0];
      if (!file) throw new AttachmentNotFoundError();
      const total = Number(file.size_bytes);
      if (request.offset > total) {
        throw new ValidationFailedError([
          { field: 'offset', message: `offset is past the file's ${total} bytes` },
        ]);
      }
      const bytes = await this.storage.readRange(file.id, request.offset, INTAKE_CHUNK_MAX_BYTES);
      replyBytes(msg, bytes, {
        [ATTACHMENT_READ_HEADERS.totalBytes]: String(total),
        [ATTACHMENT_READ_HEADERS.contentKind]: file.kind,
        [ATTACHMENT_READ_HEADERS.fileName]: encodeHeaderValue(
          this.cipher.decrypt(file.file_name, fileNameContext(file.id)),
        ),
      });
    } catch (error) {
      replyError(msg, error, this.logger);
    }
  }
}

async function readRequest(data: Uint8Array): Promise<AttachmentReadRequest> {
  let plain: unknown;
  try {
    plain = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    throw new ValidationFailedError([{ field: 'body', message: 'the request must be JSON' }]);
  }
  if (typeof plain !== 'object' || plain === null) {
    throw new ValidationFailedError([{ field: 'body', message: 'the request must be a JSON object' }]);
  }
  const unsafe = findUnsafeText(plain);
  if (unsafe.length > 0) throw new ValidationFailedError(unsafe);
  const request = plainToInstance(AttachmentReadRequest, plain);
  const errors = await validate(request, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) throw new ValidationFailedError(toFieldErrors(errors));
  return request;
}
