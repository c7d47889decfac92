/**
 * Checks answers against the instrument: each answer fits its item (type, options, range, length)
 * and belongs to an item that is shown. Returns codes, not sentences, so the browser and the server
 * each say it in the respondent's language. No item is required (only consent is, elsewhere).
 */
import { NOT_APPLICABLE, type Answers, type AnswerValue, type Instrument } from '../contracts/instrument.js';
import { isAnswered, resolveVisibility } from './conditions.js';
import { answerableItems, type AnswerableItem } from './instrument.js';

export type AnswerIssueCode =
  | 'unknown_item'
  | 'hidden'
  | 'wrong_type'
  | 'not_an_option'
  | 'out_of_range'
  | 'not_integer'
  | 'too_long'
  | 'too_many'
  | 'exclusive';

export interface AnswerIssue {
  /** The item (or grid row) id the issue belongs to. */
  path: string;
  code: AnswerIssueCode;
  /** Values for the message: `value` (not_an_option, exclusive), `min`/`max` (out_of_range), `max` (too_long, too_many), `expected` (wrong_type). */
  params?: Record<string, string | number>;
}

/** The first problem of one answer to one answerable item, or null. Empty answers are no answer and fine. */
export function checkAnswer(a: AnswerableItem, value: AnswerValue): Omit<AnswerIssue, 'path'> | null {
  if (!isAnswered(value)) return null;
  const item = a.item;
  switch (a.kind) {
    case 'unit':
      // The unit is the response's unitId, never an answer.
      return { code: 'wrong_type', params: { expected: 'unit' } };
    case 'single': {
      if (typeof value !== 'string') return { code: 'wrong_type', params: { expected: 'string' } };
      const options = item.type === 'single' ? item.options : [];
      return options.some((o) => o.value === value) ? null : { code: 'not_an_option', params: { value } };
    }
    case 'multi': {
      if (!Array.isArray(value) || item.type !== 'multi') return { code: 'wrong_type', params: { expected: 'array' } };
      if (new Set(value).size !== value.length) return { code: 'wrong_type', params: { expected: 'distinct' } };
      for (const v of value) if (!item.options.some((o) => o.value === v)) return { code: 'not_an_option', params: { value: v } };
      if (item.maxSelected !== undefined && value.length > item.maxSelected) return { code: 'too_many', params: { max: item.maxSelected } };
      if (value.length > 1) {
        const exclusive = item.options.find((o) => o.exclusive && value.includes(o.value));
        if (exclusive) return { code: 'exclusive', params: { value: exclusive.value } };
      }
      return null;
    }
    case 'likert': {
      const scale = a.scale;
      if (value === NOT_APPLICABLE) return scale?.notApplicable ? null : { code: 'not_an_option', params: { value } };
      if (typeof value !== 'number') return { code: 'wrong_type', params: { expected: 'number' } };
      return scale?.points.some((p) => p.value === value) ? null : { code: 'not_an_option', params: { value } };
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value) || item.type !== 'number') return { code: 'wrong_type', params: { expected: 'number' } };
      if (item.integer && !Number.isInteger(value)) return { code: 'not_integer' };
      if (value < item.min || value > item.max) return { code: 'out_of_range', params: { min: item.min, max: item.max } };
      return null;
    }
    case 'text': {
      if (typeof value !== 'string' || item.type !== 'text') return { code: 'wrong_type', params: { expected: 'string' } };
      return value.length > item.maxLength ? { code: 'too_long', params: { max: item.maxLength } } : null;
    }
  }
}

/**
 * Every problem with the answers, at most one per item: items in document order first, then unknown
 * ids. An answer to a hidden item is reported as 'hidden' (pruneHidden() would drop it).
 */
export function validateAnswers(instrument: Instrument, answers: Answers): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const shown = resolveVisibility(instrument, answers).items;
  const known = new Set<string>();
  for (const a of answerableItems(instrument)) {
    known.add(a.id);
    if (!Object.hasOwn(answers, a.id)) continue;
    const value = answers[a.id]!;
    const issue = checkAnswer(a, value);
    if (issue) issues.push({ path: a.id, ...issue });
    else if (isAnswered(value) && !shown.has(a.id)) issues.push({ path: a.id, code: 'hidden' });
  }
  for (const id of Object.keys(answers)) if (!known.has(id)) issues.push({ path: id, code: 'unknown_item' });
  return issues;
}
