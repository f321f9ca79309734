import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { EventType } from '../events/event-type';
import { IsTimestamp } from '../validation/timestamp.decorator';

/**
 * Core-NATS signal (payload `PollChangedSignal`) published when a poll's results or definition change.
 * Losing one costs a stale cached read for at most the gateway's cache TTL, never data.
 */
export const POLL_CHANGED_SIGNAL = 'signals.polls.changed';

export interface PollChangedSignal {
  pollId: string;
  /** true when the poll was deleted: caches drop it instead of refreshing. */
  deleted?: boolean;
  /** true when only the counts changed (votes): the question, options and dates are as they were. */
  countsOnly?: boolean;
}

/** One option's final count in `poll.closed`. */
export class PollClosedOptionV1 {
  @IsUUID()
  id: string;

  @IsString()
  text: string;

  @IsInt()
  @Min(0)
  votes: number;

  @IsInt()
  @Min(0)
  @Max(100)
  percent: number;
}

/** A poll closed (by an editor or by its clock), with its final results. */
@EventType('poll.closed', 1, { publisher: 'polls' })
export class PollClosedV1 {
  @IsUUID()
  pollId: string;

  @IsString()
  question: string;

  @IsTimestamp()
  closedAt: string;

  @IsInt()
  @Min(0)
  totalVotes: number;

  @IsInt()
  @Min(0)
  totalVoters: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PollClosedOptionV1)
  options: PollClosedOptionV1[];
}
