import { NotYet } from '@web/console/ui/not-yet';
import { useTexts } from '@web/console/console-context';
import { SHELL_MESSAGES } from '@web/console/i18n/shell-messages';
import type { ScreenDef } from '../screen-def';

function Placeholder() {
  const t = useTexts(SHELL_MESSAGES);
  return <NotYet title={t('navComments')} />;
}

export const COMMENT_SCREENS: ScreenDef[] = [
  { path: '/comments/:queue?', minRole: 'moderator', render: () => <Placeholder /> },
];
