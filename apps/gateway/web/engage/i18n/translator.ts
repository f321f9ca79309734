import { MESSAGES, type Locale, type MessageKey } from './messages';

export interface Translator {
  (key: MessageKey, values?: Record<string, string | number>): string;
  date(iso: string): string;
  number(n: number): string;
}

/** The widget's own data-locale wins over the script tag's; anything but English is Russian. */
export function localeOf(host: HTMLElement, scriptLocale: string | undefined): Locale {
  const wanted = (host.dataset.locale || scriptLocale || 'ru').toLowerCase().slice(0, 2);
  return wanted === 'en' ? 'en' : 'ru';
}

export function translator(locale: Locale): Translator {
  const texts = MESSAGES[locale];
  const tag = locale === 'en' ? 'en-GB' : 'ru-RU';
  const dates = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric' });
  const t = ((key, values) =>
    texts[key].replace(/\{(\w+)\}/g, (_, name: string) =>
      values && name in values ? String(values[name]) : '',
    )) as Translator;
  t.date = (iso) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? '' : dates.format(at);
  };
  t.number = (n) => Number(n).toLocaleString(tag);
  return t;
}
