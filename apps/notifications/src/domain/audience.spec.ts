import { channelsFor, isInAudience } from './audience';

describe('the audience of staff notices', () => {
  it('tells moderators and above of held comments, and editors and above of closed polls', () => {
    expect(isInAudience('comment.held', ['moderator'])).toBe(true);
    expect(isInAudience('comment.held', ['admin'])).toBe(true);
    expect(isInAudience('poll.closed', ['moderator'])).toBe(false);
    expect(isInAudience('poll.closed', ['editor'])).toBe(true);
    expect(isInAudience('submission.received', [])).toBe(false);
  });

  it('uses every channel that can reach a person who chose nothing', () => {
    expect(channelsFor(undefined, { email: true, telegram: false })).toEqual({
      inApp: true,
      email: true,
      telegram: false,
    });
  });

  it('keeps to what the person chose', () => {
    const choice = { inApp: false, email: false, telegram: true };
    expect(channelsFor(choice, { email: true, telegram: true })).toEqual(choice);
  });
});
