import type { Catalogue } from '@web/shared/i18n/translator';

type SubmissionKey =
  | 'deskTitle'
  | 'filters'
  | 'filterStatus'
  | 'filterCategory'
  | 'filterAssignee'
  | 'filterSearch'
  | 'any'
  | 'assigneeMe'
  | 'assigneeNone'
  | 'apply'
  | 'clear'
  | 'listCaption'
  | 'columnTitle'
  | 'columnStatus'
  | 'columnCategory'
  | 'columnAssignee'
  | 'columnReceived'
  | 'columnFiles'
  | 'nothingFound'
  | 'nobody'
  | 'noCategory'
  | 'statusReceived'
  | 'statusInReview'
  | 'statusNeedsInfo'
  | 'statusAccepted'
  | 'statusPublished'
  | 'statusRejected'
  | 'statusSpam'
  | 'categoryIncident'
  | 'categoryCity'
  | 'categoryTransport'
  | 'categoryHousing'
  | 'categoryEnvironment'
  | 'categorySociety'
  | 'categoryPolitics'
  | 'categoryBusiness'
  | 'categoryCulture'
  | 'categorySport'
  | 'categoryOther'
  | 'backToList'
  | 'refresh'
  | 'refreshed'
  | 'summary'
  | 'status'
  | 'category'
  | 'assignee'
  | 'received'
  | 'updated'
  | 'language'
  | 'text'
  | 'contact'
  | 'contactName'
  | 'contactEmail'
  | 'contactPhone'
  | 'contactLocation'
  | 'notGiven'
  | 'attachments'
  | 'noAttachments'
  | 'fileSize'
  | 'preview'
  | 'hidePreview'
  | 'download'
  | 'downloaded'
  | 'previewOf'
  | 'previewShown'
  | 'metadataKept'
  | 'thread'
  | 'noMessages'
  | 'fromNewsroom'
  | 'fromSubmitter'
  | 'messageToSubmitter'
  | 'messageHint'
  | 'ask'
  | 'asked'
  | 'threadClosed'
  | 'transitions'
  | 'transitionsHint'
  | 'finalStatus'
  | 'moveToInReview'
  | 'moveBackToReview'
  | 'moveToAccepted'
  | 'moveToPublished'
  | 'moveToRejected'
  | 'moveToSpam'
  | 'moved'
  | 'assignment'
  | 'assignTo'
  | 'assignToMe'
  | 'assign'
  | 'assigned'
  | 'unassigned'
  | 'me'
  | 'notes'
  | 'notesHint'
  | 'noNotes'
  | 'newNote'
  | 'addNote'
  | 'noteAdded'
  | 'history'
  | 'noHistory'
  | 'historyStep'
  | 'stale'
  | 'byWhom';

export const SUBMISSION_MESSAGES: Catalogue<SubmissionKey> = {
  ru: {
    deskTitle: 'Народный репортер',
    filters: 'Отбор сообщений',
    filterStatus: 'Статус',
    filterCategory: 'Рубрика',
    filterAssignee: 'Ответственный',
    filterSearch: 'Слова в заголовке или тексте',
    any: 'Все',
    assigneeMe: 'Мои',
    assigneeNone: 'Без ответственного',
    apply: 'Показать',
    clear: 'Сбросить',
    listCaption: 'Сообщения читателей, сначала новые',
    columnTitle: 'Заголовок',
    columnStatus: 'Статус',
    columnCategory: 'Рубрика',
    columnAssignee: 'Ответственный',
    columnReceived: 'Получено',
    columnFiles: 'Файлы',
    nothingFound: 'Под этот отбор сообщений нет.',
    nobody: 'никто',
    noCategory: 'без рубрики',
    statusReceived: 'Получено',
    statusInReview: 'На проверке',
    statusNeedsInfo: 'Ждём ответа автора',
    statusAccepted: 'Принято',
    statusPublished: 'Опубликовано',
    statusRejected: 'Отклонено',
    statusSpam: 'Спам',
    categoryIncident: 'Происшествия',
    categoryCity: 'Город',
    categoryTransport: 'Транспорт',
    categoryHousing: 'ЖКХ',
    categoryEnvironment: 'Экология',
    categorySociety: 'Общество',
    categoryPolitics: 'Политика',
    categoryBusiness: 'Экономика',
    categoryCulture: 'Культура',
    categorySport: 'Спорт',
    categoryOther: 'Другое',
    backToList: '← Ко всем сообщениям',
    refresh: 'Обновить',
    refreshed: 'Показана свежая версия сообщения.',
    summary: 'Сводка',
    status: 'Статус',
    category: 'Рубрика',
    assignee: 'Ответственный',
    received: 'Получено',
    updated: 'Изменено',
    language: 'Язык ответов автору',
    text: 'Текст сообщения',
    contact: 'Контакты автора',
    contactName: 'Имя',
    contactEmail: 'Эл. почта',
    contactPhone: 'Телефон',
    contactLocation: 'Место',
    notGiven: 'не указано',
    attachments: 'Файлы',
    noAttachments: 'Автор не приложил файлов.',
    fileSize: '{size} КБ',
    preview: 'Просмотреть',
    hidePreview: 'Скрыть просмотр',
    download: 'Скачать',
    downloaded: 'Файл «{name}» скачан.',
    previewOf: 'Изображение из сообщения: {name}',
    previewShown: 'Показан файл «{name}».',
    metadataKept: 'Метаданные этого файла удалить не удалось: открывайте с осторожностью.',
    thread: 'Переписка с автором',
    noMessages: 'Переписки пока нет.',
    fromNewsroom: 'Редакция',
    fromSubmitter: 'Автор',
    messageToSubmitter: 'Сообщение автору',
    messageHint:
      'Автор увидит его по коду отслеживания. Оно уходит вместе со сменой статуса: кнопкой «Задать вопрос» или любой кнопкой статуса ниже.',
    ask: 'Задать вопрос',
    asked: 'Вопрос отправлен автору.',
    threadClosed: 'Статус окончательный: автору больше не пишут.',
    transitions: 'Статус',
    transitionsHint: 'Доступны только переходы, которые разрешены из текущего статуса.',
    finalStatus: 'Статус окончательный, дальше сообщение не движется.',
    moveToInReview: 'Взять на проверку',
    moveBackToReview: 'Вернуть на проверку',
    moveToAccepted: 'Принять',
    moveToPublished: 'Отметить как опубликованное',
    moveToRejected: 'Отклонить',
    moveToSpam: 'Это спам',
    moved: 'Статус изменён: {status}.',
    assignment: 'Ответственный',
    assignTo: 'Назначить',
    assignToMe: 'Взять себе',
    assign: 'Назначить',
    assigned: 'Ответственный: {name}.',
    unassigned: 'Ответственный снят.',
    me: 'я',
    notes: 'Внутренние заметки',
    notesHint: 'Видны только редакции.',
    noNotes: 'Заметок нет.',
    newNote: 'Новая заметка',
    addNote: 'Добавить заметку',
    noteAdded: 'Заметка добавлена.',
    history: 'История',
    noHistory: 'Статус ещё не менялся.',
    historyStep: '{from} → {to}',
    stale:
      'Пока вы смотрели, сообщение изменил кто-то другой. Показана свежая версия: проверьте её и повторите действие.',
    byWhom: 'кто: {name}',
  },
  en: {
    deskTitle: 'Reader reports',
    filters: 'Filter reports',
    filterStatus: 'Status',
    filterCategory: 'Category',
    filterAssignee: 'Assignee',
    filterSearch: 'Words in the title or text',
    any: 'All',
    assigneeMe: 'Mine',
    assigneeNone: 'Unassigned',
    apply: 'Show',
    clear: 'Clear',
    listCaption: 'Reports from readers, newest first',
    columnTitle: 'Title',
    columnStatus: 'Status',
    columnCategory: 'Category',
    columnAssignee: 'Assignee',
    columnReceived: 'Received',
    columnFiles: 'Files',
    nothingFound: 'No reports match this filter.',
    nobody: 'nobody',
    noCategory: 'no category',
    statusReceived: 'Received',
    statusInReview: 'In review',
    statusNeedsInfo: 'Waiting for the sender',
    statusAccepted: 'Accepted',
    statusPublished: 'Published',
    statusRejected: 'Rejected',
    statusSpam: 'Spam',
    categoryIncident: 'Incidents',
    categoryCity: 'City',
    categoryTransport: 'Transport',
    categoryHousing: 'Housing',
    categoryEnvironment: 'Environment',
    categorySociety: 'Society',
    categoryPolitics: 'Politics',
    categoryBusiness: 'Business',
    categoryCulture: 'Culture',
    categorySport: 'Sport',
    categoryOther: 'Other',
    backToList: '← All reports',
    refresh: 'Refresh',
    refreshed: 'Showing the latest version of the report.',
    summary: 'Summary',
    status: 'Status',
    category: 'Category',
    assignee: 'Assignee',
    received: 'Received',
    updated: 'Changed',
    language: 'Language of answers to the sender',
    text: 'Text of the report',
    contact: "Sender's contact",
    contactName: 'Name',
    contactEmail: 'Email',
    contactPhone: 'Phone',
    contactLocation: 'Place',
    notGiven: 'not given',
    attachments: 'Files',
    noAttachments: 'The sender attached no files.',
    fileSize: '{size} KB',
    preview: 'Preview',
    hidePreview: 'Hide preview',
    download: 'Download',
    downloaded: 'File “{name}” downloaded.',
    previewOf: 'Image from the report: {name}',
    previewShown: 'Showing “{name}”.',
    metadataKept: 'The metadata of this file could not be removed: open it with care.',
    thread: 'Conversation with the sender',
    noMessages: 'No messages yet.',
    fromNewsroom: 'Newsroom',
    fromSubmitter: 'Sender',
    messageToSubmitter: 'Message to the sender',
    messageHint:
      'The sender reads it with the tracking code. It goes with a change of status: the “Ask a question” button or any status button below.',
    ask: 'Ask a question',
    asked: 'The question was sent to the sender.',
    threadClosed: 'The status is final: no more messages to the sender.',
    transitions: 'Status',
    transitionsHint: 'Only the moves the current status allows are offered.',
    finalStatus: 'The status is final; the report moves no further.',
    moveToInReview: 'Start review',
    moveBackToReview: 'Back to review',
    moveToAccepted: 'Accept',
    moveToPublished: 'Mark as published',
    moveToRejected: 'Reject',
    moveToSpam: 'Mark as spam',
    moved: 'Status changed: {status}.',
    assignment: 'Assignee',
    assignTo: 'Assign to',
    assignToMe: 'Take it',
    assign: 'Assign',
    assigned: 'Assignee: {name}.',
    unassigned: 'Nobody is assigned now.',
    me: 'me',
    notes: 'Internal notes',
    notesHint: 'Only the newsroom sees them.',
    noNotes: 'No notes.',
    newNote: 'New note',
    addNote: 'Add note',
    noteAdded: 'Note added.',
    history: 'History',
    noHistory: 'The status has not changed yet.',
    historyStep: '{from} → {to}',
    stale:
      'Someone else changed the report while you were looking. The latest version is shown: check it and try again.',
    byWhom: 'by {name}',
  },
};
