// Server messages: the caller's language, and every message in bokmål, nynorsk and English.
import { describe, expect, it } from 'vitest';
import { languageFromAcceptLanguage, languageOf, messages, translate } from './i18n.js';

describe('languageFromAcceptLanguage', () => {
  it.each([
    ['nn-NO,nn;q=0.9,en;q=0.5', 'nn'],
    ['en-GB,en;q=0.9', 'en'],
    ['no', 'nb'],
    ['nb-NO', 'nb'],
    ['de-DE,de;q=0.9,nn;q=0.8,nb;q=0.7', 'nn'],
    ['en;q=0.5,nn;q=0.9', 'nn'],
    ['de', undefined],
    ['nn;q=0', undefined],
    ['', undefined],
  ])('%s → %s', (header, expected) => {
    expect(languageFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('languageOf', () => {
  it('prefers ?lang, then x-language, then Accept-Language, then bokmål', () => {
    expect(languageOf({ query: { lang: 'en' }, headers: { 'x-language': 'nn', 'accept-language': 'nb' } })).toBe('en');
    expect(languageOf({ query: {}, headers: { 'x-language': 'nn', 'accept-language': 'en' } })).toBe('nn');
    expect(languageOf({ headers: { 'accept-language': 'en-US' } })).toBe('en');
    expect(languageOf({ headers: {} })).toBe('nb');
  });
});

describe('messages', () => {
  it('every message exists in all three languages with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of Object.keys(messages.en) as (keyof typeof messages.en)[]) {
      for (const lang of ['nb', 'nn'] as const) {
        expect(messages[lang][code], `${lang}.${code}`).toBeTruthy();
        expect(placeholders(messages[lang][code]), `${lang}.${code}`).toEqual(placeholders(messages.en[code]));
      }
    }
  });

  it('nynorsk keeps its core forms', () => {
    const nn = Object.values(messages.nn).join(' ');
    expect(nn).not.toMatch(/\b(ikke|jeg|hva|hvordan|hvem|noen|hvor)\b/i);
  });

  it('fills placeholders', () => {
    expect(translate('nn', 'out_of_range', { min: 0, max: 50 })).toBe('Skriv eit tal frå 0 til 50.');
    expect(translate('en', 'rate_limited', { seconds: 30 })).toBe('Too many attempts. Wait 30 seconds and try again.');
  });
});
