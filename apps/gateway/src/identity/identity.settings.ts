import type { LoginPolicy } from './login.policy';

/** The identity part of the gateway's configuration, as the identity classes need it. */
export class IdentitySettings {
  constructor(
    readonly login: LoginPolicy,
    readonly readerTokensPerAddressPerHour: number,
  ) {}
}
