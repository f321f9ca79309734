import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { ServiceEnv, ToBool, ToInt } from '@app/runtime';

export class PollsEnv extends ServiceEnv {
  /** Seed the demo polls (once) at start. */
  @ToBool()
  @IsBoolean()
  DEMO = true;

  /** Votes one client address may cast in one poll per hour; 0 turns the cap off. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(1000000)
  POLL_VOTES_PER_ADDRESS_PER_HOUR = 50;

  /** Rows each poll's counters are spread over; more shards, less queueing of votes on one option. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(256)
  POLL_TALLY_SHARDS = 16;

  /**
   * Votes written together in one statement and transaction at most. Smaller batches, several in
   * flight, let the database write one while the process answers another: measured on 2 cores, 24
   * with 4 in flight beat 64 with 2 (whole bursts in one batch, database and process taking turns).
   */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  POLL_VOTE_BATCH_MAX = 24;

  /**
   * How long a vote waits for others to share its write; 0 writes each vote on its own. Under load
   * the wait is mostly spent behind the batches in flight anyway.
   */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(1000)
  POLL_VOTE_BATCH_DELAY_MS = 2;

  /** Vote batches written at once (each holds one database connection while it runs). */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100)
  POLL_VOTE_BATCHES_IN_FLIGHT = 4;

  /** How often the clock-driven work runs: poll.closed for polls past closesAt, open/close signals. */
  @ToInt()
  @IsInt()
  @Min(50)
  @Max(60000)
  POLL_SCHEDULER_INTERVAL_MS = 1000;

  /** How long a copy of a poll's definition serves the vote path before it is read again. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(60000)
  POLL_DEFINITION_TTL_MS = 2000;

  /** At most one results-changed signal per poll per this interval from one process. */
  @ToInt()
  @IsInt()
  @Min(10)
  @Max(10000)
  POLL_SIGNAL_INTERVAL_MS = 250;
}
