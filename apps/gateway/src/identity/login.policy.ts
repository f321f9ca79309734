/** How staff logins are throttled (README: Login throttling). */
export interface LoginPolicy {
  /** Failed logins one client address may make in a window, whatever the emails. */
  failuresPerAddress: number;
  /** Failed logins for one email from one address in a window. */
  failuresPerEmailAndAddress: number;
  /** Attempts for one email from addresses it never logged in from, before each further one waits. */
  emailFailuresBeforeDelay: number;
  /** The first of those waits; each next one is twice as long. */
  emailDelayFirstSeconds: number;
  /** The longest wait between two such attempts. */
  emailDelayMaxSeconds: number;
  /** How long an address an account logged in from stays exempt from the email's wait; 0: never. */
  knownAddressDays: number;
}

export const LOGIN_WINDOW_SECONDS = 15 * 60;

/** An email's failures are forgotten after this long without an attempt (longer than any wait). */
export const EMAIL_FAILURES_FORGOTTEN_AFTER_SECONDS = 3600;

export interface EmailGateState {
  failures: number;
  lastAttemptAt: Date;
  nextAttemptAt: Date;
}

export type EmailGateTurn =
  { allowed: true; next: EmailGateState } | { allowed: false; retryAfterSeconds: number };

/**
 * Seconds the next attempt for an email must wait once `failures` attempts were counted: none below the
 * threshold, then the first wait (1 s by default), twice that, four times ..., capped. Doubling keeps an online guesser to a few dozen tries an
 * hour while an owner who mistyped a few times waits seconds.
 */
export function emailDelaySeconds(failures: number, policy: LoginPolicy): number {
  if (failures < policy.emailFailuresBeforeDelay) return 0;
  const doublings = Math.min(failures - policy.emailFailuresBeforeDelay, 30);
  return Math.min(policy.emailDelayMaxSeconds, policy.emailDelayFirstSeconds * 2 ** doublings);
}

/**
 * Whether an attempt for an email may be evaluated at `now`, and the state it leaves: the attempt is
 * counted as a failure at once (a success gives it back), so parallel attempts see each other.
 */
export function takeEmailTurn(state: EmailGateState | null, now: Date, policy: LoginPolicy): EmailGateTurn {
  if (state && state.nextAttemptAt.getTime() > now.getTime()) {
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((state.nextAttemptAt.getTime() - now.getTime()) / 1000)),
    };
  }
  const quietSeconds = state ? (now.getTime() - state.lastAttemptAt.getTime()) / 1000 : Infinity;
  const failures = quietSeconds >= EMAIL_FAILURES_FORGOTTEN_AFTER_SECONDS ? 1 : state!.failures + 1;
  const delayMs = emailDelaySeconds(failures, policy) * 1000;
  return {
    allowed: true,
    next: { failures, lastAttemptAt: now, nextAttemptAt: new Date(now.getTime() + delayMs) },
  };
}
