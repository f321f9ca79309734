import type { Catalogue } from '@web/shared/i18n/translator';
import type { Role } from '@app/contracts/identity/roles';
import type { DeliveryStatus } from '@app/contracts/notifications/notification.model';
import type { WebhookEventType } from './admin-api';

type AdminKey =
  | 'areaNavigation'
  | 'navStaff'
  | 'navWebhooks'
  | 'navDeliveries'
  | 'navDeadLetters'
  | 'staffTitle'
  | 'staffList'
  | 'email'
  | 'roles'
  | 'language'
  | 'actions'
  | 'you'
  | 'editRoles'
  | 'saveRoles'
  | 'cancel'
  | 'rolesOf'
  | 'rolesSaved'
  | 'delete'
  | 'confirmDelete'
  | 'staffDeleted'
  | 'newStaff'
  | 'password'
  | 'passwordHint'
  | 'create'
  | 'staffCreated'
  | 'pickRole'
  | 'localeRu'
  | 'localeEn'
  | 'webhooksTitle'
  | 'webhookList'
  | 'noWebhooks'
  | 'url'
  | 'events'
  | 'state'
  | 'created'
  | 'enabled'
  | 'disabled'
  | 'failingSince'
  | 'newWebhook'
  | 'urlHint'
  | 'secret'
  | 'secretHint'
  | 'webhookCreated'
  | 'webhookDeleted'
  | 'pickEvent'
  | 'secretOnce'
  | 'secretOnceHint'
  | 'secretSaved'
  | 'deliveriesTitle'
  | 'status'
  | 'statusAll'
  | 'event'
  | 'channel'
  | 'recipient'
  | 'attempts'
  | 'attemptsCount'
  | 'noAttempts'
  | 'nextAttempt'
  | 'retry'
  | 'retried'
  | 'noDeliveries'
  | 'deadLettersTitle'
  | 'service'
  | 'consumer'
  | 'error'
  | 'failedAt'
  | 'deliveryCount'
  | 'notAnEvent'
  | 'redrive'
  | 'redriven'
  | 'redrivenAlready'
  | 'noDeadLetters'
  | `role.${Role}`
  | `status.${DeliveryStatus}`
  | `event.${WebhookEventType}`;

export const ADMIN_MESSAGES: Catalogue<AdminKey> = {
  ru: {
    areaNavigation: 'Администрирование: разделы',
    navStaff: 'Сотрудники',
    navWebhooks: 'Вебхуки',
    navDeliveries: 'Доставки',
    navDeadLetters: 'Необработанные события',
    staffTitle: 'Сотрудники',
    staffList: 'Учётные записи сотрудников',
    email: 'Эл. почта',
    roles: 'Роли',
    language: 'Язык уведомлений',
    actions: 'Действия',
    you: '(это вы)',
    editRoles: 'Изменить роли',
    saveRoles: 'Сохранить роли',
    cancel: 'Отмена',
    rolesOf: 'Роли: {email}',
    rolesSaved: 'Роли сотрудника {email} изменены.',
    delete: 'Удалить',
    confirmDelete: 'Да, удалить',
    staffDeleted: 'Учётная запись {email} удалена.',
    newStaff: 'Новый сотрудник',
    password: 'Пароль',
    passwordHint: 'Не короче 12 символов. Передайте его сотруднику лично.',
    create: 'Создать',
    staffCreated: 'Учётная запись {email} создана.',
    pickRole: 'Выберите хотя бы одну роль.',
    localeRu: 'Русский',
    localeEn: 'English',
    webhooksTitle: 'Вебхуки',
    webhookList: 'Адреса вебхуков',
    noWebhooks: 'Вебхуков пока нет.',
    url: 'Адрес (URL)',
    events: 'События',
    state: 'Состояние',
    created: 'Создан',
    enabled: 'Работает',
    disabled: 'Отключён',
    failingSince: 'Ошибки с',
    newWebhook: 'Новый вебхук',
    urlHint: 'http или https; адреса внутренних сетей сервер не примет.',
    secret: 'Секрет подписи (необязательно)',
    secretHint: 'whsec_ и base64. Если оставить пустым, сервер создаст секрет сам.',
    webhookCreated: 'Вебхук добавлен.',
    webhookDeleted: 'Вебхук {url} удалён.',
    pickEvent: 'Выберите хотя бы одно событие.',
    secretOnce: 'Секрет подписи нового вебхука',
    secretOnceHint: 'Он показан один раз: сохраните его сейчас, потом увидеть его будет нельзя.',
    secretSaved: 'Я сохранил секрет',
    deliveriesTitle: 'Доставки',
    status: 'Состояние',
    statusAll: 'Все',
    event: 'Событие',
    channel: 'Канал',
    recipient: 'Получатель',
    attempts: 'Попытки',
    attemptsCount: 'Попыток: {count}',
    noAttempts: 'Попыток ещё не было.',
    nextAttempt: 'Следующая попытка',
    retry: 'Отправить снова',
    retried: 'Доставка снова в очереди.',
    noDeliveries: 'Доставок нет.',
    deadLettersTitle: 'Необработанные события',
    service: 'Сервис',
    consumer: 'Обработчик',
    error: 'Ошибка',
    failedAt: 'Когда',
    deliveryCount: 'Попыток',
    notAnEvent: 'не событие',
    redrive: 'Обработать снова',
    redriven: 'Событие обработано.',
    redrivenAlready: 'Событие уже было обработано; запись удалена.',
    noDeadLetters: 'Необработанных событий нет.',
    'role.moderator': 'Модератор',
    'role.editor': 'Редактор',
    'role.admin': 'Администратор',
    'status.pending': 'В очереди',
    'status.sent': 'Доставлено',
    'status.failed': 'Не доставлено',
    'status.cancelled': 'Отменено',
    'event.comment.published': 'Комментарий опубликован',
    'event.comment.held': 'Комментарий на проверке',
    'event.comment.flagged': 'Жалоба на комментарий',
    'event.comment.decided': 'Решение по комментарию',
    'event.poll.closed': 'Опрос закрыт',
    'event.submission.received': 'Новое сообщение читателя',
    'event.submission.status_changed': 'Статус сообщения изменён',
    'event.submission.message_received': 'Ответ автора сообщения',
  },
  en: {
    areaNavigation: 'Administration: sections',
    navStaff: 'Staff',
    navWebhooks: 'Webhooks',
    navDeliveries: 'Deliveries',
    navDeadLetters: 'Unhandled events',
    staffTitle: 'Staff',
    staffList: 'Staff accounts',
    email: 'Email',
    roles: 'Roles',
    language: 'Notification language',
    actions: 'Actions',
    you: '(you)',
    editRoles: 'Change roles',
    saveRoles: 'Save roles',
    cancel: 'Cancel',
    rolesOf: 'Roles: {email}',
    rolesSaved: 'The roles of {email} changed.',
    delete: 'Delete',
    confirmDelete: 'Yes, delete',
    staffDeleted: 'The account {email} is deleted.',
    newStaff: 'New staff member',
    password: 'Password',
    passwordHint: 'At least 12 characters. Hand it over in person.',
    create: 'Create',
    staffCreated: 'The account {email} is created.',
    pickRole: 'Pick at least one role.',
    localeRu: 'Русский',
    localeEn: 'English',
    webhooksTitle: 'Webhooks',
    webhookList: 'Webhook endpoints',
    noWebhooks: 'No webhooks yet.',
    url: 'Address (URL)',
    events: 'Events',
    state: 'State',
    created: 'Created',
    enabled: 'Working',
    disabled: 'Disabled',
    failingSince: 'Failing since',
    newWebhook: 'New webhook',
    urlHint: 'http or https; the server refuses addresses of internal networks.',
    secret: 'Signing secret (optional)',
    secretHint: 'whsec_ and base64. Left empty, the server makes one up.',
    webhookCreated: 'The webhook is added.',
    webhookDeleted: 'The webhook {url} is deleted.',
    pickEvent: 'Pick at least one event.',
    secretOnce: "The new webhook's signing secret",
    secretOnceHint: 'It is shown this once: keep it now, it cannot be seen again.',
    secretSaved: 'I have kept the secret',
    deliveriesTitle: 'Deliveries',
    status: 'Status',
    statusAll: 'All',
    event: 'Event',
    channel: 'Channel',
    recipient: 'Recipient',
    attempts: 'Attempts',
    attemptsCount: 'Attempts: {count}',
    noAttempts: 'No attempt yet.',
    nextAttempt: 'Next attempt',
    retry: 'Send again',
    retried: 'The delivery is queued again.',
    noDeliveries: 'No deliveries.',
    deadLettersTitle: 'Unhandled events',
    service: 'Service',
    consumer: 'Consumer',
    error: 'Error',
    failedAt: 'When',
    deliveryCount: 'Attempts',
    notAnEvent: 'not an event',
    redrive: 'Handle again',
    redriven: 'The event is handled.',
    redrivenAlready: 'The event had been handled already; the entry is gone.',
    noDeadLetters: 'No unhandled events.',
    'role.moderator': 'Moderator',
    'role.editor': 'Editor',
    'role.admin': 'Admin',
    'status.pending': 'Queued',
    'status.sent': 'Delivered',
    'status.failed': 'Failed',
    'status.cancelled': 'Cancelled',
    'event.comment.published': 'Comment published',
    'event.comment.held': 'Comment held for review',
    'event.comment.flagged': 'Comment flagged',
    'event.comment.decided': 'Comment decided',
    'event.poll.closed': 'Poll closed',
    'event.submission.received': 'Reader report received',
    'event.submission.status_changed': 'Reader report status changed',
    'event.submission.message_received': "Reader report's author answered",
  },
};
