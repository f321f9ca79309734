/**
 * What the bot answers in the chat. Both languages at once: until the chat is linked the bot does not
 * know whose it is.
 */
export const LINK_REPLIES = {
  linked:
    'Готово: этот чат получает уведомления редакции.\nDone: this chat now receives the newsroom notifications.',
  unknownCode:
    'Код не подошёл или устарел. Получите новый в настройках уведомлений.\nThis code is unknown or has expired. Get a new one in your notification preferences.',
  howTo:
    'Чтобы получать уведомления, отправьте сюда код из настроек уведомлений.\nTo receive notifications, send the code shown in your notification preferences.',
} as const;
