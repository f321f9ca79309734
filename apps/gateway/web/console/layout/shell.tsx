import { Fragment, type ComponentChildren } from 'preact';
import { useConsole, useTexts } from '../console-context';
import { SHELL_MESSAGES } from '../i18n/shell-messages';
import { hrefOf } from '../router';
import { UnreadBadge } from '../screens/notifications/unread-badge';
import { SECTIONS } from '../screens/registry';
import { mayAct, type StaffSession } from '../session/session-store';

/** The frame of every page: the sections this person may open, the language switch and signing out. */
export function Shell({
  session,
  path,
  children,
}: {
  session: StaffSession;
  path: string;
  children: ComponentChildren;
}) {
  const { sessions, locale, setLocale } = useConsole();
  const t = useTexts(SHELL_MESSAGES);
  return (
    <div class="shell">
      <header class="shell-header">
        <a class="product" href={hrefOf('/')}>
          {t('product')}
        </a>
        <nav aria-label={t('mainNavigation')} class="sections">
          {SECTIONS.filter((section) => mayAct(session, section.minRole)).map((section) => {
            const current =
              path === section.path ||
              path.startsWith(section.path + '/') ||
              path.startsWith(section.path + '?');
            return (
              <Fragment key={section.path}>
                <a href={hrefOf(section.path)} aria-current={current ? 'page' : undefined}>
                  {t(section.label)}
                </a>
                {section.path === '/notifications' ? <UnreadBadge /> : null}
              </Fragment>
            );
          })}
        </nav>
        <div class="account">
          <span class="who" title={session.roles.join(', ')}>
            {t('signedInAs', { email: session.email })}
          </span>
          <button
            type="button"
            class="link-button"
            lang={locale === 'ru' ? 'en' : 'ru'}
            onClick={() => setLocale(locale === 'ru' ? 'en' : 'ru')}
          >
            {t('switchLanguage')}
          </button>
          <button type="button" class="link-button" onClick={() => sessions.signOut()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main class="screen">{children}</main>
    </div>
  );
}
