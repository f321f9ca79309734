import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261130120000_comments_schema } from './Migration20261130120000_comments_schema';
import { Migration20261130150000_post_comments } from './Migration20261130150000_post_comments';
import { Migration20261201090000_reader_rate_from_comments } from './Migration20261201090000_reader_rate_from_comments';
import { Migration20261201091000_status_index_partial } from './Migration20261201091000_status_index_partial';
import { Migration20261202090000_post_comments_outbox } from './Migration20261202090000_post_comments_outbox';
import { Migration20261203090000_post_comments_set_based } from './Migration20261203090000_post_comments_set_based';

/** In the order they apply. */
export const COMMENTS_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261130120000_comments_schema', class: Migration20261130120000_comments_schema },
  { name: 'Migration20261130150000_post_comments', class: Migration20261130150000_post_comments },
  {
    name: 'Migration20261201090000_reader_rate_from_comments',
    class: Migration20261201090000_reader_rate_from_comments,
  },
  {
    name: 'Migration20261201091000_status_index_partial',
    class: Migration20261201091000_status_index_partial,
  },
  {
    name: 'Migration20261202090000_post_comments_outbox',
    class: Migration20261202090000_post_comments_outbox,
  },
  {
    name: 'Migration20261203090000_post_comments_set_based',
    class: Migration20261203090000_post_comments_set_based,
  },
];
