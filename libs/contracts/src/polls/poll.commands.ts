import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Caller } from '../identity/caller';
import { WireError } from '../errors/wire-error';
import { PageQuery } from '../common/page';
import { OptionalNotNull } from '../validation/optional-not-null.decorator';
import { SingleLine } from '../validation/single-line.decorator';
import { PollSnapshot, PollView, ResultsVisibility } from './poll.model';
import {
  ArticleIdField,
  DateTimeField,
  MaxChoicesField,
  MultipleChoiceField,
  PlacementField,
  POLL_LIMITS,
  QuestionField,
  ResultsVisibilityField,
} from './poll.fields';
import { NestedContract } from '../validation/nested-contract.decorator';

export { POLL_LIMITS } from './poll.fields';

/** Body of `POST /api/v1/polls`. */
export class PollDraft {
  @QuestionField()
  question: string;

  @ApiProperty({ type: [String], minItems: POLL_LIMITS.minOptions, maxItems: POLL_LIMITS.maxOptions })
  @IsArray()
  @ArrayMinSize(POLL_LIMITS.minOptions)
  @ArrayMaxSize(POLL_LIMITS.maxOptions)
  @IsString({ each: true })
  @Length(1, POLL_LIMITS.optionMaxLength, { each: true })
  @SingleLine({ each: true })
  options: string[];

  @MultipleChoiceField({ default: false })
  multipleChoice?: boolean;

  @MaxChoicesField()
  maxChoices?: number;

  @DateTimeField()
  opensAt?: string;

  @DateTimeField()
  closesAt?: string;

  @ResultsVisibilityField({ default: 'always' })
  resultsVisibility?: ResultsVisibility;

  @PlacementField({ default: 'sidebar' })
  placement?: string;

  @ArticleIdField()
  articleId?: string;
}

export class PollOptionChange {
  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'An existing option to rename; omit to add one',
  })
  @OptionalNotNull()
  @IsUUID()
  id?: string;

  @ApiProperty({ minLength: 1, maxLength: POLL_LIMITS.optionMaxLength })
  @IsString()
  @Length(1, POLL_LIMITS.optionMaxLength)
  @SingleLine()
  text: string;
}

/**
 * Body of `PATCH /api/v1/polls/:id`. `options`, when given, is the whole new list in order: an option
 * with an id keeps its votes, one without is added, one left out is removed (409 once votes exist).
 */
export class PollChanges {
  @QuestionField({ optional: true })
  question?: string;

  @ApiProperty({ required: false, type: [PollOptionChange] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(POLL_LIMITS.minOptions)
  @ArrayMaxSize(POLL_LIMITS.maxOptions)
  @ValidateNested({ each: true })
  @Type(() => PollOptionChange)
  options?: PollOptionChange[];

  @MultipleChoiceField()
  multipleChoice?: boolean;

  @MaxChoicesField()
  maxChoices?: number;

  @DateTimeField()
  opensAt?: string;

  @DateTimeField({ nullable: true })
  closesAt?: string | null;

  @ResultsVisibilityField()
  resultsVisibility?: ResultsVisibility;

  @PlacementField()
  placement?: string;

  @ArticleIdField({ nullable: true })
  articleId?: string | null;
}

/** Body of `POST /api/v1/polls/:id/votes`. */
export class VoteBallot {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: POLL_LIMITS.maxOptions })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(POLL_LIMITS.maxOptions)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  optionIds: string[];
}

/** `scheduled` (not opened yet) lists polls for editors only; readers never see a poll before it opens. */
export const POLL_LIST_STATUSES = ['open', 'scheduled', 'closed', 'all'] as const;
export type PollListStatus = (typeof POLL_LIST_STATUSES)[number];

/** Query of `GET /api/v1/polls`. */
export class PollListQuery extends PageQuery {
  @ApiProperty({ required: false, enum: POLL_LIST_STATUSES, default: 'all' })
  @OptionalNotNull()
  @IsIn(POLL_LIST_STATUSES)
  status?: PollListStatus;

  @PlacementField()
  placement?: string;
}

/** Query of `GET /api/v1/polls/current`. */
export class CurrentPollQuery {
  @PlacementField({ default: 'sidebar' })
  placement?: string;
}

// ---- NATS requests: the HTTP inputs above plus who is asking ----

abstract class CallerRequest {
  @NestedContract(() => Caller)
  caller: Caller;
}

export class CreatePollRequest extends CallerRequest {
  @NestedContract(() => PollDraft)
  draft: PollDraft;
}

export class PollIdRequest extends CallerRequest {
  @IsUUID()
  pollId: string;
}

export class UpdatePollRequest extends PollIdRequest {
  @NestedContract(() => PollChanges)
  changes: PollChanges;
}

export class CastVoteRequest extends PollIdRequest {
  @NestedContract(() => VoteBallot)
  ballot: VoteBallot;
}

/**
 * Many votes in one message (the gateway batches the votes that reach it together): one decoding and
 * one validation for all of them. Each vote is still judged and answered on its own, in the order sent.
 */
export class CastVotesRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(POLL_LIMITS.voteBatchMax)
  @ValidateNested({ each: true })
  @Type(() => CastVoteRequest)
  votes: CastVoteRequest[];
}

export class CurrentPollRequest extends CallerRequest {
  @Matches(POLL_LIMITS.placementPattern)
  placement: string;
}

export class ListPollsRequest extends CallerRequest {
  @NestedContract(() => PollListQuery)
  query: PollListQuery;
}

// ---- replies: every poll in them is already shaped for the caller by `presentPoll` ----

export interface PollReply {
  poll: PollView;
}

/** A poll's counts right after a vote's batch committed, in the editor's order of options. */
export interface VoteTallies {
  totalVotes: number;
  totalVoters: number;
  options: { id: string; votes: number; percent: number }[];
}

/**
 * A counted vote: the reader's choices (in the editor's order) and the poll's counts after it, not a
 * view of the poll. The gateway shows the vote's poll from the definition it holds; only when it holds
 * none, or one whose options differ, does it ask for the poll.
 */
export interface VoteCounted {
  optionIds: string[];
  tallies: VoteTallies;
}

/** One vote of a batch: counted, or the error it would have had alone. */
export type CastVoteOutcome = { reply: VoteCounted } | { error: WireError };

export interface CastVotesReply {
  /** One per vote, in the order of the request. */
  outcomes: CastVoteOutcome[];
}

export interface PollListReply {
  items: PollView[];
  nextCursor: string | null;
}

export interface MyVoteReply {
  optionIds: string[] | null;
}

export interface PollDeletedReply {
  pollId: string;
  deleted: true;
}

export interface PollExportReply {
  /** Editors only, so the results are whole. */
  poll: PollSnapshot;
  /** Votes per option per hour (UTC, hour start), oldest first; hours without votes are left out. */
  hourly: { hour: string; optionId: string; votes: number }[];
}
