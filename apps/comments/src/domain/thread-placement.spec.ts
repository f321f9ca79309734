import { placeReply } from './thread-placement';

describe('placeReply', () => {
  it('puts a reply to a top-level comment at depth 2 under it', () => {
    expect(placeReply({ id: 'a', depth: 1, threadId: 'a', parentId: null })).toEqual({
      parentId: 'a',
      replyToId: 'a',
      depth: 2,
      threadId: 'a',
    });
  });

  it('puts a reply to a depth-2 comment at depth 3 under it', () => {
    expect(placeReply({ id: 'b', depth: 2, threadId: 'a', parentId: 'a' })).toEqual({
      parentId: 'b',
      replyToId: 'b',
      depth: 3,
      threadId: 'a',
    });
  });

  it('stores a reply to a depth-3 comment beside it, remembering which comment it answers', () => {
    expect(placeReply({ id: 'c', depth: 3, threadId: 'a', parentId: 'b' })).toEqual({
      parentId: 'b',
      replyToId: 'c',
      depth: 3,
      threadId: 'a',
    });
  });
});
