/** The identity part of the gateway's configuration, as the identity classes need it. */
export class IdentitySettings {
  constructor(
    readonly loginAttemptsPer15Min: number,
    readonly readerTokensPerAddressPerHour: number,
  ) {}
}
