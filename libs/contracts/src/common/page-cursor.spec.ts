import { ValidationFailedError } from '../errors/domain-error';
import { decodePageCursor, encodePageCursor, readPageCursor } from './page-cursor';

const encodeJson = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('page cursor', () => {
  const position = { createdAt: '2030-01-02T03:04:05.678Z', id: '0b6c1f4e-8d7a-4b8e-9f3a-2a1c5d6e7f80' };
  const id = position.id;

  it('round-trips a position through a URL-safe string', () => {
    const cursor = encodePageCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageCursor(cursor)).toEqual(position);
  });

  it('reads the first and the last instant it can hold', () => {
    for (const createdAt of ['1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      expect(readPageCursor(encodePageCursor({ createdAt, id }))).toEqual({ createdAt, id });
    }
  });

  it.each([
    ['not base64url JSON', 'garbage'],
    ['an empty cursor', ''],
    ['an array of other things', encodeJson(['x', 'y'])],
    ['an object', encodeJson({ createdAt: position.createdAt, id })],
    ['three items', encodeJson([position.createdAt, id, 'x'])],
    ['a number for the time', encodeJson([1893553445678, id])],
    ['a time before 1970', encodeJson(['1969-12-31T23:59:59.999Z', id])],
    ['a year PostgreSQL cannot read', encodeJson(['+275760-09-13T00:00:00.000Z', id])],
    ['a year past 9999', encodeJson(['+010000-01-01T00:00:00.000Z', id])],
    ['a negative year', encodeJson(['-000001-01-01T00:00:00.000Z', id])],
    ['a time that is not canonical', encodeJson(['2030-01-02T03:04:05Z', id])],
    ['a time with an offset', encodeJson(['2030-01-02T04:04:05.678+01:00', id])],
    ['a date that does not exist', encodeJson(['2030-02-30T03:04:05.678Z', id])],
    ['an id that is no UUID', encodeJson([position.createdAt, "1' or '1'='1"])],
    ['an upper-case id', encodeJson([position.createdAt, id.toUpperCase()])],
    ['a NUL in the id', encodeJson([position.createdAt, `${id}\u0000`])],
    ['JSON with spaces', Buffer.from(`[ "${position.createdAt}", "${id}" ]`).toString('base64url')],
    ['padding', `${encodePageCursor(position)}==`],
    ['standard base64', Buffer.from(JSON.stringify([position.createdAt, id])).toString('base64')],
    ['a very long cursor', 'A'.repeat(100000)],
  ])('refuses %s', (_name, cursor) => {
    expect(readPageCursor(cursor)).toBeUndefined();
    expect(() => decodePageCursor(cursor)).toThrow(ValidationFailedError);
  });

  it('names the cursor field when it refuses one', () => {
    try {
      decodePageCursor('garbage');
      throw new Error('accepted');
    } catch (error) {
      expect((error as ValidationFailedError).toWire()).toMatchObject({
        status: 400,
        errors: [{ field: 'cursor' }],
      });
    }
  });
});
