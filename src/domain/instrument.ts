/**
 * The questionnaire model beyond its schema: parsing a file's text, the structural rules zod cannot
 * express (unique ids, conditions that refer only to earlier items and fit the item's type, scales
 * that exist and are scorable, levels), the flat list of answerable items, and a completion-time
 * estimate. Pure: the `yaml` package only parses text; reading files is the caller's job.
 */
import type { z } from 'zod';
import {
  Instrument,
  NOT_APPLICABLE,
  type Condition,
  type Item,
  type Language,
  type LikertScale,
  type LocalizedText,
} from '../contracts/instrument.js';

export interface InstrumentError {
  /** Where in the file; array elements by id (options by value) where they have one: `sections[about].items[dk:age].showIf`. */
  path: string;
  message: string;
}

export type ParseInstrumentResult = { ok: true; instrument: Instrument } | { ok: false; errors: InstrumentError[] };

export type AnswerKind = 'single' | 'multi' | 'likert' | 'number' | 'text' | 'unit';

type GridItem = Extract<Item, { type: 'grid' }>;
export type GridRow = GridItem['rows'][number];

/** One thing a respondent answers: an item, or a grid row (a Likert item of its own). */
export interface AnswerableItem {
  /** The answer key: the item id, or the grid row id. */
  id: string;
  sectionId: string;
  kind: AnswerKind;
  /** The item; for a grid row, the grid it belongs to. */
  item: Item;
  /** For a grid row: the row. */
  row?: GridRow;
  /** The item's (or row's) text. */
  text: LocalizedText;
  /** For likert items and grid rows: the Likert response scale. */
  scale?: LikertScale;
  /** Every condition that must hold for it to be shown: the section's, the item's and the row's. */
  showIf: Condition[];
}

// ---- Paths

type Segment = string | number;

/** `['sections', 0, 'items', 2, 'showIf']` → `sections[about].items[dk:age].showIf`, using ids found in `data`. */
export function formatPath(segments: readonly PropertyKey[], data?: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const seg of segments) {
    const child = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[seg] : undefined;
    if (typeof seg === 'number') {
      // Elements are named by their id, options by their value; otherwise by index.
      const el = child !== null && typeof child === 'object' ? (child as Record<string, unknown>) : {};
      const name = [el.id, el.value].find((x): x is string => typeof x === 'string' && x !== '');
      out += `[${name ?? seg}]`;
    } else {
      out += out === '' ? String(seg) : `.${String(seg)}`;
    }
    node = child;
  }
  return out;
}

// ---- Parsing

function zodErrors(error: z.ZodError, data: unknown): InstrumentError[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path, data) || '(file)', message: issue.message }));
}

/** Schema check (zod) followed by validateInstrument(). */
export function parseInstrument(data: unknown): ParseInstrumentResult {
  const parsed = Instrument.safeParse(data);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error, data) };
  const errors = validateInstrument(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, instrument: parsed.data };
}

// ---- Answerable items

/** Every answerable item and grid row, in document order. */
export function answerableItems(instrument: Instrument): readonly AnswerableItem[] {
  // Instruments are immutable once parsed, and this runs several times per submit: computed once each.
  let items = answerableCache.get(instrument);
  if (!items) {
    items = listAnswerable(instrument);
    answerableCache.set(instrument, items);
  }
  return items;
}

const answerableCache = new WeakMap<Instrument, readonly AnswerableItem[]>();

function listAnswerable(instrument: Instrument): AnswerableItem[] {
  const scales = new Map(instrument.likertScales.map((s) => [s.id, s]));
  const out: AnswerableItem[] = [];
  for (const section of instrument.sections) {
    const sectionConds = section.showIf ? [section.showIf] : [];
    for (const item of section.items) {
      const itemConds = item.showIf ? [...sectionConds, item.showIf] : sectionConds;
      if (item.type === 'grid') {
        const scale = scales.get(item.scale);
        for (const row of item.rows) {
          out.push({
            id: row.id,
            sectionId: section.id,
            kind: 'likert',
            item,
            row,
            text: row.text,
            ...(scale ? { scale } : {}),
            showIf: row.showIf ? [...itemConds, row.showIf] : itemConds,
          });
        }
      } else {
        const scale = item.type === 'likert' ? scales.get(item.scale) : undefined;
        out.push({ id: item.id, sectionId: section.id, kind: item.type, item, text: item.text, ...(scale ? { scale } : {}), showIf: itemConds });
      }
    }
  }
  return out;
}

// ---- Validation

type Op = Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>['op'];

/** Which condition operators fit which kind of answer. */
const OPS: Record<AnswerKind, readonly Op[]> = {
  single: ['eq', 'ne', 'in', 'notIn', 'answered', 'unanswered'],
  multi: ['countEq', 'countGte', 'countLte', 'includes', 'answered', 'unanswered'],
  likert: ['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'answered', 'unanswered'],
  number: ['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'answered', 'unanswered'],
  text: ['answered', 'unanswered'],
  unit: [],
};

function allowedValues(a: AnswerableItem): { values: (string | number)[]; describe: string } | null {
  if (a.item.type === 'single' || a.item.type === 'multi') {
    return { values: a.item.options.map((o) => o.value), describe: 'an option value' };
  }
  if (a.kind === 'likert' && a.scale) {
    const values: (string | number)[] = a.scale.points.map((p) => p.value);
    if (a.scale.notApplicable) values.push(NOT_APPLICABLE);
    return { values, describe: `a point of scale "${a.scale.id}"` };
  }
  return null;
}

/**
 * Structural rules that the schema cannot express. Returns every problem found (empty when valid).
 * Expects an instrument that passed the zod schema.
 */
export function validateInstrument(instrument: Instrument): InstrumentError[] {
  const errors: InstrumentError[] = [];
  const err = (segments: Segment[], message: string) => errors.push({ path: formatPath(segments, instrument), message });

  // Likert response scales
  const likertIds = new Set<string>();
  instrument.likertScales.forEach((ls, li) => {
    if (likertIds.has(ls.id)) err(['likertScales', li, 'id'], `duplicate Likert scale id "${ls.id}"`);
    likertIds.add(ls.id);
    ls.points.forEach((p, pi) => {
      const prev = ls.points[pi - 1];
      if (prev && p.value <= prev.value) err(['likertScales', li, 'points', pi, 'value'], 'point values must be strictly ascending (worst first)');
    });
  });

  // Items in document order: ids, types, conditions referring only to earlier answerable items
  const answerable = new Map<string, AnswerableItem>();
  for (const a of answerableItems(instrument)) if (!answerable.has(a.id)) answerable.set(a.id, a); // first wins: fewer knock-on errors
  const earlier = new Set<string>(); // answerable ids seen so far
  const itemIds = new Set<string>(); // every item id, grids and rows included
  const sectionIds = new Set<string>();
  const gridIds = new Set(instrument.sections.flatMap((s) => s.items.filter((i) => i.type === 'grid').map((i) => i.id)));
  let unitCount = 0;

  const checkCondition = (c: Condition, at: Segment[]) => {
    if ('all' in c) return c.all.forEach((x, n) => checkCondition(x, [...at, 'all', n]));
    if ('any' in c) return c.any.forEach((x, n) => checkCondition(x, [...at, 'any', n]));
    if ('not' in c) return checkCondition(c.not, [...at, 'not']);
    const target = answerable.get(c.item);
    if (!earlier.has(c.item)) {
      if (target) err([...at, 'item'], `"${c.item}" must come before the item this condition belongs to`);
      else if (gridIds.has(c.item)) err([...at, 'item'], `"${c.item}" is a grid; refer to one of its rows`);
      else err([...at, 'item'], `unknown item "${c.item}"`);
      return;
    }
    if (!target) return;
    if (!OPS[target.kind].includes(c.op)) {
      const ok = OPS[target.kind];
      err([...at, 'op'], ok.length === 0
        ? `"${c.item}" is a ${target.kind} item, which conditions cannot refer to`
        : `"${c.op}" does not fit a ${target.kind} item; use one of ${ok.join(', ')}`);
      return;
    }
    const allowed = allowedValues(target);
    const check = (value: string | number, where: Segment[]) => {
      if (target.kind === 'number' && typeof value !== 'number') err(where, `"${c.item}" is a number item: compare with a number`);
      else if (allowed && !allowed.values.includes(value)) err(where, `${JSON.stringify(value)} is not ${allowed.describe} of "${c.item}"`);
    };
    if (c.op === 'eq' || c.op === 'ne' || c.op === 'includes') check(c.value, [...at, 'value']);
    else if (c.op === 'in' || c.op === 'notIn') c.values.forEach((v, n) => check(v, [...at, 'values', n]));
    else if ((c.op === 'countEq' || c.op === 'countGte' || c.op === 'countLte') && target.item.type === 'multi') {
      const max = target.item.maxSelected ?? target.item.options.length;
      if (c.value > max) err([...at, 'value'], `"${c.item}" allows at most ${max} selected options`);
    }
  };

  instrument.sections.forEach((section, si) => {
    const sp: Segment[] = ['sections', si];
    if (sectionIds.has(section.id)) err([...sp, 'id'], `duplicate section id "${section.id}"`);
    sectionIds.add(section.id);
    if (section.showIf) checkCondition(section.showIf, [...sp, 'showIf']);

    section.items.forEach((item, ii) => {
      const ip: Segment[] = [...sp, 'items', ii];
      if (itemIds.has(item.id)) err([...ip, 'id'], `duplicate item id "${item.id}"`);
      itemIds.add(item.id);
      if (item.showIf) checkCondition(item.showIf, [...ip, 'showIf']);

      switch (item.type) {
        case 'single':
        case 'multi': {
          const values = new Set<string>();
          item.options.forEach((o, oi) => {
            if (values.has(o.value)) err([...ip, 'options', oi, 'value'], `duplicate option value "${o.value}"`);
            values.add(o.value);
            if (o.exclusive && item.type === 'single') err([...ip, 'options', oi, 'exclusive'], '"exclusive" only applies to multiple choice');
          });
          if (item.type === 'multi' && item.maxSelected !== undefined && item.maxSelected > item.options.length)
            err([...ip, 'maxSelected'], `maxSelected (${item.maxSelected}) is more than the ${item.options.length} options`);
          break;
        }
        case 'likert':
        case 'grid':
          if (!likertIds.has(item.scale)) err([...ip, 'scale'], `unknown Likert scale "${item.scale}"; define it in likertScales`);
          break;
        case 'number':
          if (!(item.min < item.max)) err([...ip, 'max'], `max (${item.max}) must be greater than min (${item.min})`);
          break;
        case 'unit':
          unitCount++;
          if (unitCount > 1) err([...ip, 'type'], 'an instrument has at most one unit item');
          break;
        case 'text':
          break;
      }

      if (item.type === 'grid') {
        item.rows.forEach((row, ri) => {
          const rp: Segment[] = [...ip, 'rows', ri];
          if (itemIds.has(row.id)) err([...rp, 'id'], `duplicate item id "${row.id}"`);
          itemIds.add(row.id);
          if (row.showIf) checkCondition(row.showIf, [...rp, 'showIf']);
          earlier.add(row.id);
        });
      } else {
        earlier.add(item.id);
      }
    });
  });

  // Scales: unique ids; items exist and are Likert items or grid rows, each once
  const scaleIds = new Set<string>();
  instrument.scales.forEach((scale, si) => {
    const sp: Segment[] = ['scales', si];
    if (scaleIds.has(scale.id)) err([...sp, 'id'], `duplicate scale id "${scale.id}"`);
    scaleIds.add(scale.id);
    const inScale = new Set<string>();
    scale.items.forEach((ref, ri) => {
      const at: Segment[] = [...sp, 'items', ri, 'item'];
      if (inScale.has(ref.item)) err(at, `"${ref.item}" is already in this scale`);
      inScale.add(ref.item);
      const a = answerable.get(ref.item);
      if (!a) err(at, gridIds.has(ref.item) ? `"${ref.item}" is a grid; list its rows` : `unknown item "${ref.item}"`);
      else if (a.kind !== 'likert') err(at, `"${ref.item}" is a ${a.kind} item; a scale holds Likert items and grid rows only`);
    });
  });

  // Levels
  const { cutPoints, labels, descriptions } = instrument.levels;
  if (labels.length !== cutPoints.length + 1)
    err(['levels', 'labels'], `${cutPoints.length} cut points make ${cutPoints.length + 1} levels, but there are ${labels.length} labels`);
  if (descriptions && descriptions.length !== labels.length)
    err(['levels', 'descriptions'], `there are ${labels.length} level labels but ${descriptions.length} descriptions; give one per level`);
  cutPoints.forEach((c, n) => {
    const prev = cutPoints[n - 1];
    if (prev !== undefined && c <= prev) err(['levels', 'cutPoints', n], 'cut points must be strictly ascending');
  });

  return errors;
}

// ---- Completion time

const WORDS_PER_MINUTE = 200;
const SECONDS_PER_ANSWER = 4;

function wordsIn(text: string | undefined): number {
  return text ? text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length : 0;
}

/**
 * Minutes to complete when every item is shown: the words a respondent reads in `lang` (title,
 * description, section titles and intros, item texts and help, option labels, a Likert scale's labels
 * once per Likert item or grid) at 200 words a minute, plus 4 seconds per answerable item.
 */
export function estimateMinutes(instrument: Instrument, lang: Language): number {
  const { words, answers } = readingLoad(instrument, lang);
  return words / WORDS_PER_MINUTE + (answers * SECONDS_PER_ANSWER) / 60;
}

/** What a respondent reads (words in `lang`, counted as in estimateMinutes()) and answers in an instrument. */
export function readingLoad(instrument: Instrument, lang: Language): { words: number; answers: number } {
  const t = (x: LocalizedText | undefined) => wordsIn(x?.[lang]);
  const scales = new Map(instrument.likertScales.map((s) => [s.id, s]));
  const scaleWords = (id: string) => {
    const s = scales.get(id);
    return s ? s.points.reduce((n, p) => n + t(p.label), 0) + t(s.notApplicable) : 0;
  };
  let words = t(instrument.title) + t(instrument.description);
  let answers = 0;
  for (const section of instrument.sections) {
    words += t(section.title) + t(section.intro);
    for (const item of section.items) {
      words += t(item.text) + t(item.help);
      if (item.type === 'single' || item.type === 'multi') words += item.options.reduce((n, o) => n + t(o.label), 0);
      if (item.type === 'likert' || item.type === 'grid') words += scaleWords(item.scale);
      if (item.type === 'number') words += t(item.unit);
      if (item.type === 'grid') {
        words += item.rows.reduce((n, r) => n + t(r.text), 0);
        answers += item.rows.length;
      } else {
        answers += 1;
      }
    }
  }
  return { words, answers };
}
