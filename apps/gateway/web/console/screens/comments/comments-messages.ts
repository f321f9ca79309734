import type { Catalogue } from '@web/shared/i18n/translator';

type CommentsKey =
  | 'queueTitle'
  | 'queues'
  | 'queuePending'
  | 'queueFlagged'
  | 'queueRejected'
  | 'queueAll'
  | 'countOf'
  | 'settingsLink'
  | 'emptyQueue'
  | 'shortcutsTitle'
  | 'shortcutNext'
  | 'shortcutPrevious'
  | 'shortcutApprove'
  | 'shortcutReject'
  | 'shortcutFeature'
  | 'itemLabel'
  | 'article'
  | 'replyTo'
  | 'author'
  | 'authorErased'
  | 'staffBadge'
  | 'portalBadge'
  | 'guestBadge'
  | 'readerId'
  | 'email'
  | 'written'
  | 'edited'
  | 'body'
  | 'likes'
  | 'holdReasons'
  | 'hold_pre_moderation'
  | 'hold_suspect_word'
  | 'hold_links'
  | 'hold_rate'
  | 'hold_duplicate'
  | 'flagsTitle'
  | 'flag_spam'
  | 'flag_abuse'
  | 'flag_off_topic'
  | 'flag_other'
  | 'decisionsTitle'
  | 'decisionLine'
  | 'decisionBy'
  | 'noReason'
  | 'status_published'
  | 'status_pending'
  | 'status_hidden'
  | 'status_rejected'
  | 'status_deleted'
  | 'featured'
  | 'action_approve'
  | 'action_reject'
  | 'action_feature'
  | 'action_unfeature'
  | 'done_approve'
  | 'done_reject'
  | 'done_feature'
  | 'done_unfeature'
  | 'rejectReason'
  | 'rejectConfirm'
  | 'cancel'
  | 'banAuthor'
  | 'liftBan'
  | 'banTitle'
  | 'banReason'
  | 'banFor'
  | 'banDay'
  | 'banWeek'
  | 'banMonth'
  | 'banUntilDate'
  | 'banForGood'
  | 'banUntil'
  | 'banConfirm'
  | 'bannedUntil'
  | 'bannedForGood'
  | 'banLifted'
  | 'authorBannedUntil'
  | 'authorBannedForGood'
  | 'banReasonShown'
  | 'noReaderId'
  | 'settingsTitle'
  | 'backToQueue'
  | 'siteSettings'
  | 'mode'
  | 'modePre'
  | 'modePost'
  | 'bannedWords'
  | 'suspectWords'
  | 'wordsHint'
  | 'maxLinks'
  | 'editWindowMinutes'
  | 'autoCloseDays'
  | 'autoCloseHint'
  | 'flagThreshold'
  | 'save'
  | 'saved'
  | 'articleSettings'
  | 'articleId'
  | 'openArticle'
  | 'articleClosed'
  | 'articleMode'
  | 'articleModeSite'
  | 'closesAt'
  | 'neverCloses'
  | 'articleSaved';

export const COMMENTS_MESSAGES: Catalogue<CommentsKey> = {
  ru: {
    queueTitle: 'Модерация комментариев',
    queues: 'Очереди',
    queuePending: 'На проверке',
    queueFlagged: 'С жалобами',
    queueRejected: 'Отклонённые',
    queueAll: 'Все',
    countOf: '{queue}: {count}',
    settingsLink: 'Настройки модерации',
    emptyQueue: 'В этой очереди ничего нет.',
    shortcutsTitle: 'Клавиши',
    shortcutNext: 'следующий',
    shortcutPrevious: 'предыдущий',
    shortcutApprove: 'одобрить',
    shortcutReject: 'отклонить (спросит причину)',
    shortcutFeature: 'выделить',
    itemLabel: 'Комментарий {name}',
    article: 'Статья',
    replyTo: 'ответ на другой комментарий',
    author: 'Автор',
    authorErased: 'данные удалены',
    staffBadge: 'редакция',
    portalBadge: 'читатель портала',
    guestBadge: 'гость',
    readerId: 'ID читателя',
    email: 'Почта',
    written: 'Написан',
    edited: 'изменён',
    body: 'Текст',
    likes: 'Нравится: {count}',
    holdReasons: 'Почему задержан',
    hold_pre_moderation: 'премодерация',
    hold_suspect_word: 'подозрительное слово',
    hold_links: 'много ссылок',
    hold_rate: 'слишком часто',
    hold_duplicate: 'повтор',
    flagsTitle: 'Жалобы ({count})',
    flag_spam: 'спам',
    flag_abuse: 'оскорбление',
    flag_off_topic: 'не по теме',
    flag_other: 'другое',
    decisionsTitle: 'Решения',
    decisionLine: '{action}',
    decisionBy: 'модератор {who}',
    noReason: 'без причины',
    status_published: 'опубликован',
    status_pending: 'на проверке',
    status_hidden: 'скрыт по жалобам',
    status_rejected: 'отклонён',
    status_deleted: 'удалён',
    featured: 'выделен',
    action_approve: 'Одобрить',
    action_reject: 'Отклонить',
    action_feature: 'Выделить',
    action_unfeature: 'Снять выделение',
    done_approve: 'Комментарий одобрен.',
    done_reject: 'Комментарий отклонён.',
    done_feature: 'Комментарий выделен.',
    done_unfeature: 'Выделение снято.',
    rejectReason: 'Причина отказа',
    rejectConfirm: 'Отклонить',
    cancel: 'Отмена',
    banAuthor: 'Заблокировать автора',
    liftBan: 'Снять блокировку',
    banTitle: 'Блокировка автора',
    banReason: 'Причина блокировки',
    banFor: 'Срок',
    banDay: 'сутки',
    banWeek: 'неделя',
    banMonth: '30 дней',
    banUntilDate: 'до даты…',
    banForGood: 'навсегда',
    banUntil: 'До',
    banConfirm: 'Заблокировать',
    bannedUntil: 'Автор заблокирован до {until}.',
    bannedForGood: 'Автор заблокирован навсегда.',
    banLifted: 'Блокировка снята.',
    authorBannedUntil: 'Заблокирован до {until}',
    authorBannedForGood: 'Заблокирован навсегда',
    banReasonShown: 'причина: {reason}',
    noReaderId: 'Автор без ID читателя: заблокировать нельзя.',
    settingsTitle: 'Настройки модерации',
    backToQueue: 'К очередям',
    siteSettings: 'Для всего сайта',
    mode: 'Режим',
    modePre: 'премодерация: всё на проверку',
    modePost: 'постмодерация: публиковать сразу',
    bannedWords: 'Запрещённые слова',
    suspectWords: 'Подозрительные слова',
    wordsHint:
      'По одному на строку. Запрещённое слово отклоняет комментарий, подозрительное отправляет на проверку.',
    maxLinks: 'Ссылок в комментарии, больше — на проверку',
    editWindowMinutes: 'Минут на правку после публикации',
    autoCloseDays: 'Закрывать обсуждение через, дней',
    autoCloseHint: '0 — не закрывать',
    flagThreshold: 'Жалоб, чтобы скрыть до решения',
    save: 'Сохранить',
    saved: 'Настройки сохранены.',
    articleSettings: 'Для одной статьи',
    articleId: 'ID статьи',
    openArticle: 'Показать',
    articleClosed: 'Обсуждение закрыто',
    articleMode: 'Режим статьи',
    articleModeSite: 'как на сайте',
    closesAt: 'Закроется само: {at}',
    neverCloses: 'Само не закроется.',
    articleSaved: 'Настройки статьи сохранены.',
  },
  en: {
    queueTitle: 'Comment moderation',
    queues: 'Queues',
    queuePending: 'Pending',
    queueFlagged: 'Flagged',
    queueRejected: 'Rejected',
    queueAll: 'All',
    countOf: '{queue}: {count}',
    settingsLink: 'Moderation settings',
    emptyQueue: 'Nothing in this queue.',
    shortcutsTitle: 'Keys',
    shortcutNext: 'next',
    shortcutPrevious: 'previous',
    shortcutApprove: 'approve',
    shortcutReject: 'reject (asks the reason)',
    shortcutFeature: 'feature',
    itemLabel: 'Comment by {name}',
    article: 'Article',
    replyTo: 'a reply to another comment',
    author: 'Author',
    authorErased: 'erased',
    staffBadge: 'newsroom',
    portalBadge: 'portal reader',
    guestBadge: 'guest',
    readerId: 'Reader id',
    email: 'Email',
    written: 'Written',
    edited: 'edited',
    body: 'Text',
    likes: 'Likes: {count}',
    holdReasons: 'Held because',
    hold_pre_moderation: 'pre-moderation',
    hold_suspect_word: 'suspect word',
    hold_links: 'too many links',
    hold_rate: 'too frequent',
    hold_duplicate: 'duplicate',
    flagsTitle: 'Flags ({count})',
    flag_spam: 'spam',
    flag_abuse: 'abuse',
    flag_off_topic: 'off topic',
    flag_other: 'other',
    decisionsTitle: 'Decisions',
    decisionLine: '{action}',
    decisionBy: 'moderator {who}',
    noReason: 'no reason given',
    status_published: 'published',
    status_pending: 'pending',
    status_hidden: 'hidden by flags',
    status_rejected: 'rejected',
    status_deleted: 'deleted',
    featured: 'featured',
    action_approve: 'Approve',
    action_reject: 'Reject',
    action_feature: 'Feature',
    action_unfeature: 'Unfeature',
    done_approve: 'Comment approved.',
    done_reject: 'Comment rejected.',
    done_feature: 'Comment featured.',
    done_unfeature: 'Comment no longer featured.',
    rejectReason: 'Reason for rejecting',
    rejectConfirm: 'Reject',
    cancel: 'Cancel',
    banAuthor: 'Ban the author',
    liftBan: 'Lift the ban',
    banTitle: 'Ban the author',
    banReason: 'Reason for the ban',
    banFor: 'For',
    banDay: 'a day',
    banWeek: 'a week',
    banMonth: '30 days',
    banUntilDate: 'until a date…',
    banForGood: 'for good',
    banUntil: 'Until',
    banConfirm: 'Ban',
    bannedUntil: 'The author is banned until {until}.',
    bannedForGood: 'The author is banned for good.',
    banLifted: 'The ban is lifted.',
    authorBannedUntil: 'Banned until {until}',
    authorBannedForGood: 'Banned for good',
    banReasonShown: 'reason: {reason}',
    noReaderId: 'The author has no reader id: they cannot be banned.',
    settingsTitle: 'Moderation settings',
    backToQueue: 'Back to the queues',
    siteSettings: 'For the whole site',
    mode: 'Mode',
    modePre: 'pre-moderation: everything is checked first',
    modePost: 'post-moderation: publish at once',
    bannedWords: 'Banned words',
    suspectWords: 'Suspect words',
    wordsHint: 'One per line. A banned word refuses the comment; a suspect word holds it for a moderator.',
    maxLinks: 'Links in a comment before it is held',
    editWindowMinutes: 'Minutes to edit after posting',
    autoCloseDays: 'Close discussions after, days',
    autoCloseHint: '0: never',
    flagThreshold: 'Flags that hide a comment until a decision',
    save: 'Save',
    saved: 'Settings saved.',
    articleSettings: 'For one article',
    articleId: 'Article id',
    openArticle: 'Show',
    articleClosed: 'Discussion closed',
    articleMode: 'Mode of the article',
    articleModeSite: 'as the site',
    closesAt: 'Closes by itself: {at}',
    neverCloses: 'Does not close by itself.',
    articleSaved: 'Article settings saved.',
  },
};
