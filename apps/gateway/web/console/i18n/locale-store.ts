import type { Locale } from '@web/shared/i18n/translator';

const STORAGE_KEY = 'engage-console:locale';

/** The console's language: Russian unless the person switched to English (remembered in this browser). */
export function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage blocked: the choice lasts as long as the page
  }
}
