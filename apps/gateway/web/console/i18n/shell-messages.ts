import type { Catalogue } from '@web/shared/i18n/translator';

type ShellKey =
  | 'product'
  | 'navComments'
  | 'navSubmissions'
  | 'navPolls'
  | 'navNotifications'
  | 'navAdmin'
  | 'mainNavigation'
  | 'signedInAs'
  | 'signOut'
  | 'switchLanguage'
  | 'loginTitle'
  | 'email'
  | 'password'
  | 'logIn'
  | 'loggingIn'
  | 'sessionEnded'
  | 'forbiddenTitle'
  | 'forbiddenText'
  | 'notFoundTitle'
  | 'notFoundText'
  | 'network'
  | 'unexpected'
  | 'unexpectedStatus'
  | 'loading'
  | 'retry'
  | 'dismiss'
  | 'previous'
  | 'next'
  | 'notYet'
  | 'pages';

export const SHELL_MESSAGES: Catalogue<ShellKey> = {
  ru: {
    product: 'Консоль редакции',
    navComments: 'Комментарии',
    navSubmissions: 'Народный репортер',
    navPolls: 'Опросы',
    navNotifications: 'Уведомления',
    navAdmin: 'Администрирование',
    mainNavigation: 'Разделы',
    signedInAs: 'Вы вошли как {email}',
    signOut: 'Выйти',
    switchLanguage: 'English',
    loginTitle: 'Вход для сотрудников',
    email: 'Эл. почта',
    password: 'Пароль',
    logIn: 'Войти',
    loggingIn: 'Входим…',
    sessionEnded: 'Сеанс завершён: войдите снова.',
    forbiddenTitle: 'Нет доступа',
    forbiddenText: 'Этот раздел недоступен для вашей роли.',
    notFoundTitle: 'Страница не найдена',
    notFoundText: 'Такого раздела в консоли нет.',
    network: 'Нет связи с сервером. Проверьте подключение и повторите.',
    unexpected: 'Что-то пошло не так. Повторите попытку.',
    unexpectedStatus: 'Сервер ответил ошибкой {status}.',
    loading: 'Загрузка…',
    retry: 'Повторить',
    dismiss: 'Закрыть',
    previous: 'Назад',
    next: 'Дальше',
    notYet: 'Этот раздел ещё не готов.',
    pages: 'Страницы',
  },
  en: {
    product: 'Newsroom console',
    navComments: 'Comments',
    navSubmissions: 'Reader reports',
    navPolls: 'Polls',
    navNotifications: 'Notifications',
    navAdmin: 'Administration',
    mainNavigation: 'Sections',
    signedInAs: 'Signed in as {email}',
    signOut: 'Sign out',
    switchLanguage: 'Русский',
    loginTitle: 'Staff sign-in',
    email: 'Email',
    password: 'Password',
    logIn: 'Sign in',
    loggingIn: 'Signing in…',
    sessionEnded: 'Your session has ended: please sign in again.',
    forbiddenTitle: 'No access',
    forbiddenText: 'Your role does not give access to this section.',
    notFoundTitle: 'Page not found',
    notFoundText: 'The console has no such section.',
    network: 'The server cannot be reached. Check the connection and try again.',
    unexpected: 'Something went wrong. Please try again.',
    unexpectedStatus: 'The server answered with error {status}.',
    loading: 'Loading…',
    retry: 'Try again',
    dismiss: 'Dismiss',
    previous: 'Previous',
    next: 'Next',
    notYet: 'This section is not ready yet.',
    pages: 'Pages',
  },
};
