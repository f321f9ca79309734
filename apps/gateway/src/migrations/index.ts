import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126000100Gateway } from './Migration20261126000100Gateway';
import { Migration20261201000100LoginThrottle } from './Migration20261201000100LoginThrottle';

export const GATEWAY_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126000100Gateway', class: Migration20261126000100Gateway },
  { name: 'Migration20261201000100LoginThrottle', class: Migration20261201000100LoginThrottle },
];
