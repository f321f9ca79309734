import type { ScreenDef } from '../screen-def';
import { AdminScreen } from './admin-screen';

export const ADMIN_SCREENS: ScreenDef[] = [
  {
    path: '/admin/:section?',
    minRole: 'admin',
    render: (params, path) => <AdminScreen section={params.section} path={path} />,
  },
];
