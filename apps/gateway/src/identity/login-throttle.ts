import { Injectable } from '@nestjs/common';
import { RateLimitedError } from '@app/contracts';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { IdentitySettings } from './identity.settings';
import { KeyedHasher } from './keyed-hasher';
import { LOGIN_WINDOW_SECONDS } from './login.policy';
import { LoginThrottleRepository } from './login-throttle.repository';

const DAY_MS = 24 * 3600 * 1000;

/** An admitted login attempt: it already counts as a failure; `succeeded` gives that back. */
export interface LoginPass {
  succeeded(): Promise<void>;
}

/**
 * Decides whether a login attempt may be evaluated (README: Login throttling). Every limit is reserved
 * before the password is checked, so parallel attempts cannot all slip under a limit checked first and
 * counted after. Per address and per (email, address) the limits are tight; per email there is no hard
 * limit but a growing wait, which addresses the account already logged in from skip: an attacker
 * hammering an email from elsewhere slows their own guesses without locking its owner out.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly gates: LoginThrottleRepository,
    private readonly hasher: KeyedHasher,
    private readonly settings: IdentitySettings,
  ) {}

  async admit(email: string, addressHash: string, now = new Date()): Promise<LoginPass> {
    const policy = this.settings.login;
    const emailHash = this.hasher.hash('login', email);
    const pairHash = this.hasher.hash('login', `${email}\u0000${addressHash}`);
    const addressKey = `login:address:${addressHash}`;
    const pairKey = `login:pair:${pairHash}`;
    const taken: string[] = [];
    const giveBack = () =>
      Promise.all(taken.map((key) => this.limiter.release(key, LOGIN_WINDOW_SECONDS, now)));

    for (const [key, limit] of [
      [addressKey, policy.failuresPerAddress],
      [pairKey, policy.failuresPerEmailAndAddress],
    ] as const) {
      const decision = await this.limiter.hit(key, limit, LOGIN_WINDOW_SECONDS, now);
      if (!decision.allowed) {
        await giveBack();
        throw new RateLimitedError(
          'Too many failed login attempts. Try again later.',
          decision.retryAfterSeconds,
        );
      }
      taken.push(key);
    }

    const known =
      policy.knownAddressDays > 0 &&
      (await this.gates.isKnown(pairHash, new Date(now.getTime() - policy.knownAddressDays * DAY_MS)));
    if (!known) {
      const turn = await this.gates.takeEmailTurn(emailHash, now, policy);
      if (!turn.allowed) {
        await giveBack();
        throw new RateLimitedError(
          'Too many failed login attempts for this account. Try again shortly.',
          turn.retryAfterSeconds,
        );
      }
    }

    return {
      succeeded: async () => {
        await this.limiter.release(addressKey, LOGIN_WINDOW_SECONDS, now);
        await this.limiter.reset(pairKey);
        if (!known) await this.gates.giveBackEmailTurn(emailHash);
        if (policy.knownAddressDays > 0) await this.gates.remember(pairHash, new Date());
      },
    };
  }

  /** Drops gate rows nobody needs any more (called by the rate-limit janitor). */
  purge(now = new Date()): Promise<void> {
    const knownDays = Math.max(1, this.settings.login.knownAddressDays);
    return this.gates.purge(new Date(now.getTime() - DAY_MS), new Date(now.getTime() - knownDays * DAY_MS));
  }
}
