import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261130140000_reporter_schema } from './Migration20261130140000_reporter_schema';

/** In the order they apply. */
export const REPORTER_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261130140000_reporter_schema', class: Migration20261130140000_reporter_schema },
];
