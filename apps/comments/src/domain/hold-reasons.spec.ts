import { holdReasonsFor } from './hold-reasons';

const post = { mode: 'post' as const, suspectWord: false, links: 0, maxLinks: 2, byStaff: false };

describe('holdReasonsFor', () => {
  it('publishes an ordinary comment in post-moderation', () => {
    expect(holdReasonsFor(post)).toEqual([]);
  });

  it('holds everything in pre-moderation', () => {
    expect(holdReasonsFor({ ...post, mode: 'pre' })).toEqual(['pre_moderation']);
  });

  it('holds maxLinks + 1 links but not maxLinks', () => {
    expect(holdReasonsFor({ ...post, links: 2 })).toEqual([]);
    expect(holdReasonsFor({ ...post, links: 3 })).toEqual(['links']);
  });

  it('keeps every reason that applies', () => {
    expect(holdReasonsFor({ ...post, mode: 'pre', suspectWord: true, links: 5 })).toEqual([
      'pre_moderation',
      'suspect_word',
      'links',
    ]);
  });

  it('never holds the newsroom’s own comments', () => {
    expect(holdReasonsFor({ ...post, mode: 'pre', suspectWord: true, links: 9, byStaff: true })).toEqual([]);
  });
});
