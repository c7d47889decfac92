// The report's words exist in bokmål, nynorsk and English alike: every key, no empty text, the same placeholders.
import { describe, expect, it } from 'vitest';
import { reportText, reportTexts } from './report-texts.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('report texts', () => {
  const keys = Object.keys(reportTexts.en);

  it('has every key in all three languages, and no key only in one', () => {
    for (const lang of ['nb', 'nn'] as const) {
      expect(Object.keys(reportTexts[lang]).sort(), lang).toEqual([...keys].sort());
    }
    expect(keys.length).toBeGreaterThan(50);
  });

  it('has no empty text and the same placeholders in every language', () => {
    for (const key of keys) {
      const en = reportTexts.en[key as keyof typeof reportTexts.en];
      for (const lang of ['nb', 'nn', 'en'] as const) {
        const text = reportTexts[lang][key as keyof typeof reportTexts.en];
        expect(text.trim(), `${lang}.${key}`).not.toBe('');
        expect(placeholders(text), `${lang}.${key}`).toEqual(placeholders(en));
      }
    }
  });

  it('fills placeholders and leaves unknown ones as they are', () => {
    expect(reportText('nn', 'explain_below_k', { k: 5 })).toBe('Færre enn 5 (kan hende ingen).');
    expect(reportText('en', 'restMembers', { rest: 'Other units together' })).toBe('Other units together: {members}.');
  });
});
