import type { ScreenDef } from '../screen-def';
import { DeskList } from './desk-list';
import { SubmissionDetail } from './submission-detail';

export const SUBMISSION_SCREENS: ScreenDef[] = [
  { path: '/submissions', minRole: 'moderator', render: (_params, path) => <DeskList path={path} /> },
  {
    path: '/submissions/:id',
    minRole: 'moderator',
    render: (params) => <SubmissionDetail key={params.id} id={params.id} />,
  },
];
