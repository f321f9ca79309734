import { useConsole } from '../console-context';

const FORMATS = new Map<string, Intl.DateTimeFormat>();

function formatOf(locale: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withTime}`;
  let format = FORMATS.get(key);
  if (!format) {
    // No timeZone option: dates show in the time zone of the person reading them.
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    });
    FORMATS.set(key, format);
  }
  return format;
}

/** A moment from the API, in the reader's time zone and the console's language; the ISO form stays machine-readable. */
export function DateTime({ iso, date = false }: { iso: string | null | undefined; date?: boolean }) {
  const { locale } = useConsole();
  if (!iso) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  return <time dateTime={at.toISOString()}>{formatOf(locale, !date).format(at)}</time>;
}
