/** The polls part of the gateway's configuration. */
export class PollsGatewaySettings {
  constructor(
    readonly cacheTtlMs: number,
    readonly liveIntervalMs: number,
    readonly liveMaxStreams: number,
  ) {}
}
