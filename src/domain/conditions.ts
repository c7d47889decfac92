/**
 * Conditional display: evaluating a `showIf` condition against answers, which items are shown, and
 * dropping answers to hidden items. One implementation for the browser and the server, so what a
 * respondent saw is exactly what is stored, scored and exported.
 *
 * Semantics of a comparison on an item that has no answer (absent, "" or an empty selection):
 * every comparison (eq, ne, in, notIn, gt, gte, lt, lte, countEq, countGte, countLte, includes) is
 * false — also `ne` and `notIn`, so "shown unless X" must be written `{ not: { item, op: eq } }` if it
 * should show while X is unanswered, and `countEq: 0` is not "nothing selected" (use `unanswered`).
 * `answered` / `unanswered` test for an answer. "na" ("not relevant") on a Likert item counts as
 * answered but is not a number, so gt/gte/lt/lte on it are false, while eq "na" is true.
 * Comparisons never coerce: the number 3 is not the string "3".
 */
import type { Answers, AnswerValue, Condition, Instrument } from '../contracts/instrument.js';

/** An answer is there when it is present and not empty ("" or no option selected). */
export function isAnswered(value: AnswerValue | undefined): value is AnswerValue {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function answerOf(answers: Answers, item: string): AnswerValue | undefined {
  return Object.hasOwn(answers, item) ? answers[item] : undefined;
}

export function evaluate(c: Condition, answers: Answers): boolean {
  if ('all' in c) return c.all.every((x) => evaluate(x, answers));
  if ('any' in c) return c.any.some((x) => evaluate(x, answers));
  if ('not' in c) return !evaluate(c.not, answers);

  const v = answerOf(answers, c.item);
  if (c.op === 'answered') return isAnswered(v);
  if (c.op === 'unanswered') return !isAnswered(v);
  if (!isAnswered(v)) return false;

  switch (c.op) {
    case 'eq':
      return !Array.isArray(v) && v === c.value;
    case 'ne':
      return !Array.isArray(v) && v !== c.value;
    case 'in':
      return !Array.isArray(v) && c.values.includes(v);
    case 'notIn':
      return !Array.isArray(v) && !c.values.includes(v);
    case 'gt':
      return typeof v === 'number' && v > c.value;
    case 'gte':
      return typeof v === 'number' && v >= c.value;
    case 'lt':
      return typeof v === 'number' && v < c.value;
    case 'lte':
      return typeof v === 'number' && v <= c.value;
    case 'countEq':
      return Array.isArray(v) && v.length === c.value;
    case 'countGte':
      return Array.isArray(v) && v.length >= c.value;
    case 'countLte':
      return Array.isArray(v) && v.length <= c.value;
    case 'includes':
      return Array.isArray(v) && v.includes(c.value);
  }
}

/** The item ids a condition reads, in the order they appear in it (with repeats). */
export function conditionItems(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(conditionItems);
  if ('any' in c) return c.any.flatMap(conditionItems);
  if ('not' in c) return conditionItems(c.not);
  return [c.item];
}

export interface Visibility {
  /** Ids of the sections shown. */
  sections: Set<string>;
  /** Ids of the items shown: every item type (grid and unit items too) and grid rows. */
  items: Set<string>;
  /** The answers kept: to shown answerable items only (never to the unit item), without empty answers. */
  answers: Answers;
}

/**
 * Walks the instrument in document order. Each condition is evaluated on the answers kept so far, so
 * an answer that was dropped (its item hidden) counts as unanswered for every later condition. As
 * conditions may only refer to earlier items (validateInstrument), this is the fixed point: running it
 * again on its own output changes nothing.
 */
export function resolveVisibility(instrument: Instrument, answers: Answers): Visibility {
  const sections = new Set<string>();
  const items = new Set<string>();
  const kept: Answers = {};
  const shows = (c: Condition | undefined) => c === undefined || evaluate(c, kept);
  const keep = (id: string) => {
    const v = answerOf(answers, id);
    if (isAnswered(v)) kept[id] = v;
  };

  for (const section of instrument.sections) {
    const sectionShown = shows(section.showIf);
    if (sectionShown) sections.add(section.id);
    for (const item of section.items) {
      const itemShown = sectionShown && shows(item.showIf);
      if (itemShown) items.add(item.id);
      if (item.type === 'grid') {
        for (const row of item.rows) {
          if (itemShown && shows(row.showIf)) {
            items.add(row.id);
            keep(row.id);
          }
        }
      } else if (itemShown && item.type !== 'unit') {
        keep(item.id);
      }
    }
  }
  return { sections, items, answers: kept };
}

/** Ids of the items (and grid rows) shown with these answers. */
export function visibleItemIds(instrument: Instrument, answers: Answers): Set<string> {
  return resolveVisibility(instrument, answers).items;
}

/**
 * The answers to store: those to shown items, in document order. Drops answers to hidden items, to ids
 * not in the instrument, to the unit item (stored as the response's unitId, not as an answer) and
 * empty answers. Idempotent.
 */
export function pruneHidden(instrument: Instrument, answers: Answers): Answers {
  return resolveVisibility(instrument, answers).answers;
}

/** What is known of one item's answer: its value (undefined: unanswered), or for a multiple-choice answer only whether one option is in it. */
export type KnownAnswer = { value: AnswerValue | undefined } | { option: string; chosen: boolean };

/**
 * A condition's value when only `item`'s answer is known and every other item could hold anything: true,
 * false, or null when it depends on the others (three-valued: `any` is true with one true part, `all` false
 * with one false part).
 */
export function evaluateKnowing(c: Condition, item: string, known: KnownAnswer): boolean | null {
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map((x) => evaluateKnowing(x, item, known));
    const decisive = 'all' in c ? false : true;
    if (parts.includes(decisive)) return decisive;
    return parts.includes(null) ? null : !decisive;
  }
  if ('not' in c) {
    const v = evaluateKnowing(c.not, item, known);
    return v === null ? null : !v;
  }
  if (c.item !== item) return null;
  if ('value' in known) return evaluate(c, known.value === undefined ? {} : { [item]: known.value });
  // An answered multiple choice of which one option is known.
  switch (c.op) {
    case 'answered':
      return true;
    case 'unanswered':
      return false;
    case 'includes':
      return c.value === known.option ? known.chosen : null;
    case 'countGte':
      return c.value <= 1 ? true : null;
    case 'countEq':
      return c.value === 0 ? false : null;
    case 'countLte':
      return c.value === 0 ? false : null;
    default:
      return false; // comparisons of a single value are false on a list (evaluate())
  }
}
