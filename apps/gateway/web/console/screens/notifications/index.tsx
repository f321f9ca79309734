import type { ScreenDef } from '../screen-def';
import { FeedScreen } from './feed-screen';
import { SettingsScreen } from './settings-screen';

export const NOTIFICATION_SCREENS: ScreenDef[] = [
  { path: '/notifications', minRole: 'moderator', render: (_params, path) => <FeedScreen path={path} /> },
  { path: '/notifications/settings', minRole: 'moderator', render: () => <SettingsScreen /> },
];
