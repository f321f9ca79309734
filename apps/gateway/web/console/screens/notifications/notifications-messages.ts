import type { Catalogue } from '@web/shared/i18n/translator';
import type { StaffNoticeType } from '@app/contracts/notifications/notification.model';

type NotificationKey =
  | 'feedTitle'
  | 'settingsTitle'
  | 'areaNavigation'
  | 'navFeed'
  | 'navSettings'
  | 'filter'
  | 'filterAll'
  | 'filterUnread'
  | 'markAllRead'
  | 'markedAllRead'
  | 'markRead'
  | 'markedRead'
  | 'open'
  | 'unreadMark'
  | 'emptyAll'
  | 'emptyUnread'
  | 'unreadCount'
  | 'preferencesTitle'
  | 'preferencesHint'
  | 'noticeType'
  | 'channelInApp'
  | 'channelEmail'
  | 'channelTelegram'
  | 'channelFor'
  | 'savePreferences'
  | 'preferencesSaved'
  | 'preferencesUnchanged'
  | 'telegramTitle'
  | 'telegramHint'
  | 'telegramGetCode'
  | 'telegramNewCode'
  | 'telegramCodeReady'
  | 'telegramCodeLabel'
  | 'telegramExpires'
  | 'telegramSendToBot'
  | 'telegramOpenBot'
  | 'telegramSendAny'
  | 'telegramUnlink'
  | 'telegramUnlinked'
  | `type.${StaffNoticeType}`;

export const NOTIFICATION_MESSAGES: Catalogue<NotificationKey> = {
  ru: {
    feedTitle: 'Уведомления',
    settingsTitle: 'Настройки уведомлений',
    areaNavigation: 'Уведомления: разделы',
    navFeed: 'Лента',
    navSettings: 'Настройки',
    filter: 'Показывать',
    filterAll: 'Все',
    filterUnread: 'Непрочитанные',
    markAllRead: 'Прочитать все',
    markedAllRead: 'Все уведомления отмечены прочитанными.',
    markRead: 'Прочитано',
    markedRead: 'Уведомление отмечено прочитанным.',
    open: 'Открыть',
    unreadMark: 'Новое',
    emptyAll: 'Уведомлений пока нет.',
    emptyUnread: 'Непрочитанных уведомлений нет.',
    unreadCount: 'Непрочитанных уведомлений: {count}',
    preferencesTitle: 'Каналы по типам событий',
    preferencesHint: 'Отметьте, куда присылать уведомления каждого типа. Сохраняются все строки сразу.',
    noticeType: 'Событие',
    channelInApp: 'В консоли',
    channelEmail: 'Эл. почта',
    channelTelegram: 'Telegram',
    channelFor: '{type}: {channel}',
    savePreferences: 'Сохранить настройки',
    preferencesSaved: 'Настройки уведомлений сохранены.',
    preferencesUnchanged: 'Изменений нет.',
    telegramTitle: 'Telegram',
    telegramHint:
      'Чтобы получать уведомления в Telegram, получите одноразовый код и отправьте его боту редакции в личном чате.',
    telegramGetCode: 'Получить код',
    telegramNewCode: 'Получить новый код',
    telegramCodeReady: 'Код для Telegram готов.',
    telegramCodeLabel: 'Одноразовый код',
    telegramExpires: 'Действует до',
    telegramSendToBot: 'Отправьте боту {bot} сообщение:',
    telegramOpenBot: 'Открыть чат с {bot}',
    telegramSendAny: 'Отправьте боту редакции этот код сообщением или командой:',
    telegramUnlink: 'Отвязать Telegram',
    telegramUnlinked: 'Telegram отвязан: уведомления туда больше не придут.',
    'type.comment.held': 'Комментарий ждёт проверки',
    'type.comment.flagged': 'На комментарий пожаловались',
    'type.submission.received': 'Новое сообщение в «Народный репортер»',
    'type.submission.message_received': 'Ответ автора сообщения',
    'type.poll.closed': 'Опрос закрыт',
  },
  en: {
    feedTitle: 'Notifications',
    settingsTitle: 'Notification settings',
    areaNavigation: 'Notifications: sections',
    navFeed: 'Feed',
    navSettings: 'Settings',
    filter: 'Show',
    filterAll: 'All',
    filterUnread: 'Unread',
    markAllRead: 'Mark all read',
    markedAllRead: 'Every notification is marked read.',
    markRead: 'Mark read',
    markedRead: 'The notification is marked read.',
    open: 'Open',
    unreadMark: 'New',
    emptyAll: 'No notifications yet.',
    emptyUnread: 'No unread notifications.',
    unreadCount: 'Unread notifications: {count}',
    preferencesTitle: 'Channels per kind of event',
    preferencesHint: 'Tick where each kind of notification should reach you. All rows are saved at once.',
    noticeType: 'Event',
    channelInApp: 'In the console',
    channelEmail: 'Email',
    channelTelegram: 'Telegram',
    channelFor: '{type}: {channel}',
    savePreferences: 'Save settings',
    preferencesSaved: 'Notification settings saved.',
    preferencesUnchanged: 'Nothing changed.',
    telegramTitle: 'Telegram',
    telegramHint:
      "To get notifications in Telegram, get a one-time code and send it to the newsroom's bot in a private chat.",
    telegramGetCode: 'Get a code',
    telegramNewCode: 'Get a new code',
    telegramCodeReady: 'Your Telegram code is ready.',
    telegramCodeLabel: 'One-time code',
    telegramExpires: 'Valid until',
    telegramSendToBot: 'Send {bot} this message:',
    telegramOpenBot: 'Open the chat with {bot}',
    telegramSendAny: "Send this code to the newsroom's bot, as a message or as a command:",
    telegramUnlink: 'Unlink Telegram',
    telegramUnlinked: 'Telegram is unlinked: no more notifications will go there.',
    'type.comment.held': 'A comment awaits review',
    'type.comment.flagged': 'A comment was flagged',
    'type.submission.received': 'A new reader report',
    'type.submission.message_received': "A reader report's author answered",
    'type.poll.closed': 'A poll closed',
  },
};
