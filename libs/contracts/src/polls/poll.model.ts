import { ApiProperty } from '@nestjs/swagger';

export const POLL_STATUSES = ['scheduled', 'open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

export const RESULTS_VISIBILITIES = ['always', 'after_vote', 'after_close'] as const;
export type ResultsVisibility = (typeof RESULTS_VISIBILITIES)[number];

export class PollOptionResult {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: Number, nullable: true }) votes: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Integer percent; sums to 100 when there are votes',
  })
  percent: number | null;
}

/**
 * A poll with its full results, as the polls service knows it. It holds nothing personal, so the
 * gateway may cache it and share it between callers; `presentPoll` turns it into what one caller sees.
 */
export interface PollSnapshot {
  id: string;
  question: string;
  multipleChoice: boolean;
  maxChoices: number;
  opensAt: string;
  /** An explicit close sets this to the moment of closing. */
  closesAt: string | null;
  resultsVisibility: ResultsVisibility;
  placement: string;
  articleId: string | null;
  createdAt: string;
  totalVotes: number;
  totalVoters: number;
  options: { id: string; text: string; votes: number; percent: number }[];
}

/** The poll as one caller sees it over HTTP (API.md, Polls). */
export class PollView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() question: string;
  @ApiProperty({ enum: POLL_STATUSES }) status: PollStatus;
  @ApiProperty() multipleChoice: boolean;
  @ApiProperty() maxChoices: number;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt: string | null;
  @ApiProperty({ enum: RESULTS_VISIBILITIES }) resultsVisibility: ResultsVisibility;
  @ApiProperty() placement: string;
  @ApiProperty({ type: String, nullable: true }) articleId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: Number, nullable: true }) totalVotes: number | null;
  @ApiProperty({ type: Number, nullable: true }) totalVoters: number | null;
  @ApiProperty({ type: [String], nullable: true, description: "The caller's choices, null when not voted" })
  myVote: string[] | null;
  @ApiProperty({ type: [PollOptionResult] }) options: PollOptionResult[];
}

export class PollPage {
  @ApiProperty({ type: [PollView] }) items: PollView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
