import { SHELL_MESSAGES } from '../i18n/shell-messages';
import { useTexts } from '../console-context';
import { ScreenTitle } from './screen-title';

/** A section the console does not offer yet: says so plainly. */
export function NotYet({ title }: { title: string }) {
  const t = useTexts(SHELL_MESSAGES);
  return (
    <section>
      <ScreenTitle>{title}</ScreenTitle>
      <p>{t('notYet')}</p>
    </section>
  );
}
