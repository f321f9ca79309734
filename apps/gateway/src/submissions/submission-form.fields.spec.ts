import { ValidationFailedError } from '@app/contracts';
import { FieldTooLargeError, HoneypotFilledError } from './submission.errors';
import { SubmissionFormFields } from './submission-form.fields';

const limits = { title: 5, body: 20, name: 10, website: 50, consent: 5 };

describe('SubmissionFormFields', () => {
  it('keeps the form fields trimmed, without empty ones or the empty honeypot', () => {
    const form = new SubmissionFormFields(limits);
    form.add('title', '  Пожар ', false);
    form.add('body', 'склад', false);
    form.add('name', '', false);
    form.add('website', '', false);
    expect(form.values()).toEqual({ title: 'Пожар', body: 'склад' });
  });

  it('counts characters, not bytes, and refuses the one past the limit naming the field', () => {
    const form = new SubmissionFormFields(limits);
    form.add('title', 'ЖжЖжЖ', false);
    const error = (() => {
      try {
        new SubmissionFormFields(limits).add('title', 'ЖжЖжЖж', false);
      } catch (caught) {
        return caught as FieldTooLargeError;
      }
    })();
    expect(error).toBeInstanceOf(FieldTooLargeError);
    expect(error?.status).toBe(413);
    expect(error?.errors).toEqual([{ field: 'title', message: 'at most 5 characters' }]);
  });

  it('refuses a field the parser cut at its byte limit', () => {
    expect(() => new SubmissionFormFields(limits).add('body', 'x', true)).toThrow(FieldTooLargeError);
  });

  it('refuses an unknown or repeated field as invalid input', () => {
    expect(() => new SubmissionFormFields(limits).add('admin', 'x', false)).toThrow(ValidationFailedError);
    expect(() => new SubmissionFormFields(limits).add('__proto__', 'x', false)).toThrow(
      ValidationFailedError,
    );
    const form = new SubmissionFormFields(limits);
    form.add('title', 'a', false);
    expect(() => form.add('title', 'b', false)).toThrow(ValidationFailedError);
  });

  it('refuses a filled honeypot as it arrives', () => {
    expect(() => new SubmissionFormFields(limits).add('website', 'http://spam', false)).toThrow(
      HoneypotFilledError,
    );
  });

  it('gives the parser four bytes per character of the longest field', () => {
    expect(SubmissionFormFields.maxFieldBytes(limits)).toBe(200);
  });
});
