/**
 * The survey's rules as the browser needs them, built on the pure functions in src/domain that the
 * server uses too: which items and sections are shown, which answers are kept, and the field errors
 * of one section (plus the one check only the browser can make: text typed into a number field).
 */
import type { Answers, Instrument, Item, Section } from '../../../contracts/instrument.js';
import { validateAnswers } from '../../../domain/answers.js';
import { pruneHidden, resolveVisibility } from '../../../domain/conditions.js';

export interface Visibility {
  /** Item ids (and grid row ids) shown with the current answers. */
  items: Set<string>;
  /** Indices (into instrument.sections) of the sections shown, in order. */
  sections: number[];
}

/**
 * `linkUnit`: the link already names the unit, so the unit question is not asked (and a section
 * holding nothing else is skipped).
 */
export function visibility(instrument: Instrument, answers: Answers, linkUnit: boolean): Visibility {
  const resolved = resolveVisibility(instrument, answers);
  const vis: Visibility = { items: resolved.items, sections: [] };
  instrument.sections.forEach((section, index) => {
    if (resolved.sections.has(section.id) && itemsShown(section, vis, linkUnit).length > 0) vis.sections.push(index);
  });
  return vis;
}

export function itemsShown(section: Section, vis: Visibility, linkUnit: boolean): Item[] {
  return section.items.filter((item) => {
    if (!vis.items.has(item.id)) return false;
    if (item.type === 'unit') return !linkUnit;
    if (item.type === 'grid') return item.rows.some((row) => vis.items.has(row.id));
    return true;
  });
}

/** Answers to hidden items are never sent: not in a draft, not in a response. */
export function keptAnswers(instrument: Instrument, answers: Answers): Answers {
  return pruneHidden(instrument, answers);
}

export interface AnswerIssue {
  /** The item (or grid row) the error belongs to. */
  itemId: string;
  code: string;
  params: Record<string, string | number>;
}

/** validateAnswers() names the item ("dk:age"); the server's problem details may say "answers.dk:age". */
function itemOf(path: string): string {
  return path.startsWith('answers.') ? path.slice('answers.'.length) : path;
}

/** Parse what was typed in a number field, Norwegian or English style: "12,5", "12.5", "1 200". */
export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.').replace(/^\u2212/, '-');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/**
 * The errors of one section's shown items. `numberText` holds what was typed in number fields, so
 * that "abc" (which is no answer at all) is reported instead of silently dropped.
 */
export function sectionIssues(
  instrument: Instrument,
  section: Section,
  answers: Answers,
  vis: Visibility,
  numberText: Record<string, string>,
  linkUnit: boolean,
): AnswerIssue[] {
  const ids = new Set<string>();
  const issues: AnswerIssue[] = [];
  for (const item of itemsShown(section, vis, linkUnit)) {
    ids.add(item.id);
    if (item.type === 'grid') item.rows.forEach((row) => ids.add(row.id));
    if (item.type === 'number') {
      const typed = numberText[item.id]?.trim() ?? '';
      if (typed !== '' && parseNumber(typed) === null) issues.push({ itemId: item.id, code: 'not_a_number', params: {} });
    }
  }
  const typedWrong = new Set(issues.map((issue) => issue.itemId));
  for (const error of validateAnswers(instrument, keptAnswers(instrument, answers))) {
    const itemId = itemOf(error.path);
    if (!ids.has(itemId) || typedWrong.has(itemId)) continue;
    issues.push({ itemId, code: error.code, params: error.params ?? {} });
  }
  return issues;
}
