import { useTexts } from '@web/console/console-context';
import { COMMENTS_MESSAGES } from './comments-messages';

/** The queue's keys, always in view, so nobody has to guess them. */
export function ShortcutHelp() {
  const t = useTexts(COMMENTS_MESSAGES);
  return (
    <section class="shortcut-help" aria-label={t('shortcutsTitle')}>
      <span>
        <kbd>j</kbd>/<kbd>↓</kbd> {t('shortcutNext')}
      </span>
      <span>
        <kbd>k</kbd>/<kbd>↑</kbd> {t('shortcutPrevious')}
      </span>
      <span>
        <kbd>a</kbd> {t('shortcutApprove')}
      </span>
      <span>
        <kbd>r</kbd> {t('shortcutReject')}
      </span>
      <span>
        <kbd>f</kbd> {t('shortcutFeature')}
      </span>
    </section>
  );
}
