/** The languages problem documents are written in; English when the client states no preference. */
export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

type Texts = Record<Language, string>;

/**
 * The `detail` of every problem the gateway and the services behind it produce, by problem `code`.
 * `{errorId}` is filled in. A code missing here falls back to its status's text (STATUS_MESSAGES), so a
 * service's new code is still answered in the client's language, if less precisely.
 */
export const PROBLEM_MESSAGES: Readonly<Record<string, Texts>> = {
  validation_failed: {
    en: 'The request is not valid.',
    ru: 'Запрос заполнен с ошибками.',
  },
  not_found: { en: 'There is nothing at this address.', ru: 'Здесь ничего нет.' },
  unauthorized: {
    en: 'Credentials are missing or not valid.',
    ru: 'Нужен вход: данные для входа не переданы или недействительны.',
  },
  forbidden: { en: 'Your role does not allow this.', ru: 'Ваша роль не позволяет это сделать.' },
  rate_limited: {
    en: 'Too many requests. Try again later.',
    ru: 'Слишком много запросов. Попробуйте позже.',
  },
  service_unavailable: {
    en: 'A service is not answering. Try again shortly.',
    ru: 'Сервис не отвечает. Попробуйте чуть позже.',
  },
  internal_error: {
    en: 'Unexpected error (id {errorId}).',
    ru: 'Непредвиденная ошибка (код {errorId}).',
  },
  poll_not_found: { en: 'The poll was not found.', ru: 'Опрос не найден.' },
  poll_not_open: {
    en: 'The poll is not open for voting.',
    ru: 'Голосование в этом опросе сейчас не идёт.',
  },
  already_voted: {
    en: 'You have already voted in this poll.',
    ru: 'Вы уже проголосовали в этом опросе.',
  },
  poll_already_closed: { en: 'The poll is already closed.', ru: 'Опрос уже закрыт.' },
  options_locked: {
    en: 'Options cannot be removed once the poll has votes.',
    ru: 'Варианты ответа нельзя удалять, когда в опросе уже есть голоса.',
  },
  comment_not_found: { en: 'The comment was not found.', ru: 'Комментарий не найден.' },
  comment_parent_invalid: {
    en: 'The comment you are answering is not available.',
    ru: 'Комментарий, на который вы отвечаете, недоступен.',
  },
  comments_closed: {
    en: 'Comments on this article are closed.',
    ru: 'Комментарии к этой статье закрыты.',
  },
  comment_author_banned: {
    en: 'You may not comment at the moment.',
    ru: 'Сейчас вы не можете оставлять комментарии.',
  },
  comment_banned_word: {
    en: 'The comment contains words that are not allowed.',
    ru: 'В комментарии есть недопустимые слова.',
  },
  comment_duplicate: {
    en: 'You have already posted this comment.',
    ru: 'Вы уже отправили такой комментарий.',
  },
  comment_edit_window_closed: {
    en: 'The time to edit this comment has passed.',
    ru: 'Время на правку этого комментария истекло.',
  },
  comment_not_available: {
    en: 'This comment can no longer be changed.',
    ru: 'Этот комментарий больше нельзя изменить.',
  },
  comment_not_yours: {
    en: 'Only the author may do this to the comment.',
    ru: 'Это может сделать только автор комментария.',
  },
  comment_already_flagged: {
    en: 'You have already flagged this comment.',
    ru: 'Вы уже пожаловались на этот комментарий.',
  },
  comment_author_name_required: { en: 'Please give your name.', ru: 'Укажите, пожалуйста, имя.' },
  reader_required: {
    en: 'A reader token or a portal sign-in is needed.',
    ru: 'Нужен токен читателя или вход на портал.',
  },
  reader_not_banned: { en: 'The reader is not banned.', ru: 'Этот читатель не заблокирован.' },
  staff_email_taken: {
    en: 'A staff account with this email exists.',
    ru: 'Сотрудник с такой почтой уже есть.',
  },
  last_admin: {
    en: 'The last admin account cannot be removed.',
    ru: 'Последнего администратора удалить нельзя.',
  },
  last_admin_role: {
    en: 'The last admin cannot lose the admin role.',
    ru: 'Последний администратор не может лишиться этой роли.',
  },
  telegram_not_configured: {
    en: 'Telegram notifications are not set up on this site.',
    ru: 'Уведомления в Telegram на этом сайте не настроены.',
  },
  telegram_recipient_unknown: {
    en: 'Your account is not known to notifications yet. Try again in a moment.',
    ru: 'Сервис уведомлений ещё не знает вашу учётную запись. Повторите через минуту.',
  },
  webhook_url_refused: {
    en: 'The webhook URL is refused: it leads to a loopback, private or otherwise internal address.',
    ru: 'Адрес вебхука не принят: он ведёт во внутреннюю, частную или локальную сеть.',
  },
  webhook_not_found: { en: 'The webhook endpoint was not found.', ru: 'Такого вебхука нет.' },
  webhook_limit_reached: {
    en: 'The site has as many webhook endpoints as it may; delete one first.',
    ru: 'Вебхуков уже столько, сколько разрешено: сначала удалите один.',
  },
  delivery_not_failed: {
    en: 'Only a failed delivery can be retried.',
    ru: 'Повторить можно только недоставленное сообщение.',
  },
  consumer_unknown: {
    en: 'The consumer of this event no longer runs in its service.',
    ru: 'Обработчик этого события больше не работает в сервисе.',
  },
  event_invalid: {
    en: 'The stored event still breaks its contract; it stays, with the reason.',
    ru: 'Сохранённое событие по-прежнему нарушает контракт; оно остаётся, с причиной.',
  },
  redrive_failed: {
    en: 'The handler failed again; the event stays, with the new error.',
    ru: 'Обработчик снова завершился ошибкой; событие остаётся, с новой ошибкой.',
  },
  body_too_large: {
    en: 'The request body is larger than allowed.',
    ru: 'Тело запроса больше допустимого.',
  },
  unsupported_media_type: {
    en: 'This content type is not accepted here; send application/json.',
    ru: 'Такой тип содержимого здесь не принимается; отправьте application/json.',
  },
  unsupported_content_encoding: {
    en: 'Request bodies are accepted only without a Content-Encoding (identity).',
    ru: 'Тело запроса принимается только без сжатия (Content-Encoding: identity).',
  },
  invalid_content_length: {
    en: 'Content-Length does not match the body.',
    ru: 'Content-Length не совпадает с телом запроса.',
  },
  empty_body: {
    en: 'The body is empty but the content type says JSON.',
    ru: 'Тело запроса пустое, хотя указан тип JSON.',
  },
  malformed_json: { en: 'The body is not valid JSON.', ru: 'Тело запроса — не корректный JSON.' },
  bad_request: { en: 'The request is malformed.', ru: 'Запрос составлен неверно.' },
  bad_url: { en: 'The URL is malformed.', ru: 'Адрес запроса составлен неверно.' },
  uri_too_long: {
    en: 'A part of the URL is longer than allowed.',
    ru: 'Часть адреса запроса длиннее допустимого.',
  },
  headers_too_large: {
    en: 'The request headers are larger than allowed.',
    ru: 'Заголовки запроса больше допустимого.',
  },
  request_timeout: {
    en: 'The request took too long to arrive.',
    ru: 'Запрос передавался слишком долго.',
  },
  method_not_allowed: {
    en: 'This method is not allowed here.',
    ru: 'Этот метод здесь не разрешён.',
  },
  multipart_required: {
    en: 'A submission is sent as multipart/form-data.',
    ru: 'Сообщение отправляется как multipart/form-data.',
  },
  malformed_form: {
    en: 'The form is malformed.',
    ru: 'Форма составлена неверно.',
  },
  client_gone: {
    en: 'The client went away before the form was complete.',
    ru: 'Соединение прервалось до конца формы.',
  },
  field_too_large: {
    en: 'A field of the form is longer than allowed.',
    ru: 'Поле формы длиннее допустимого.',
  },
  form_too_large: {
    en: 'The form has more parts than allowed.',
    ru: 'В форме больше частей, чем допустимо.',
  },
  file_too_large: {
    en: 'A file is larger than allowed.',
    ru: 'Файл больше допустимого размера.',
  },
  submission_too_large: {
    en: 'The files together are larger than allowed.',
    ru: 'Файлы вместе больше допустимого размера.',
  },
  too_many_files: {
    en: 'There are more files than allowed.',
    ru: 'Файлов больше, чем допустимо.',
  },
  file_kind_not_allowed: {
    en: 'A file is not a JPEG, PNG, WebP, GIF, MP4 or PDF.',
    ru: 'Файл не является JPEG, PNG, WebP, GIF, MP4 или PDF.',
  },
  file_malformed: {
    en: 'A file is damaged or incomplete.',
    ru: 'Файл повреждён или передан не полностью.',
  },
  submission_refused: { en: 'The submission was refused.', ru: 'Сообщение не принято.' },
  idempotency_key_reused: {
    en: 'This Idempotency-Key was already used for a different submission; use a new key.',
    ru: 'Этот Idempotency-Key уже использован для другого сообщения; возьмите новый.',
  },
  intake_not_found: {
    en: 'The upload was not found; it may have expired. Please send again.',
    ru: 'Загрузка не найдена, возможно, истекло время. Отправьте ещё раз.',
  },
  intake_out_of_sequence: {
    en: 'The upload is out of sequence.',
    ru: 'Части загрузки пришли не по порядку.',
  },
  submission_not_found: { en: 'The submission was not found.', ru: 'Сообщение не найдено.' },
  tracking_code_not_found: {
    en: 'No submission has this tracking code.',
    ru: 'Сообщения с таким кодом отслеживания нет.',
  },
  attachment_not_found: { en: 'The attachment was not found.', ru: 'Вложение не найдено.' },
  submission_transition_not_allowed: {
    en: 'The submission cannot move to this status from its current one.',
    ru: 'Из текущего статуса сообщение нельзя перевести в этот.',
  },
  submission_version_stale: {
    en: 'The submission was changed meanwhile; reload it.',
    ru: 'Сообщение успели изменить; загрузите его заново.',
  },
  submission_message_required: {
    en: 'Moving to needs_info needs a message to the submitter.',
    ru: 'Для статуса needs_info нужен вопрос автору.',
  },
  submission_closed: {
    en: 'This submission no longer takes messages.',
    ru: 'Это сообщение больше не принимает ответы.',
  },
};

/** By status, for codes the catalog does not know. */
export const STATUS_MESSAGES: Readonly<Record<number, Texts>> = {
  400: PROBLEM_MESSAGES.bad_request,
  401: PROBLEM_MESSAGES.unauthorized,
  403: PROBLEM_MESSAGES.forbidden,
  404: PROBLEM_MESSAGES.not_found,
  405: PROBLEM_MESSAGES.method_not_allowed,
  406: {
    en: 'No answer in an acceptable format exists.',
    ru: 'Ответа в приемлемом формате нет.',
  },
  408: PROBLEM_MESSAGES.request_timeout,
  409: {
    en: 'This conflicts with the current state.',
    ru: 'Это противоречит текущему состоянию.',
  },
  411: { en: 'Content-Length is required.', ru: 'Нужен заголовок Content-Length.' },
  413: PROBLEM_MESSAGES.body_too_large,
  414: PROBLEM_MESSAGES.uri_too_long,
  415: PROBLEM_MESSAGES.unsupported_media_type,
  422: {
    en: 'The request is well-formed but a rule refuses it.',
    ru: 'Запрос составлен верно, но правила его не допускают.',
  },
  429: PROBLEM_MESSAGES.rate_limited,
  431: PROBLEM_MESSAGES.headers_too_large,
  500: PROBLEM_MESSAGES.internal_error,
  503: PROBLEM_MESSAGES.service_unavailable,
};

const CLIENT_ERROR: Texts = PROBLEM_MESSAGES.bad_request;
const SERVER_ERROR: Texts = { en: 'The server failed.', ru: 'Ошибка на сервере.' };

/** The text of a problem in `language`, with `{errorId}` filled in. */
export function problemMessage(
  code: string,
  status: number,
  language: Language,
  params: { errorId?: string } = {},
): string {
  const texts =
    PROBLEM_MESSAGES[code] ?? STATUS_MESSAGES[status] ?? (status >= 500 ? SERVER_ERROR : CLIENT_ERROR);
  return texts[language].replace('{errorId}', params.errorId ?? '');
}
