import type { Role } from '@app/contracts/identity/roles';
import { ADMIN_SCREENS } from './admin';
import { COMMENT_SCREENS } from './comments';
import { NOTIFICATION_SCREENS } from './notifications';
import { POLL_SCREENS } from './polls';
import type { ScreenDef } from './screen-def';
import { SUBMISSION_SCREENS } from './submissions';

export const SCREENS: readonly ScreenDef[] = [
  ...COMMENT_SCREENS,
  ...SUBMISSION_SCREENS,
  ...POLL_SCREENS,
  ...NOTIFICATION_SCREENS,
  ...ADMIN_SCREENS,
];

export type NavLabel = 'navComments' | 'navSubmissions' | 'navPolls' | 'navNotifications' | 'navAdmin';

/** The sections in the navigation, each shown only to the roles that may open it. */
export const SECTIONS: ReadonlyArray<{ path: string; label: NavLabel; minRole: Role }> = [
  { path: '/comments', label: 'navComments', minRole: 'moderator' },
  { path: '/submissions', label: 'navSubmissions', minRole: 'moderator' },
  { path: '/polls', label: 'navPolls', minRole: 'editor' },
  { path: '/notifications', label: 'navNotifications', minRole: 'moderator' },
  { path: '/admin', label: 'navAdmin', minRole: 'admin' },
];
