import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import {
  Caller,
  ContractValidationPipe,
  INTAKE_CHUNK_MAX_BYTES,
  IntakeLimitsView,
  ReporterRpc,
  SUBMISSION_CATEGORIES,
  SUBMISSION_LOCALES,
  SubmissionFields,
  SubmissionLocale,
  SubmissionReceiptView,
  ValidationFailedError,
} from '@app/contracts';
import { NatsRpcClient } from '@app/messaging';
import { KeyedHasher } from '../identity/keyed-hasher';
import { FileBudget } from './file-budget';
import { inChunksOf, MultipartLimits, readMultipartForm } from './multipart-form.reader';
import { ReporterWireClient } from './reporter-wire.client';
import { FormFieldLimits, SubmissionFormFields } from './submission-form.fields';
import { submissionFingerprint } from './submission-fingerprint';

/** The form's file field (API.md: `files`). */
export const FILES_FIELD = 'files';
/** Bytes of one part's headers: a name, a file name and a type fit many times over. */
const PART_HEADER_BYTES = 8 * 1024;
const CONSENT_GIVEN = 'true';

/** What one post of the form brings besides its body. */
export interface IntakeRequest {
  caller: Caller;
  idempotencyKey?: string;
  /** From Accept-Language; a `locale` field of the form wins. */
  language?: SubmissionLocale;
}

/** Each text field of the form and its limit in characters, from the service's limits where it has them. */
export function formFieldLimits(limits: IntakeLimitsView): FormFieldLimits {
  return {
    title: limits.maxTitle,
    body: limits.maxBody,
    name: limits.maxName,
    email: limits.maxEmail,
    phone: limits.maxPhone,
    location: limits.maxLocation,
    category: Math.max(...SUBMISSION_CATEGORIES.map((category) => category.length)),
    // Room for what a form sends when consent is not given (`false`, `off`), answered as a 400.
    consent: 8,
    locale: 2,
    website: 200,
  };
}

function multipartLimits(limits: IntakeLimitsView, fields: FormFieldLimits): MultipartLimits {
  return {
    fields: Object.keys(fields).length,
    fieldBytes: SubmissionFormFields.maxFieldBytes(fields),
    files: limits.maxFiles + 1,
    partHeaderBytes: PART_HEADER_BYTES,
  };
}

/**
 * `POST /api/v1/submissions`: opens an intake at the reporter service, streams each file to the copy
 * holding it chunk by chunk (each chunk answered before the next is read from the client), checks the
 * fields, and completes the intake with the fingerprint of what was sent. Any refusal, a malformed form
 * or a client that goes away aborts the intake, so nothing of it stays.
 */
@Injectable()
export class SubmissionIntake {
  private readonly logger = new Logger('Submissions');
  private readonly fieldsPipe = new ContractValidationPipe();

  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly wire: ReporterWireClient,
    private readonly hasher: KeyedHasher,
  ) {}

  async receive(body: IncomingMessage, request: IntakeRequest): Promise<SubmissionReceiptView> {
    const addressHash = request.caller.addressHash ?? this.hasher.hash('address', 'unknown');
    const idempotencyKeyHash =
      request.idempotencyKey === undefined
        ? undefined
        : this.hasher.hash('idempotency-key', request.idempotencyKey);
    // The key is judged at completion, where the service compares fingerprints: a key reused for
    // another submission is refused (422) even after the first one completed, and a retry of the same
    // one gets the first receipt.
    const { intakeId, chunkSubject, limits } = await this.rpc.call(ReporterRpc.beginIntake, { addressHash });
    try {
      const { fields, fileSha256s } = await this.stream(body, intakeId, chunkSubject, limits);
      const locale = this.localeOf(fields.locale, request.language);
      const valid = await this.validFields(fields);
      return await this.rpc.call(ReporterRpc.completeIntake, {
        intakeId,
        addressHash,
        ...(idempotencyKeyHash ? { idempotencyKeyHash } : {}),
        fingerprint: submissionFingerprint({ ...valid }, fileSha256s),
        locale,
        fields: valid,
      });
    } catch (error) {
      await this.abort(intakeId);
      throw error;
    }
  }

  private async stream(
    body: IncomingMessage,
    intakeId: string,
    chunkSubject: string,
    limits: IntakeLimitsView,
  ): Promise<{ fields: Record<string, string>; fileSha256s: string[] }> {
    const fieldLimits = formFieldLimits(limits);
    const form = new SubmissionFormFields(fieldLimits);
    const budget = new FileBudget(limits);
    const chunkBytes = Math.min(limits.maxChunkBytes, INTAKE_CHUNK_MAX_BYTES);
    const fileSha256s: string[] = [];
    await readMultipartForm(body, multipartLimits(limits, fieldLimits), {
      field: (name, value, truncated) => {
        // A file input left empty, as some clients send it: a text part named like the files.
        if (name === FILES_FIELD && value === '' && !truncated) return;
        form.add(name, value, truncated);
      },
      file: async (fieldName: string, fileName: string, content: Readable) => {
        if (fieldName !== FILES_FIELD) {
          throw new ValidationFailedError([
            { field: fieldName, message: `files are sent as "${FILES_FIELD}"` },
          ]);
        }
        if (fileName === '') return this.skipUnchosen(content);
        budget.startFile(fileName);
        const fileIndex = fileSha256s.length;
        let chunkSeq = 0;
        const chunks = inChunksOf(content as AsyncIterable<Buffer>, chunkBytes, (bytes) =>
          budget.add(fileName, bytes),
        );
        for await (const { bytes, last } of chunks) {
          const reply = await this.wire.sendChunk(chunkSubject, {
            intakeId,
            fileIndex,
            fileName,
            chunkSeq: chunkSeq++,
            last,
            bytes,
          });
          if (last) {
            if (!reply.attachment) throw new Error('the reporter service did not acknowledge a whole file');
            fileSha256s.push(reply.attachment.sha256);
          }
        }
      },
    });
    return { fields: form.values(), fileSha256s };
  }

  /**
   * A browser sends a file input left empty as a part with an empty name and no bytes: no file. A part
   * with bytes but no name is refused rather than guessed at.
   */
  private async skipUnchosen(content: Readable): Promise<void> {
    for await (const piece of content as AsyncIterable<Buffer>) {
      if (piece.length > 0) {
        throw new ValidationFailedError([{ field: FILES_FIELD, message: 'a file must have a name' }]);
      }
    }
  }

  /** The form's fields as the contract wants them, validated by its rules (400 naming each field). */
  private async validFields(values: Record<string, string>): Promise<SubmissionFields> {
    const { locale: _locale, consent, ...rest } = values;
    const plain = { ...rest, consent: consent === CONSENT_GIVEN ? true : (consent ?? false) };
    return (await this.fieldsPipe.transform(plain, {
      type: 'body',
      metatype: SubmissionFields,
    })) as SubmissionFields;
  }

  private localeOf(field: string | undefined, language: SubmissionLocale | undefined): SubmissionLocale {
    if (field === undefined) return language ?? 'ru';
    if ((SUBMISSION_LOCALES as readonly string[]).includes(field)) return field as SubmissionLocale;
    throw new ValidationFailedError([
      { field: 'locale', message: `locale must be one of ${SUBMISSION_LOCALES.join(', ')}` },
    ]);
  }

  private async abort(intakeId: string): Promise<void> {
    try {
      await this.rpc.call(ReporterRpc.abortIntake, { intakeId });
    } catch (error) {
      // A refusal from the service already deleted the intake (404); the orphan sweep takes what is left.
      this.logger.debug(
        `abort of intake ${intakeId}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
