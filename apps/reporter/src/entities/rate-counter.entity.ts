import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Hits per key (`submit:<address>`, `track:<address>`) per fixed hour. */
@Entity({ tableName: 'rate_counter' })
export class RateCounter {
  @PrimaryKey({ type: 'text' })
  key!: string;

  @PrimaryKey({ type: 'datetime', columnType: 'timestamptz' })
  windowStart!: Date;

  @Property({ type: 'integer' })
  hits!: number;
}
