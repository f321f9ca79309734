import { ArrayType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** An admin's webhook endpoint: where events of the types it subscribes to are posted, signed with its secret. */
@Entity({ tableName: 'webhook_endpoint' })
export class WebhookEndpoint {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  events!: string[];

  /** Kept to sign every delivery; shown to the admin only once, when the endpoint is made. */
  @Property({ type: 'text', lazy: true })
  secret!: string;

  @Property({ type: 'boolean' })
  enabled: boolean = true;

  @Property({ type: 'text', nullable: true })
  disabledReason: string | null = null;

  /** The first failed attempt since the last success; null while deliveries succeed. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  failingSince: Date | null = null;

  @Property({ type: 'text' })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
