import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261130150000_notifications_schema } from './Migration20261130150000_notifications_schema';

/** In the order they apply. */
export const NOTIFICATIONS_MIGRATIONS: MigrationObject[] = [
  {
    name: 'Migration20261130150000_notifications_schema',
    class: Migration20261130150000_notifications_schema,
  },
];
