import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126000000_polls_schema } from './Migration20261126000000_polls_schema';
import { Migration20261126000100_polls_cast_votes } from './Migration20261126000100_polls_cast_votes';
import { Migration20261130000000_drop_cast_vote } from './Migration20261130000000_drop_cast_vote';
import { Migration20261201000000_lean_ballots } from './Migration20261201000000_lean_ballots';

/** In the order they apply. */
export const POLLS_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126000000_polls_schema', class: Migration20261126000000_polls_schema },
  { name: 'Migration20261126000100_polls_cast_votes', class: Migration20261126000100_polls_cast_votes },
  { name: 'Migration20261130000000_drop_cast_vote', class: Migration20261130000000_drop_cast_vote },
  { name: 'Migration20261201000000_lean_ballots', class: Migration20261201000000_lean_ballots },
];
