import type { ModerationQueue } from '@app/contracts/comments/comment.model';
import type { ScreenDef } from '../screen-def';
import { QUEUES } from './queue-tabs';
import { QueueScreen } from './queue-screen';
import { SettingsScreen } from './settings-screen';

const queueOf = (name: string | undefined): ModerationQueue =>
  QUEUES.find((queue) => queue === name) ?? 'pending';

// The settings come first: `/comments/:queue?` would take `/comments/settings` as a queue.
export const COMMENT_SCREENS: ScreenDef[] = [
  { path: '/comments/settings', minRole: 'moderator', render: () => <SettingsScreen /> },
  {
    path: '/comments/:queue?',
    minRole: 'moderator',
    render: (params) => {
      const queue = queueOf(params.queue);
      return <QueueScreen key={queue} queue={queue} />;
    },
  },
];
