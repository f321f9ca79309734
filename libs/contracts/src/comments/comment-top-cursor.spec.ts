import { encodePageCursor } from '../common/page-cursor';
import { encodeTopCursor, readTopCursor } from './comment-top-cursor';

const position = {
  likes: 12,
  createdAt: '2026-05-01T10:00:00.000Z',
  id: '0b6f7a2e-3c1d-4f6e-9a8b-1c2d3e4f5a6b',
};

describe('top cursor', () => {
  it('reads back the position it wrote', () => {
    expect(readTopCursor(encodeTopCursor(position))).toEqual(position);
  });

  it('refuses a time-ordered cursor, so a cursor from one sort cannot drive another', () => {
    expect(readTopCursor(encodePageCursor(position))).toBeUndefined();
  });

  it.each([
    ['negative likes', { ...position, likes: -1 }],
    ['fractional likes', { ...position, likes: 1.5 }],
    ['an upper-case id', { ...position, id: position.id.toUpperCase() }],
    ['a non-canonical time', { ...position, createdAt: '2026-05-01T10:00:00Z' }],
  ])('refuses a cursor with %s', (_name, forged) => {
    const cursor = `t${Buffer.from(JSON.stringify([forged.likes, forged.createdAt, forged.id])).toString('base64url')}`;
    expect(readTopCursor(cursor)).toBeUndefined();
  });

  it('refuses text that is not a cursor', () => {
    expect(readTopCursor('t!!!')).toBeUndefined();
    expect(readTopCursor('')).toBeUndefined();
  });
});
