/**
 * i18next for the web: nb, nn and en are bundled (no loading), the chosen language is written to
 * <html lang> and sent to the API as accept-language, and numbers and dates go through Intl with the
 * language's locale. Keys are literal in the source (see i18n.test.ts); dynamic ones live in keys.ts.
 */
import i18next from 'i18next';
import { useMemo } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/instrument.js';
import en from './en.json';
import nb from './nb.json';
import nn from './nn.json';

/** The web keeps its own copy of the list so that the bundle does not pull in zod through the contracts. */
export const LANGUAGES: readonly Language[] = ['nb', 'nn', 'en'];
export const LOCALES: Record<Language, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };
/** Each language is named in itself, so that a reader finds their own whatever the page's language. */
export const LANGUAGE_NAMES: Record<Language, string> = { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' };

const STORAGE_KEY = 'digikompass.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'nb' || value === 'nn' || value === 'en';
}

function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function browserLanguage(): Language {
  for (const tag of navigator.languages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('nn')) return 'nn';
    if (lower.startsWith('nb') || lower.startsWith('no')) return 'nb';
    if (lower.startsWith('en')) return 'en';
  }
  return 'nb';
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { nb: { translation: nb }, nn: { translation: nn }, en: { translation: en } },
  lng: storedLanguage() ?? browserLanguage(),
  fallbackLng: 'nb',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnEmptyString: false,
  initAsync: false,
});

document.documentElement.lang = currentLanguage();
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = isLanguage(lng) ? lng : 'nb';
});

export function currentLanguage(): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lng) ? lng : 'nb';
}

let rememberChoices = true;

/** A survey on a shared device turns this off: nothing about one respondent is left for the next. */
export function rememberLanguageChoices(on: boolean): void {
  rememberChoices = on;
}

/** Switch language; the choice is kept for the next visit unless turned off above. */
export function setLanguage(language: Language, remember = rememberChoices): void {
  void i18n.changeLanguage(language);
  try {
    if (remember) localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be full or blocked; the choice still holds for this page.
  }
}

/** The current language and a re-render when it changes. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  const lng = instance.resolvedLanguage ?? instance.language;
  return isLanguage(lng) ? lng : 'nb';
}

export interface Formatters {
  locale: string;
  /** A number with exactly `digits` decimals, in the locale's way (12,5 in Norwegian). */
  number(value: number, digits?: number): string;
  /** A share 0–1 as a whole percentage. */
  percent(share: number): string;
  /** A calendar date (YYYY-MM-DD or an ISO date-time). */
  date(iso: string): string;
  dateTime(iso: string): string;
  time(date: Date): string;
}

export function formatters(language: Language): Formatters {
  const locale = LOCALES[language];
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
  return {
    locale,
    number: (value, digits = 0) =>
      new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
    percent: (share) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share),
    date: (iso) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'long', ...(dateOnly.test(iso) ? { timeZone: 'UTC' } : {}) }).format(new Date(iso)),
    dateTime: (iso) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    time: (date) => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(date),
  };
}

export function useFormat(): Formatters {
  const language = useLanguage();
  return useMemo(() => formatters(language), [language]);
}

/** Pick the current language's text from an instrument or consent text. */
export function useLocalized(): (text: Record<Language, string>) => string {
  const language = useLanguage();
  return (text) => text[language];
}
