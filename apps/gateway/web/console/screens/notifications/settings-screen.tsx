import { useTexts } from '@web/console/console-context';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { AreaNav } from './area-nav';
import { NOTIFICATION_MESSAGES } from './notifications-messages';
import { PreferencesForm } from './preferences-form';
import { TelegramLink } from './telegram-link';

/** The person's own choices: channels per kind of notice, and their Telegram chat. */
export function SettingsScreen() {
  const t = useTexts(NOTIFICATION_MESSAGES);
  return (
    <section>
      <ScreenTitle>{t('settingsTitle')}</ScreenTitle>
      <AreaNav current="settings" />
      <h2>{t('preferencesTitle')}</h2>
      <PreferencesForm />
      <h2>{t('telegramTitle')}</h2>
      <TelegramLink />
    </section>
  );
}
