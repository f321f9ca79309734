import { ValidationFailedError } from '@app/contracts';
import { decodeCursor, encodeCursor } from './cursor';

describe('list cursor', () => {
  const position = { createdAt: '2030-01-02T03:04:05.678Z', id: '0b6c1f4e-8d7a-4b8e-9f3a-2a1c5d6e7f80' };

  it('round-trips a position through a URL-safe string', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each([
    ['garbage'],
    [Buffer.from('["x","y"]').toString('base64url')],
    [Buffer.from('{}').toString('base64url')],
  ])('refuses a cursor it did not issue (%s)', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(ValidationFailedError);
  });
});
