import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { SUBMISSION_CATEGORIES, SUBMISSION_LOCALES, SUBMISSION_TEXT_LIMITS } from '@app/contracts';

const LIMITS = SUBMISSION_TEXT_LIMITS;

/** The multipart body of `POST /api/v1/submissions` as OpenAPI describes a form (encoding per field). */
export const SUBMISSION_FORM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['title', 'body', 'name', 'consent'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: LIMITS.titleMaxLength },
    body: { type: 'string', minLength: 1, maxLength: LIMITS.bodyMaxLength, description: 'Plain text' },
    category: { type: 'string', enum: [...SUBMISSION_CATEGORIES] },
    location: { type: 'string', maxLength: LIMITS.locationMaxLength, description: 'Where it happened' },
    name: { type: 'string', minLength: 1, maxLength: LIMITS.nameMaxLength },
    email: {
      type: 'string',
      format: 'email',
      maxLength: LIMITS.emailMaxLength,
      description: 'An email or a phone is required',
    },
    phone: {
      type: 'string',
      maxLength: LIMITS.phoneMaxLength,
      description: 'An email or a phone is required',
    },
    consent: { type: 'string', enum: ['true'], description: 'Consent to the processing of the contact data' },
    website: { type: 'string', maxLength: 0, description: 'Must be left empty (a field robots fill in)' },
    locale: {
      type: 'string',
      enum: [...SUBMISSION_LOCALES],
      description: 'Language of the answers to the submitter; Accept-Language, else ru, when left out',
    },
    files: {
      type: 'array',
      items: { type: 'string', format: 'binary' },
      maxItems: 10,
      description:
        'Up to 10 files, each up to 20 MiB, 50 MiB in all (the service configuration may differ); JPEG, PNG, ' +
        'WebP, GIF, MP4 or PDF recognised by their bytes. Location metadata is removed from images.',
    },
  },
};
