import {
  EMAIL_FAILURES_FORGOTTEN_AFTER_SECONDS,
  emailDelaySeconds,
  EmailGateState,
  LoginPolicy,
  takeEmailTurn,
} from './login.policy';

const policy: LoginPolicy = {
  failuresPerAddress: 30,
  failuresPerEmailAndAddress: 5,
  emailFailuresBeforeDelay: 3,
  emailDelayFirstSeconds: 1,
  emailDelayMaxSeconds: 10,
  knownAddressDays: 30,
};
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

describe('the per-email login wait', () => {
  it('lets attempts below the threshold through without a wait, then doubles the wait up to its cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((failures) => emailDelaySeconds(failures, policy))).toEqual([
      0, 0, 1, 2, 4, 8, 10, 10,
    ]);
    expect(emailDelaySeconds(10_000, policy)).toBe(10);
  });

  it('refuses an attempt before the wait ends and names the seconds left', () => {
    const state: EmailGateState = { failures: 4, lastAttemptAt: at(0), nextAttemptAt: at(2) };
    expect(takeEmailTurn(state, at(0.5), policy)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(takeEmailTurn(state, at(1.999), policy)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('counts an attempt at the end of the wait and sets the next, longer one', () => {
    const state: EmailGateState = { failures: 4, lastAttemptAt: at(0), nextAttemptAt: at(2) };
    expect(takeEmailTurn(state, at(2), policy)).toEqual({
      allowed: true,
      next: { failures: 5, lastAttemptAt: at(2), nextAttemptAt: at(6) },
    });
  });

  it('starts over after a quiet hour', () => {
    const state: EmailGateState = { failures: 40, lastAttemptAt: at(0), nextAttemptAt: at(10) };
    const quiet = EMAIL_FAILURES_FORGOTTEN_AFTER_SECONDS;
    expect(takeEmailTurn(state, at(quiet - 1), policy)).toMatchObject({ next: { failures: 41 } });
    expect(takeEmailTurn(state, at(quiet), policy)).toEqual({
      allowed: true,
      next: { failures: 1, lastAttemptAt: at(quiet), nextAttemptAt: at(quiet) },
    });
  });

  it('counts the first attempt of an email never seen', () => {
    expect(takeEmailTurn(null, at(5), policy)).toEqual({
      allowed: true,
      next: { failures: 1, lastAttemptAt: at(5), nextAttemptAt: at(5) },
    });
  });
});
