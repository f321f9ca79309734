import { escapeHtml } from '@app/contracts';

export const UNSUBSCRIBE_PATH = '/api/v1/unsubscribe';

export type PageLanguage = 'ru' | 'en';

const TEXTS = {
  ru: {
    title: 'Отписка от уведомлений',
    question: 'Больше не присылать вам письма об ответах на комментарии?',
    button: 'Отписаться',
    done: 'Готово: писем об ответах больше не будет.',
  },
  en: {
    title: 'Unsubscribe',
    question: 'Stop emailing you about replies to your comments?',
    button: 'Unsubscribe',
    done: 'Done: you will get no more emails about replies.',
  },
} as const;

function page(language: PageLanguage, body: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TEXTS[language].title}</title></head>
<body><main><h1>${TEXTS[language].title}</h1>
${body}
</main></body></html>
`;
}

/** The confirmation page an unsubscribe link opens: nothing changes until the button is pressed. */
export function confirmationPage(language: PageLanguage, token: string): string {
  const action = `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`;
  return page(
    language,
    `<p>${TEXTS[language].question}</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">${TEXTS[language].button}</button>
</form>`,
  );
}

export function unsubscribedPage(language: PageLanguage): string {
  return page(language, `<p role="status">${TEXTS[language].done}</p>`);
}
