import { ApiProperty } from '@nestjs/swagger';
import { REACTION_TYPES, ReactionType } from '@app/contracts';

/** Shapes of replies the contracts declare as interfaces, for the OpenAPI document only. */
export class ReactionReplyView {
  @ApiProperty({ format: 'uuid' }) commentId: string;
  @ApiProperty({ description: 'Likes of the comment now' }) like: number;
  @ApiProperty({ type: String, enum: REACTION_TYPES, nullable: true }) myReaction: ReactionType | null;
}

export class FlagAcceptedView {
  @ApiProperty({ format: 'uuid' }) commentId: string;
  @ApiProperty({ enum: [true] }) accepted: true;
}

export class ReaderErasedView {
  @ApiProperty() readerId: string;
  @ApiProperty({ description: 'Comments turned into tombstones or removed' }) commentsErased: number;
}
