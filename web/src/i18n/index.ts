import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import ar from '../locales/ar.json';
import de from '../locales/de.json';
import en from '../locales/en.json';
import es from '../locales/es.json';
import fr from '../locales/fr.json';
import it from '../locales/it.json';
import pt from '../locales/pt.json';

/** The languages Caja speaks, in the order a switcher lists them. */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself (a switcher shows these, untranslated). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  pt: 'Português',
  it: 'Italiano',
  ar: 'العربية',
};

const RTL: ReadonlySet<Language> = new Set<Language>(['ar']);

export const catalogs: Record<Language, Record<string, unknown>> = { en, de, fr, es, pt, it, ar };

export function isLanguage(x: unknown): x is Language {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);
}

/** The first of the browser's languages Caja speaks ("de-AT" → de), else English. */
export function pickLanguage(preferred: readonly string[] | undefined): Language {
  for (const tag of preferred ?? []) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

export function browserLanguage(): Language {
  if (typeof navigator === 'undefined') return 'en';
  return pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function direction(lang: Language): 'rtl' | 'ltr' {
  return RTL.has(lang) ? 'rtl' : 'ltr';
}

/**
 * The locale Intl formats with: Arabic keeps Western digits, like the join
 * codes and the charts' axes beside them.
 */
export function intlLocale(lang: string = i18next.language): string {
  return lang === 'ar' ? 'ar-u-nu-latn' : lang || 'en';
}

void i18next
  .use(ICU)
  .use(initReactI18next)
  .init({
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: catalogs[l] }])),
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    i18nFormat: { parseLngForICU: (lng: string) => intlLocale(lng) },
  });

/** The active language. */
export function currentLanguage(): Language {
  const l = i18next.language;
  return isLanguage(l) ? l : 'en';
}

/** Switches the app to a language: messages, <html lang> and dir. */
export function applyLanguage(lang: Language): void {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang;
    document.documentElement.dir = direction(lang);
  }
  if (i18next.language !== lang) void i18next.changeLanguage(lang);
}

/** Translates a key of the active language's catalog. */
export function t(key: string, values: Record<string, unknown> = {}): string {
  return (i18next.t as unknown as (k: string, o: Record<string, unknown>) => string)(key, values);
}

export { i18next as i18n };
