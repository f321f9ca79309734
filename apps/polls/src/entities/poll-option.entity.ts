import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One answer of a poll; `position` is the editor's order (unique per poll, checked at commit). */
@Entity({ tableName: 'poll_option' })
export class PollOption {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  pollId!: string;

  @Property({ type: 'smallint' })
  position!: number;

  @Property({ type: 'text' })
  text!: string;
}
