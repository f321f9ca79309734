import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126000000_polls_schema } from './Migration20261126000000_polls_schema';

/** In the order they apply. */
export const POLLS_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126000000_polls_schema', class: Migration20261126000000_polls_schema },
];
