export type Locale = 'ru' | 'en';

/** A widget's texts in every language it speaks. */
export type Catalogue<K extends string> = Record<Locale, Record<K, string>>;

/** The keys every widget's catalogue has, for the failures all widgets share (network, overload). */
export type FailureKey = 'network' | 'unavailable' | 'failed' | 'rateLimited' | 'rateLimitedIn';

export interface Translator<K extends string = string> {
  (key: K, values?: Record<string, string | number>): string;
  readonly locale: Locale;
  date(iso: string): string;
  dateTime(iso: string): string;
  number(n: number): string;
}

/** The widget's own data-locale wins over the script tag's; anything but English is Russian. */
export function localeOf(host: HTMLElement, scriptLocale: string | undefined): Locale {
  const wanted = (host.dataset.locale || scriptLocale || 'ru').toLowerCase().slice(0, 2);
  return wanted === 'en' ? 'en' : 'ru';
}

export function translator<K extends string>(catalogue: Catalogue<K>, locale: Locale): Translator<K> {
  const texts = catalogue[locale];
  const tag = locale === 'en' ? 'en-GB' : 'ru-RU';
  const dates = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric' });
  const times = new Intl.DateTimeFormat(tag, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const format = (formatter: Intl.DateTimeFormat, iso: string) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? '' : formatter.format(at);
  };
  const t = ((key: K, values?: Record<string, string | number>) =>
    texts[key].replace(/\{(\w+)\}/g, (_, name: string) =>
      values && name in values ? String(values[name]) : '',
    )) as Translator<K>;
  Object.assign(t, {
    locale,
    date: (iso: string) => format(dates, iso),
    dateTime: (iso: string) => format(times, iso),
    number: (n: number) => Number(n).toLocaleString(tag),
  });
  return t;
}
