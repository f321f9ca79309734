/** The polls part of the gateway's configuration. */
export class PollsGatewaySettings {
  constructor(
    readonly votesPerAddressPerHour: number,
    readonly cacheTtlMs: number,
    readonly liveIntervalMs: number,
    readonly liveMaxStreams: number,
  ) {}
}
