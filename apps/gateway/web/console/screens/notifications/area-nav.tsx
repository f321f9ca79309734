import { useTexts } from '@web/console/console-context';
import { hrefOf } from '@web/console/router';
import { NOTIFICATION_MESSAGES } from './notifications-messages';

/** The feed and the settings, side by side under the heading. */
export function AreaNav({ current }: { current: 'feed' | 'settings' }) {
  const t = useTexts(NOTIFICATION_MESSAGES);
  return (
    <nav class="subnav" aria-label={t('areaNavigation')}>
      <a href={hrefOf('/notifications')} aria-current={current === 'feed' ? 'page' : undefined}>
        {t('navFeed')}
      </a>
      <a href={hrefOf('/notifications/settings')} aria-current={current === 'settings' ? 'page' : undefined}>
        {t('navSettings')}
      </a>
    </nav>
  );
}
