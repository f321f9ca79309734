import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { EventType } from '@app/contracts';

/** Events of the messaging tests: a note on an article, in two versions, and what happens to it. */
export class NoteTagV1 {
  @IsString()
  @Length(1, 20)
  tag: string;
}

@EventType('note.added', 1, { publisher: 'comments' })
export class NoteAddedV1 {
  @IsString()
  @Length(1, 200)
  text: string;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => NoteTagV1)
  tags?: NoteTagV1[];
}

@EventType('note.added', 2, { publisher: 'comments' })
export class NoteAddedV2 {
  @IsString()
  @Length(1, 200)
  text: string;

  @IsIn(['public', 'staff'])
  audience: 'public' | 'staff';
}

@EventType('note.removed', 1, { publisher: 'comments' })
export class NoteRemovedV1 {
  @IsString()
  text: string;
}

@EventType('note.flagged', 1, { publisher: 'comments' })
export class NoteFlaggedV1 {
  @IsString()
  text: string;
}
