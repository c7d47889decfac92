// The survey's browser-side rules on the real questionnaire: visibility, pruning and section errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../contracts/instrument.js';
import { parseInstrumentText } from '../../../domain/instrument-text.js';
import { itemsShown, keptAnswers, parseNumber, sectionIssues, visibility } from './logic.js';

function load(file: string): Instrument {
  const parsed = parseInstrumentText(readFileSync(join(import.meta.dirname, '../../../../instruments', file), 'utf8'), file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.instrument;
}
const full = load('digikompass-1.0.0.yaml');
const training = full.sections.find((s) => s.id === 'training')!;

describe('parseNumber', () => {
  it('reads Norwegian and English ways of writing numbers', () => {
    expect(parseNumber('12')).toBe(12);
    expect(parseNumber(' 12,5 ')).toBe(12.5);
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber('1 200')).toBe(1200);
    expect(parseNumber('1\u00a0200')).toBe(1200);
    expect(parseNumber('\u22123')).toBe(-3);
  });

  it('refuses what is not a number', () => {
    for (const text of ['', 'abc', '12a', '1,2,3', '.5', '5.', '--1']) expect(parseNumber(text)).toBeNull();
  });
});

describe('visibility', () => {
  it('shows a follow-up question only once its condition holds, and drops its answer when it is hidden again', () => {
    const before = visibility(full, {}, false);
    expect(itemsShown(training, before, false).map((i) => i.id)).not.toContain('dk:train_hours');

    const answers = { 'dk:train_formats': ['elearning'], 'dk:train_hours': 12 };
    const after = visibility(full, answers, false);
    expect(itemsShown(training, after, false).map((i) => i.id)).toContain('dk:train_hours');
    expect(keptAnswers(full, answers)).toMatchObject({ 'dk:train_hours': 12 });

    const none = { 'dk:train_formats': ['none'], 'dk:train_hours': 12 };
    expect(keptAnswers(full, none)).not.toHaveProperty('dk:train_hours');
  });

  it('skips the unit question when the link names the unit', () => {
    const background = full.sections[0]!;
    const asked = itemsShown(background, visibility(full, {}, false), false).map((i) => i.type);
    const skipped = itemsShown(background, visibility(full, {}, true), true).map((i) => i.type);
    expect(asked).toContain('unit');
    expect(skipped).not.toContain('unit');
  });

  it('counts every section of the full form as shown when nothing is answered yet', () => {
    expect(visibility(full, {}, false).sections.length).toBeGreaterThan(5);
  });
});

describe('sectionIssues', () => {
  const answers = { 'dk:train_formats': ['elearning'] };
  const vis = visibility(full, answers, false);

  it('reports text in a number field that is not a number', () => {
    const issues = sectionIssues(full, training, answers, vis, { 'dk:train_hours': 'mange' }, false);
    expect(issues).toEqual([{ itemId: 'dk:train_hours', code: 'not_a_number', params: {} }]);
  });

  it('reports a number out of range with its limits', () => {
    const withHours = { ...answers, 'dk:train_hours': 5000 };
    const issues = sectionIssues(full, training, withHours, visibility(full, withHours, false), { 'dk:train_hours': '5000' }, false);
    expect(issues).toEqual([{ itemId: 'dk:train_hours', code: 'out_of_range', params: { min: 0, max: 300 } }]);
  });

  it('finds nothing wrong with an empty section: every question is optional', () => {
    expect(sectionIssues(full, training, {}, visibility(full, {}, false), {}, false)).toEqual([]);
  });
});
