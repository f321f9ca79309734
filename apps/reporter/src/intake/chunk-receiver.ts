import { randomUUID } from 'node:crypto';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Msg, Subscription } from 'nats';
import {
  DomainError,
  FileKindNotAllowedError,
  FileMalformedError,
  INTAKE_CHUNK_MAX_BYTES,
  IntakeChunkReply,
  IntakeLimitExceededError,
  IntakeNotFoundError,
  IntakeSequenceError,
  ValidationFailedError,
} from '@app/contracts';
import { NatsLink } from '@app/messaging';
import { ContactCipher } from '../crypto/contact-cipher';
import { fileNameContext } from '../crypto/submission-secrets';
import { IntakeLimitError } from '../domain/intake-limits';
import { UnsupportedFileKindError } from '../files/attachment-cleaner';
import { StepwiseCleaner } from '../files/stepwise-cleaner';
import { MalformedFileError } from '../metadata/format-walker';
import { ATTACHMENT_STORAGE, AttachmentStorage } from '../storage/attachment-storage';
import { ChunkHeaders, readChunkHeaders } from './chunk-headers';
import { FileInProgress, IntakeSession, IntakeSessions } from './intake-sessions';
import { replyError, replyJson } from './raw-replies';
import { ReporterInstance } from './reporter-instance';
import { StagedFiles } from './staged-files';

/**
 * Receives the chunks of the uploads this copy holds, on its own subject: each file is sniffed, counted,
 * hashed and cleaned as its bytes pass, and only cleaned bytes are stored. A refusal deletes everything
 * the upload staged; the original bytes are never stored anywhere.
 */
@Injectable()
export class ChunkReceiver implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Intake');
  private subscription?: Subscription;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly nats: NatsLink,
    private readonly em: EntityManager,
    private readonly cipher: ContactCipher,
    private readonly instance: ReporterInstance,
    private readonly sessions: IntakeSessions,
    private readonly staged: StagedFiles,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nats.nc.subscribe(this.instance.chunkSubject, {
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
    let session: IntakeSession | undefined;
    try {
      const chunk = readChunkHeaders(msg.headers);
      session = this.sessions.get(chunk.intakeId);
      if (!session) throw new IntakeNotFoundError();
      const held = session;
      replyJson(msg, await held.serialise(() => this.receive(held, chunk, Buffer.from(msg.data))));
    } catch (error) {
      const refusal = this.refusalFor(error, session);
      if (session) {
        this.sessions.drop(session.intakeId);
        await this.staged
          .discardIntakes([session.intakeId])
          .catch((cleanup: unknown) => this.logger.warn(`could not discard an upload: ${String(cleanup)}`));
      }
      replyError(msg, refusal, this.logger);
    }
  }

  private async receive(
    session: IntakeSession,
    chunk: ChunkHeaders,
    data: Buffer,
  ): Promise<IntakeChunkReply> {
    if (data.length > INTAKE_CHUNK_MAX_BYTES) {
      throw new ValidationFailedError([
        { field: 'payload', message: `a chunk carries at most ${INTAKE_CHUNK_MAX_BYTES} bytes` },
      ]);
    }
    const file = session.current ?? (await this.startFile(session, chunk));
    if (file.index !== chunk.fileIndex) {
      throw new IntakeSequenceError(`file ${file.index} has not ended, file ${chunk.fileIndex} was sent`);
    }
    if (chunk.chunkSeq !== file.nextSeq) {
      throw new IntakeSequenceError(`chunk ${file.nextSeq} of file ${file.index} was expected`);
    }
    file.nextSeq += 1;
    if (!(await file.writer.append(file.cleaner.push(data)))) throw new IntakeNotFoundError();
    if (!chunk.fileEnd) return { ok: true };

    if (!(await file.writer.append(file.cleaner.finish())) || !(await file.writer.finish())) {
      throw new IntakeNotFoundError();
    }
    const kind = file.cleaner.kind!;
    const warning = file.cleaner.warning;
    const sha256 = file.cleaner.digest();
    const updated = await this.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(
        `update reporter.attachment set kind = ?, size_bytes = ?, sha256 = ?, warning = ?, complete = true
        where id = ? returning id`,
        [kind, file.writer.bytesWritten, sha256, warning ?? null, file.attachmentId],
      );
    if (updated.length === 0) throw new IntakeNotFoundError();
    session.current = undefined;
    session.lastEnded = file.index;
    return {
      ok: true,
      attachment: {
        attachmentId: file.attachmentId,
        kind,
        sizeBytes: file.writer.bytesWritten,
        sha256,
        ...(warning ? { warning } : {}),
      },
    };
  }

  /** The first chunk of the next file: its budget slot, its row (only while the intake exists) and its cleaner. */
  private async startFile(session: IntakeSession, chunk: ChunkHeaders): Promise<FileInProgress> {
    const expected = session.lastEnded + 1;
    if (chunk.fileIndex !== expected || chunk.chunkSeq !== 0) {
      throw new IntakeSequenceError(`chunk 0 of file ${expected} was expected`);
    }
    const fileName = chunk.fileName ?? `file-${expected + 1}`;
    const cleaner = new StepwiseCleaner(fileName, session.budget);
    const attachmentId = randomUUID();
    const inserted = await this.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(
        `insert into reporter.attachment (id, intake_id, submission_id, file_index, file_name, size_bytes, complete, created_at)
       select ?, i.id, null, ?, ?, 0, false, now() from reporter.intake i where i.id = ? for key share
       returning id`,
        [
          attachmentId,
          expected,
          this.cipher.encrypt(fileName, fileNameContext(attachmentId)),
          session.intakeId,
        ],
      );
    if (inserted.length === 0) throw new IntakeNotFoundError();
    session.current = {
      index: expected,
      attachmentId,
      cleaner,
      writer: this.storage.openWriter(attachmentId),
      nextSeq: 0,
    };
    return session.current;
  }

  /** The problem document a failure becomes; the file is named as its sender named it. */
  private refusalFor(error: unknown, session: IntakeSession | undefined): unknown {
    if (error instanceof DomainError) return error;
    const fileName = session?.current?.cleaner.fileName ?? 'file';
    if (error instanceof IntakeLimitError) {
      return new IntakeLimitExceededError(error.limit, error.fileName, error.maxAllowed);
    }
    if (error instanceof UnsupportedFileKindError) return new FileKindNotAllowedError(error.fileName);
    if (error instanceof MalformedFileError) return new FileMalformedError(fileName);
    return error;
  }
}
