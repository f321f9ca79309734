import type { MigrationObject } from '@mikro-orm/core';
import { MESSAGING_MIGRATIONS } from '@app/messaging';
import { Migration20261126000100Gateway } from './Migration20261126000100Gateway';
import { Migration20261201000100LoginThrottle } from './Migration20261201000100LoginThrottle';
import { Migration20261211000000StaffEvents } from './Migration20261211000000StaffEvents';

/** The messaging tables first: the staff events migration writes to the outbox they create. */
export const GATEWAY_MIGRATIONS: MigrationObject[] = [
  ...MESSAGING_MIGRATIONS,
  { name: 'Migration20261126000100Gateway', class: Migration20261126000100Gateway },
  { name: 'Migration20261201000100LoginThrottle', class: Migration20261201000100LoginThrottle },
  { name: 'Migration20261211000000StaffEvents', class: Migration20261211000000StaffEvents },
];
