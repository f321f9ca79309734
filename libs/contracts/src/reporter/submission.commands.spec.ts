import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { toFieldErrors } from '../errors/validation-errors';
import { DeskTransitionRequest, SubmissionAssignBody, SubmissionFields } from './submission.commands';
import { SUBMISSION_TEXT_LIMITS } from './submission.fields';

function fieldErrors<T extends object>(type: new () => T, plain: object) {
  return toFieldErrors(
    validateSync(plainToInstance(type, plain), { whitelist: true, forbidNonWhitelisted: true }),
  );
}

const fieldsWithErrors = <T extends object>(type: new () => T, plain: object) => [
  ...new Set(fieldErrors(type, plain).map((error) => error.field)),
];

const valid = {
  title: 'Пожар на складе',
  body: 'Горит склад у реки',
  name: 'Анна',
  email: 'a@example.org',
  consent: true,
};

describe('submission fields', () => {
  it('takes a complete submission with an email, or with a phone only', () => {
    expect(fieldsWithErrors(SubmissionFields, valid)).toEqual([]);
    const { email: _email, ...withoutEmail } = valid;
    expect(fieldsWithErrors(SubmissionFields, { ...withoutEmail, phone: '+7 (912) 345-67-89' })).toEqual([]);
  });

  it('needs an email or a phone, and says so on the email field', () => {
    const { email: _email, ...withoutEmail } = valid;
    expect(fieldErrors(SubmissionFields, withoutEmail)).toEqual([
      { field: 'email', message: 'give an email address or a phone number' },
    ]);
  });

  it('refuses a consent that is not true, a bad email, a bad phone and an unknown category', () => {
    expect(
      fieldsWithErrors(SubmissionFields, {
        ...valid,
        consent: 'yes',
        email: 'not-an-address',
        phone: 'call me',
        category: 'gossip',
      }).sort(),
    ).toEqual(['category', 'consent', 'email', 'phone']);
  });

  it('takes each text up to its limit and not one character more', () => {
    const limits = SUBMISSION_TEXT_LIMITS;
    const atLimit = {
      ...valid,
      title: 'т'.repeat(limits.titleMaxLength),
      body: 'б'.repeat(limits.bodyMaxLength),
      name: 'и'.repeat(limits.nameMaxLength),
      location: 'м'.repeat(limits.locationMaxLength),
      phone: '1'.repeat(limits.phoneMaxLength),
    };
    expect(fieldsWithErrors(SubmissionFields, atLimit)).toEqual([]);
    for (const field of ['title', 'body', 'name', 'location', 'phone'] as const) {
      const over = { ...atLimit, [field]: atLimit[field] + '1' };
      expect(fieldsWithErrors(SubmissionFields, over)).toEqual([field]);
    }
    const email = `${'e'.repeat(64)}@${'d'.repeat(60)}.${'d'.repeat(60)}.${'d'.repeat(60)}.example`;
    expect(email.length).toBeGreaterThan(limits.emailMaxLength);
    expect(fieldsWithErrors(SubmissionFields, { ...valid, email })).toEqual(['email']);
  });

  it('refuses a title of several lines and a blank body', () => {
    expect(fieldsWithErrors(SubmissionFields, { ...valid, title: 'a\nb', body: '  \u202E ' }).sort()).toEqual(
      ['body', 'title'],
    );
  });
});

describe('desk requests', () => {
  const caller = { readerId: null, staffId: 's1', roles: ['moderator'], addressHash: null };
  const id = '00000000-0000-4000-8000-000000000001';

  it('takes a transition to a known status only', () => {
    expect(fieldsWithErrors(DeskTransitionRequest, { caller, id, to: 'in_review' })).toEqual([]);
    expect(fieldsWithErrors(DeskTransitionRequest, { caller, id, to: 'done' })).toEqual(['to']);
  });

  it('takes null as "nobody" when assigning', () => {
    expect(fieldsWithErrors(SubmissionAssignBody, { staffId: null })).toEqual([]);
    expect(fieldsWithErrors(SubmissionAssignBody, { staffId: '' })).toEqual(['staffId']);
  });
});
