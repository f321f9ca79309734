import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { translator, type Catalogue, type Locale, type Translator } from '@web/shared/i18n/translator';
import type { StaffApi } from './api/staff-api';
import type { StaffSession, SessionStore } from './session/session-store';
import type { NoticeBoard } from './ui/notice-board';

/** What every screen may use: the API as the signed-in person, the session, notices and the language. */
export interface ConsoleServices {
  api: StaffApi;
  sessions: SessionStore;
  notices: NoticeBoard;
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const ConsoleContext = createContext<ConsoleServices | null>(null);

export function useConsole(): ConsoleServices {
  const services = useContext(ConsoleContext);
  if (!services) throw new Error('useConsole outside the console');
  return services;
}

/** The signed-in staff member; re-renders when they sign in or out (in any tab). */
export function useSession(): StaffSession | null {
  const { sessions } = useConsole();
  const [session, setSession] = useState(sessions.session);
  useEffect(() => sessions.subscribe(() => setSession(sessions.session)), [sessions]);
  return session;
}

/** A screen's texts in the console's current language. */
export function useTexts<K extends string>(catalogue: Catalogue<K>): Translator<K> {
  const { locale } = useConsole();
  return useMemo(() => translator(catalogue, locale), [catalogue, locale]);
}

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** Loads again (after an action changed what was shown). */
  reload(): void;
}

/**
 * Data a screen shows, loaded when `deps` change and again on `reload()`. An answer that arrives after
 * a newer load started is dropped, so a quick filter change never shows stale rows.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((previous) => ({ ...previous, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}
