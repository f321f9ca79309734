import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** One try at a delivery: when, on which channel, what came of it and what the far side said. */
@Entity({ tableName: 'delivery_attempt' })
@Index({ name: 'delivery_attempt_delivery_idx', properties: ['deliveryId', 'at'] })
export class DeliveryAttempt {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  deliveryId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;

  @Property({ type: 'text' })
  channel!: string;

  @Property({ type: 'text' })
  outcome!: string;

  @Property({ type: 'text' })
  detail!: string;
}
