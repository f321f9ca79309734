import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { PageQuery } from '../common/page';
import { SERVICES, ServiceName } from '../health/health.contract';
import { Caller } from '../identity/caller';
import { NestedContract } from '../validation/nested-contract.decorator';

/** Query of `GET /api/v1/admin/dead-letters`: one service's dead letters, newest first. */
export class DeadLetterListQuery extends PageQuery {
  @ApiProperty({ enum: SERVICES, description: 'The service whose dead letters to list' })
  @IsIn(SERVICES)
  service: ServiceName;
}

/** An event a consumer gave up on, as an operator sees it. */
export class DeadLetterView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SERVICES }) service: ServiceName;
  @ApiProperty({ description: 'The consumer that gave up on it' }) consumer: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ type: String, nullable: true, description: 'null when the message was no event at all' })
  type: string | null;
  @ApiProperty({ description: 'Why the last attempt failed' }) error: string;
  @ApiProperty() deliveries: number;
  @ApiProperty({ format: 'date-time' }) failedAt: string;
}

export class DeadLetterPage {
  @ApiProperty({ type: [DeadLetterView] }) items: DeadLetterView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export const REDRIVE_OUTCOMES = ['handled', 'already_handled'] as const;
export type RedriveOutcome = (typeof REDRIVE_OUTCOMES)[number];

export class DeadLetterRedriveReply {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: REDRIVE_OUTCOMES,
    description:
      '`already_handled`: the consumer had handled the event since; the dead letter is gone either way',
  })
  outcome: RedriveOutcome;
}

// ---- NATS requests ----

export class ListDeadLettersRequest {
  @NestedContract(() => Caller)
  caller: Caller;

  @NestedContract(() => PageQuery)
  query: PageQuery;
}

export class RedriveDeadLetterRequest {
  @NestedContract(() => Caller)
  caller: Caller;

  @IsUUID()
  id: string;
}
