import type { NotificationPreferenceView } from '@app/contracts/notifications/notification.model';

export const CHANNELS = ['inApp', 'email', 'telegram'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The rows whose channels differ from what was loaded: what a save has to send. */
export function changedPreferences(
  loaded: readonly NotificationPreferenceView[],
  edited: readonly NotificationPreferenceView[],
): NotificationPreferenceView[] {
  return edited.filter((row) => {
    const before = loaded.find((other) => other.type === row.type);
    return !before || CHANNELS.some((channel) => before[channel] !== row[channel]);
  });
}

export function withChannel(
  rows: readonly NotificationPreferenceView[],
  type: NotificationPreferenceView['type'],
  channel: Channel,
  on: boolean,
): NotificationPreferenceView[] {
  return rows.map((row) => (row.type === type ? { ...row, [channel]: on } : row));
}
