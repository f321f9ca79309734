import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126000100Gateway } from './Migration20261126000100Gateway';

export const GATEWAY_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126000100Gateway', class: Migration20261126000100Gateway },
];
