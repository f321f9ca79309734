import type { MigrationObject } from '@mikro-orm/core';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { InboxEntry } from './inbox-entry.entity';
import { DeadLetter } from './dead-letter.entity';
import { Migration20261126000000Messaging } from './migrations/Migration20261126000000Messaging';
import { Migration20261210000000MessagingUpkeep } from './migrations/Migration20261210000000MessagingUpkeep';

/**
 * What a service that records or consumes events adds to its `DatabaseModule.forService(...)`:
 * `entities: [...MESSAGING_ENTITIES, ...own]`, `migrations: [...MESSAGING_MIGRATIONS, ...own]`.
 */
export const MESSAGING_ENTITIES = [OutboxEvent, InboxEntry, DeadLetter];

export const MESSAGING_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126000000Messaging', class: Migration20261126000000Messaging },
  { name: 'Migration20261210000000MessagingUpkeep', class: Migration20261210000000MessagingUpkeep },
];
