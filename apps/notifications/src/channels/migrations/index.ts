import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261201100000_notification_channels } from './Migration20261201100000_notification_channels';

/** The channels' own tables, applied after the service's core ones. */
export const CHANNELS_MIGRATIONS: MigrationObject[] = [
  {
    name: 'Migration20261201100000_notification_channels',
    class: Migration20261201100000_notification_channels,
  },
];
