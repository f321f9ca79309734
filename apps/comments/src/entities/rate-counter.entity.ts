import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Posts counted per key (reader or address) per fixed window, for the posting limits. */
@Entity({ tableName: 'rate_counter' })
export class RateCounter {
  @PrimaryKey({ type: 'text' })
  key!: string;

  @PrimaryKey({ type: 'datetime', columnType: 'timestamptz' })
  windowStart!: Date;

  @Property({ type: 'integer' })
  hits!: number;
}
