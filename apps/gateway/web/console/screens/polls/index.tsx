import type { ScreenDef } from '../screen-def';
import { PollDetailScreen } from './poll-detail';
import { EditPollScreen, NewPollScreen } from './poll-form';
import { PollList } from './poll-list';

/** Polls are the editors' (the server refuses the rest anyway). `/polls/new` comes before `/polls/:id`. */
export const POLL_SCREENS: ScreenDef[] = [
  { path: '/polls', minRole: 'editor', render: (_, path) => <PollList path={path} /> },
  { path: '/polls/new', minRole: 'editor', render: () => <NewPollScreen /> },
  { path: '/polls/:id/edit', minRole: 'editor', render: ({ id }) => <EditPollScreen id={id} /> },
  { path: '/polls/:id', minRole: 'editor', render: ({ id }) => <PollDetailScreen id={id} /> },
];
