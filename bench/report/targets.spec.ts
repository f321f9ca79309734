import type { CommentCountsCheck } from '../checks/comment-counts.check';
import type { VoteCountsCheck } from '../checks/vote-counts.check';
import { checkTargets } from './targets';

const COUNTS_NAME = 'polls whose counts match the vote rows and the 201s';
const COMMENTS_NAME = 'posting articles whose comment counts match their rows and the 201s';
const pollCheck = (pass: boolean) => ({ pass }) as VoteCountsCheck;
const articleCheck = (pass: boolean) => ({ pass }) as CommentCountsCheck;
const named = (name: string, checks: ReturnType<typeof checkTargets>) =>
  checks.find((check) => check.name === name);

describe('checkTargets count checks', () => {
  it('checks no poll and no article in a run without their scenarios', () => {
    const checks = checkTargets([], [], []);
    expect(named(COUNTS_NAME, checks)).toBeUndefined();
    expect(named(COMMENTS_NAME, checks)).toBeUndefined();
  });

  it('passes only when every checked poll and article matches', () => {
    const checks = checkTargets([], [pollCheck(true), pollCheck(false)], [articleCheck(true)]);
    expect(named(COUNTS_NAME, checks)).toEqual({
      name: COUNTS_NAME,
      measured: 1,
      target: '= 2',
      pass: false,
    });
    expect(named(COMMENTS_NAME, checks)).toEqual({
      name: COMMENTS_NAME,
      measured: 1,
      target: '= 1',
      pass: true,
    });
  });
});
