/** The live moderation counts part of the gateway's configuration. */
export class ModerationLiveSettings {
  constructor(
    /** Least time between two recounts pushed to the streams. */
    readonly intervalMs: number,
    /** Open moderation streams one gateway copy serves at most. */
    readonly maxStreams: number,
  ) {}
}
