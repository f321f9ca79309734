import { ValidationFailedError } from '@app/contracts';
import { idempotencyKeyOf } from './idempotency-key';

describe('idempotencyKeyOf', () => {
  it('has no key when the header is absent', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
  });

  it('takes 1 to 255 visible ASCII characters as they are', () => {
    expect(idempotencyKeyOf('a')).toBe('a');
    expect(idempotencyKeyOf('~'.repeat(255))).toBe('~'.repeat(255));
    expect(idempotencyKeyOf('3f1c-"key"/{x}')).toBe('3f1c-"key"/{x}');
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a space', 'a b'],
    ['a tab', 'a\tb'],
    ['non-ASCII', 'ключ'],
    ['DEL', 'a\x7f'],
  ])('refuses a key that is %s, naming the header', (_, key) => {
    expect(() => idempotencyKeyOf(key)).toThrow(ValidationFailedError);
    try {
      idempotencyKeyOf(key);
    } catch (error) {
      expect((error as ValidationFailedError).errors).toEqual([
        expect.objectContaining({ field: 'Idempotency-Key' }),
      ]);
    }
  });

  it('refuses the header sent twice', () => {
    expect(() => idempotencyKeyOf(['a', 'b'])).toThrow(ValidationFailedError);
  });
});
