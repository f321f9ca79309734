export type StopDecision = 'stop' | 'same-request' | 'kill-now';

/**
 * One stop request often arrives twice: Ctrl-C reaches the whole foreground process group, so the
 * launcher gets SIGINT from the terminal and again from npm, which forwards SIGINT and SIGTERM to its
 * script; `timeout` signals both the group and npm too. A repeat within `sameRequestMs` is that echo; a
 * later one is someone who does not want to wait for the graceful stop.
 */
export class StopRequests {
  private firstAt?: number;

  constructor(private readonly sameRequestMs = 1500) {}

  decide(now: number = Date.now()): StopDecision {
    if (this.firstAt === undefined) {
      this.firstAt = now;
      return 'stop';
    }
    return now - this.firstAt < this.sameRequestMs ? 'same-request' : 'kill-now';
  }
}
