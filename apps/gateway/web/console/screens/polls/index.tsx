import { NotYet } from '@web/console/ui/not-yet';
import { useTexts } from '@web/console/console-context';
import { SHELL_MESSAGES } from '@web/console/i18n/shell-messages';
import type { ScreenDef } from '../screen-def';

function Placeholder() {
  const t = useTexts(SHELL_MESSAGES);
  return <NotYet title={t('navPolls')} />;
}

export const POLL_SCREENS: ScreenDef[] = [
  { path: '/polls/:id?', minRole: 'editor', render: () => <Placeholder /> },
];
