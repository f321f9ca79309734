import { useEffect, useMemo, useState } from 'preact/hooks';
import { translator, type Locale } from '@web/shared/i18n/translator';
import type { Role } from '@app/contracts/identity/roles';
import { IDENTITY_ROUTES } from './api/routes';
import { StaffApi } from './api/staff-api';
import { ConsoleContext, useConsole, useSession, useTexts, type ConsoleServices } from './console-context';
import { storeLocale, storedLocale } from './i18n/locale-store';
import { SHELL_MESSAGES } from './i18n/shell-messages';
import { Shell } from './layout/shell';
import { matchPath, navigate, useCurrentPath } from './router';
import { SCREENS, SECTIONS } from './screens/registry';
import { LoginScreen } from './session/login-screen';
import { mayAct, SessionStore, type StaffSession } from './session/session-store';
import { NoticeBoard } from './ui/notice-board';
import { Notices } from './ui/notices';
import { ScreenTitle } from './ui/screen-title';

/** The console: its services made once, then the login or the page the URL names. */
export function App() {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const services = useMemo(() => createServices(), []);
  const value = useMemo<ConsoleServices>(
    () => ({
      ...services,
      locale,
      setLocale: (next: Locale) => {
        storeLocale(next);
        services.localeRef.current = next;
        setLocaleState(next);
      },
    }),
    [services, locale],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConsoleContext.Provider value={value}>
      <Page />
      <Notices />
    </ConsoleContext.Provider>
  );
}

function createServices() {
  const localeRef = { current: storedLocale() };
  const texts = () => translator(SHELL_MESSAGES, localeRef.current);
  const sessions = new SessionStore();
  const api = new StaffApi({
    token: () => sessions.session?.token ?? null,
    language: () => localeRef.current,
    unauthorized: () => sessions.signOut('expired'),
    failureText: (kind, status) =>
      kind === 'network' ? texts()('network') : texts()('unexpectedStatus', { status }),
  });
  const notices = new NoticeBoard(() => texts()('unexpected'));
  return { api, sessions, notices, localeRef };
}

function Page() {
  const session = useSession();
  const { api, sessions, notices } = useConsole();
  const path = useCurrentPath();
  const page = path.split('?')[0];
  useEffect(() => notices.dismissFailures(), [notices, page]);
  // A session kept from before is checked once: roles may have changed, the account may be gone (a 401
  // from any call signs out).
  useEffect(() => {
    const kept = sessions.session;
    if (!kept) return;
    api.call<{ email: string; roles: Role[] }>(IDENTITY_ROUTES.me).then(
      (me) => {
        if (sessions.session?.token === kept.token)
          sessions.signIn({ ...kept, email: me.email, roles: me.roles });
      },
      () => undefined,
    );
  }, [api, sessions]);
  if (!session) return <LoginScreen ended={sessions.endedByItself} />;
  return (
    <Shell session={session} path={path}>
      <Screen session={session} path={path} />
    </Shell>
  );
}

function Screen({ session, path }: { session: StaffSession; path: string }) {
  const t = useTexts(SHELL_MESSAGES);
  const home = SECTIONS.find((section) => mayAct(session, section.minRole));
  useEffect(() => {
    if (path === '/' && home) navigate(home.path);
  }, [path, home]);
  if (path === '/') return null;
  for (const screen of SCREENS) {
    const params = matchPath(screen.path, path);
    if (!params) continue;
    if (!mayAct(session, screen.minRole)) {
      return (
        <section class="refusal">
          <ScreenTitle>{t('forbiddenTitle')}</ScreenTitle>
          <p>{t('forbiddenText')}</p>
        </section>
      );
    }
    return <div key={screen.path}>{screen.render(params, path)}</div>;
  }
  return (
    <section class="refusal">
      <ScreenTitle>{t('notFoundTitle')}</ScreenTitle>
      <p>{t('notFoundText')}</p>
    </section>
  );
}
