/**
 * From responses to the counts of a frozen release (docs/disclosure.md, "The release"): the pure half of
 * building one. Every answerable item of the forms the responses were given on becomes an answer whose
 * categories cover every respondent — its values, "not relevant", `#missing` (shown the question, gave no
 * answer) and `#not_asked` (another form, or a condition hid it) — so every line of the release splits its
 * whole group and no base needs a figure of its own. Scales add `level:<scale>` (the levels and
 * `#no_score`), and the form itself is an answer when more than one was used. The background items that are
 * groupings (profession, age, …) are not answers too: their distribution is the grouping's head count, and
 * protecting the same counts twice by different rules could show in one place what the other withholds.
 *
 * Means are not counts and are not audited by protectRelease(): a group's mean (with its 95 % CI) is stored
 * only when the group's head count is shown, at least k of it have a score, and the scores are not all the
 * same (a mean with no spread is every member's score).
 */
import type { Answers, Instrument, ScaleDef } from '../contracts/instrument.js';
import { conditionItems, evaluateKnowing, type KnownAnswer, resolveVisibility } from './conditions.js';
import { type AnswerLink, type AnswerSpec, type ProtectedRelease, type ReleaseSpec, REST } from './disclosure/release.js';
import { type AnswerableItem, answerableItems } from './instrument.js';
import { hasLevels, keptScorer, levelOf } from './scoring.js';
import { qt } from './statistics/distributions.js';

export const MISSING = '#missing';
export const NOT_ASKED = '#not_asked';
export const NO_SCORE = '#no_score';
/** A respondent without a value for a grouping (no unit, no answer to the profession question, …). */
export const NO_GROUP = '#none';
export const FORM_ANSWER = 'form';
export const levelAnswer = (scaleId: string) => `level:${scaleId}`;
export const optionAnswer = (itemId: string, option: string) => `${itemId}:${option}`;

export interface ReleaseRespondent {
  /** Key into the forms map. */
  form: string;
  /** grouping id → group id (NO_GROUP when the respondent has none). */
  groups: Readonly<Record<string, string>>;
  answers: Answers;
}

export interface GroupingDef {
  id: string;
  /** Groups in display order; NO_GROUP is added at the end when someone has it. */
  groups: readonly string[];
}

export interface MeanFigure {
  shown: true;
  /** Respondents with a score. */
  n: number;
  mean: number;
  sd: number;
  low: number;
  high: number;
}
export type MeanCell = MeanFigure | { shown: false; reason: 'below_k' | 'all_same' };

export interface ScaleMeans {
  total: MeanCell;
  /** grouping → group id (or REST) → mean; only groups the release shows a row for. */
  byGroup: Record<string, Record<string, MeanCell>>;
}

/** What one answer of the release is about, for the views. */
export interface AnswerMeta {
  id: string;
  kind: 'single' | 'likert' | 'option' | 'level' | 'form';
  /** The item (for an option: the multiple-choice item; for a level: the scale). */
  source: string;
  /** The respondents' values first (in order), then the special categories. */
  categories: string[];
}

export interface BuiltSpec {
  spec: ReleaseSpec;
  meta: AnswerMeta[];
  /** scale id → per-group score sums (not for release: protectMeans() turns them into figures). */
  scores: Map<string, ScoreCells>;
}

/** grouping → group → running moments; '' → the whole population. */
type ScoreCells = Map<string, Map<string, Moments>>;
interface Moments { n: number; sum: number; sumSq: number; min: number; max: number }

export interface BuildOptions {
  groupings: readonly GroupingDef[];
  /** Answer ids the release leaves out (e.g. the items that are groupings). */
  exclude?: ReadonlySet<string>;
  /**
   * Which groupings each answer is broken down by (default: every grouping). Each breakdown is a block the
   * auditor protects, so a release asks only for those its views show.
   */
  breakdowns?: (answer: AnswerMeta) => readonly string[];
}

/** The counts protectRelease() takes, the answers' meta and the score moments, from respondents. */
export function buildReleaseSpec(forms: ReadonlyMap<string, Instrument>, respondents: Iterable<ReleaseRespondent>, options: BuildOptions): BuiltSpec {
  const counter = new ReleaseCounter(forms, options);
  for (const r of respondents) counter.add(r);
  return counter.result();
}

/** buildReleaseSpec() one respondent at a time, for data read page by page. */
export class ReleaseCounter {
  private readonly meta: AnswerMeta[];
  /** form → its reader, and where each answer of the release is in what the reader reads (−1: not in that form) */
  private readonly readers: Map<string, { reader: Reader; slotOf: Int32Array }>;
  private readonly present = new Map<string, Map<string, number>>();
  /** per answer (as meta): category → count */
  private readonly totals: Map<string, number>[];
  /** per answer, per grouping it is broken down by: group → category → count (made when first counted) */
  private readonly cells: (Map<string, Map<string, number>> | undefined)[][];
  private readonly scores = new Map<string, ScoreCells>();
  /** per answer: the groupings it is broken down by, as indices into options.groupings */
  private readonly brokenBy: number[][];
  /** per answer: its category when the form does not have it */
  private readonly absent: string[];
  /** per answer: its links to others, or that it shows nothing (tiesOf) */
  private readonly ties: Tie[];

  constructor(forms: ReadonlyMap<string, Instrument>, private readonly options: BuildOptions) {
    this.meta = answerMeta(forms, options.exclude ?? new Set<string>());
    const formKeys = [...forms.keys()];
    if (formKeys.length > 1) this.meta.unshift({ id: FORM_ANSWER, kind: 'form', source: FORM_ANSWER, categories: formKeys });
    this.readers = new Map(
      [...forms].map(([key, instrument]) => {
        const reader = readerOf(instrument);
        const slot = new Map(reader.slots.map((id, i) => [id, i])); // (an id read twice: the later one counts)
        return [key, { reader, slotOf: Int32Array.from(this.meta, (m) => slot.get(m.id) ?? -1) }];
      }),
    );
    this.totals = this.meta.map(() => new Map<string, number>());
    for (const g of options.groupings) this.present.set(g.id, new Map());
    this.ties = tiesOf(forms, this.meta, options.exclude ?? new Set<string>());
    // Linked answers are protected together, so they are broken down alike: each by what any of its family wants.
    const wanted = this.meta.map((m) => new Set(options.breakdowns ? options.breakdowns(m) : options.groupings.map((g) => g.id)));
    // The form used is known (AnswerSpec.known), so it is no family's member: it is broken down by what its linkers are.
    const family = familyOf(this.meta, this.ties);
    const form = this.meta.findIndex((m) => m.id === FORM_ANSWER);
    this.ties.forEach((t, i) => t.links.forEach((l) => (l.answer === FORM_ANSWER || l.plus) && wanted[i]!.forEach((g) => wanted[form]!.add(g))));
    this.brokenBy = this.meta.map((_, i) => {
      const union = new Set(family[i]!.flatMap((j) => [...wanted[j]!]));
      return options.groupings.flatMap((g, gi) => (union.has(g.id) ? [gi] : []));
    });
    this.cells = this.brokenBy.map((gs) => gs.map(() => undefined));
    this.absent = this.meta.map((m) => (m.kind === 'level' ? NO_SCORE : NOT_ASKED));
  }

  add(r: ReleaseRespondent): void {
    const form = this.readers.get(r.form);
    if (!form) throw new RangeError(`respondent of an unknown form ${r.form}`);
    const { values, scores } = form.reader.read(r.answers, r.form);
    const groupings = this.options.groupings;
    const groupOf = groupings.map((g) => r.groups[g.id] ?? NO_GROUP);
    groupings.forEach((g, i) => bump(this.present.get(g.id)!, groupOf[i]!));
    const slotOf = form.slotOf;
    for (let m = 0; m < this.meta.length; m++) {
      const slot = slotOf[m]!;
      const category = slot >= 0 ? values[slot]! : this.absent[m]!;
      bump(this.totals[m]!, category);
      const brokenBy = this.brokenBy[m]!;
      for (let b = 0; b < brokenBy.length; b++) {
        const cells = this.cells[m]!;
        const byGroup = (cells[b] ??= new Map());
        const group = groupOf[brokenBy[b]!]!;
        let row = byGroup.get(group);
        if (!row) byGroup.set(group, (row = new Map()));
        bump(row, category);
      }
    }
    for (const [scaleId, score] of scores) {
      if (score === null) continue;
      let s = this.scores.get(scaleId);
      if (!s) this.scores.set(scaleId, (s = new Map()));
      addMoment(s, '', '', score);
      groupings.forEach((g, i) => addMoment(s, g.id, groupOf[i]!, score));
    }
  }

  result(): BuiltSpec {
    const groupings = this.options.groupings.map((g) => {
      const present = this.present.get(g.id)!;
      const listed = g.groups.filter((x) => x !== NO_GROUP);
      const extra = [...present.keys()].filter((x) => x !== NO_GROUP && !listed.includes(x)).sort();
      return { id: g.id, groups: [...listed, ...extra, ...(present.has(NO_GROUP) ? [NO_GROUP] : [])] };
    });
    const toRecord = (m: Map<string, number> | undefined) => Object.fromEntries(m ?? []);
    const answers: AnswerSpec[] = this.meta.map((m, i) => ({
      id: m.id,
      categories: m.categories,
      // "Not asked" and "no score" are no answers: the line rules apply to those asked (release.ts).
      nonAnswers: m.categories.filter((c) => c === NOT_ASKED || c === NO_SCORE),
      ...(this.ties[i]!.links.length > 0 ? { links: this.ties[i]!.links } : {}),
      ...(this.ties[i]!.withhold ? { withhold: true } : {}),
      ...(m.kind === 'form' ? { known: true } : {}),
      total: toRecord(this.totals[i]),
      byGroup: Object.fromEntries(
        this.brokenBy[i]!.map((g, b) => [this.options.groupings[g]!.id, Object.fromEntries([...(this.cells[i]![b] ?? new Map<string, Map<string, number>>())].map(([group, row]) => [group, toRecord(row)]))]),
      ),
    }));
    return {
      spec: {
        groupings: Object.fromEntries(groupings.map((g) => [g.id, g.groups])),
        respondents: Object.fromEntries(groupings.map((g) => [g.id, toRecord(this.present.get(g.id))])),
        answers,
      },
      meta: this.meta,
      scores: this.scores,
    };
  }
}

const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

function addMoment(cells: ScoreCells, grouping: string, group: string, x: number): void {
  let byGroup = cells.get(grouping);
  if (!byGroup) cells.set(grouping, (byGroup = new Map()));
  const m = byGroup.get(group) ?? { n: 0, sum: 0, sumSq: 0, min: Infinity, max: -Infinity };
  m.n++;
  m.sum += x;
  m.sumSq += x * x;
  m.min = Math.min(m.min, x);
  m.max = Math.max(m.max, x);
  byGroup.set(group, m);
}

/** Every answer of the forms in the release (first form first; an item in several forms once). */
function answerMeta(forms: ReadonlyMap<string, Instrument>, exclude: ReadonlySet<string>): AnswerMeta[] {
  const out = new Map<string, AnswerMeta>();
  const add = (m: AnswerMeta) => {
    if (exclude.has(m.id) || exclude.has(m.source)) return;
    const seen = out.get(m.id);
    if (!seen) out.set(m.id, m);
    else for (const c of m.categories) if (!seen.categories.includes(c)) seen.categories.splice(seen.categories.length - specialCount(seen), 0, c);
  };
  for (const instrument of forms.values()) {
    for (const a of answerableItems(instrument)) {
      if (a.item.type === 'single') add({ id: a.id, kind: 'single', source: a.id, categories: [...a.item.options.map((o) => o.value), MISSING, NOT_ASKED] });
      else if (a.kind === 'likert' && a.scale) {
        const points = a.scale.points.map((p) => String(p.value));
        add({ id: a.id, kind: 'likert', source: a.id, categories: [...points, ...(a.scale.notApplicable ? ['na'] : []), MISSING, NOT_ASKED] });
      } else if (a.item.type === 'multi') {
        for (const o of a.item.options) add({ id: optionAnswer(a.id, o.value), kind: 'option', source: a.id, categories: ['chosen', 'not_chosen', MISSING, NOT_ASKED] });
      }
    }
    for (const s of instrument.scales) {
      if (!hasLevels(s.kind)) continue;
      const levels = Array.from({ length: instrument.levels.cutPoints.length + 1 }, (_, i) => String(i));
      add({ id: levelAnswer(s.id), kind: 'level', source: s.id, categories: [...levels, NO_SCORE] });
    }
  }
  return [...out.values()];
}

interface Tie { links: AnswerLink[]; withhold: boolean }

/**
 * What anyone who knows the questionnaire can tell of how answers hang together (AnswerSpec.links), so that
 * the release protects them together:
 * - the options of one multiple-choice item share who skipped it (#missing) and who was not asked, and
 *   nobody who chose an exclusive option chose another;
 * - a follow-up question is not asked of those who gave its condition the other answers. Its condition may
 *   read several items (a group shown when any technology is used, each row when its own is), as long as
 *   what was asked follows from one answer of the release, the same in every form.
 * The form each respondent was given is known (AnswerSpec.known): an item that other forms lack is tied to
 * their count, a follow-up that other forms lack while they have its condition is bounded by both. An answer
 * whose "not asked" the release cannot tie (a condition on several answers, or on a grouping) shows nothing:
 * its "not asked" would give the others away. So do the options of a multiple-choice item that some forms lack.
 */
function tiesOf(forms: ReadonlyMap<string, Instrument>, meta: readonly AnswerMeta[], exclude: ReadonlySet<string>): Tie[] {
  const ties = meta.map((): Tie => ({ links: [], withhold: false }));
  const index = new Map(meta.map((m, i) => [m.id, i]));
  const formKeys = [...forms.keys()];
  const itemsOf = new Map(formKeys.map((f) => [f, new Map(answerableItems(forms.get(f)!).map((a) => [a.id, a]))]));
  const formsWith = (item: string) => formKeys.filter((f) => itemsOf.get(f)!.has(item));
  const link = (from: number, answer: string, these: string[], op: '=' | '<=', those: string[]) => ties[from]!.links.push({ answer, these, op, those });

  // Who was asked each item, from the answers it could hinge on: for an item (or the first option of a
  // multiple choice) the release's answers whose categories settle its conditions alike in every form. A
  // parent that was shown to someone had its own conditions met; one that was not, had them unmet.
  const askedBy = (item: string): { answer: string; notAsked: string[]; lacking?: string[] } | 'none' | 'alone' | null => {
    const present = formsWith(item);
    const chains = present.map((f) => itemsOf.get(f)!.get(item)!.showIf);
    if (chains.every((c) => c.length === 0)) {
      if (present.length === formKeys.length) return 'none';
      return index.has(FORM_ANSWER) ? { answer: FORM_ANSWER, notAsked: formKeys.filter((f) => !present.includes(f)) } : null;
    }
    const candidates = [...new Set(chains.flat().flatMap(conditionItems))];
    for (const candidate of candidates) {
      for (const parent of meta.filter((m) => m.source === candidate && (m.kind === 'single' || m.kind === 'likert' || m.kind === 'option'))) {
        const settled = parent.categories.map((c) => {
          const values = present.map((f, i) => {
            const own = itemsOf.get(f)!.get(parent.source)?.showIf ?? [];
            // Not shown the parent: its answer was dropped, and its conditions, when the item has them too, were unmet.
            if (c === NOT_ASKED && own.length > 0 && own.every((x) => chains[i]!.includes(x))) return false;
            const rest = c === NOT_ASKED ? chains[i]! : chains[i]!.filter((x) => !own.includes(x));
            return evaluateKnowing({ all: rest }, candidate, knownOf(parent, c));
          });
          return values.every((v) => v === values[0]) ? values[0]! : null;
        });
        if (settled.includes(null)) continue;
        const notAsked = parent.categories.filter((_, i) => settled[i] === false);
        // Forms without the item ask nobody. Where they lack the parent too, it is "not asked" there as well;
        // else their people are among the parent's answers, and the known form count bounds the tie.
        const lacking = formKeys.filter((f) => !present.includes(f));
        if (lacking.length === 0 || (!lacking.some((f) => formsWith(candidate).includes(f)) && notAsked.includes(NOT_ASKED))) return { answer: parent.id, notAsked };
        if (index.has(FORM_ANSWER)) return { answer: parent.id, notAsked, lacking };
      }
    }
    // Conditions only on what the release leaves out and no group shows (a number, a text): nothing else in
    // the release counts those people, unless another item hinges on the same answers (see below).
    if (present.length === formKeys.length && candidates.every((c) => !index.has(c) && !exclude.has(c) && !meta.some((m) => m.source === c))) return 'alone';
    return null;
  };
  // Options of one multiple choice share who skipped it and who was not asked (tied to the first option
  // found in all its forms, which stands for the item); nobody who chose an exclusive option chose another.
  const subjects: { i: number; item: string; family: number[] }[] = [];
  meta.forEach((m, i) => {
    if (m.kind === 'single' || m.kind === 'likert') subjects.push({ i, item: m.source, family: [i] });
  });
  for (const item of new Set(meta.filter((m) => m.kind === 'option').map((m) => m.source))) {
    const options = meta.flatMap((m, i) => (m.kind === 'option' && m.source === item ? [i] : []));
    const present = formsWith(item).map((f) => itemsOf.get(f)!.get(item)!.item as Extract<AnswerableItem['item'], { type: 'multi' }>);
    const option = (i: number) => meta[i]!.id.slice(item.length + 1);
    const inAll = options.filter((i) => present.every((m) => m.options.some((o) => o.value === option(i))));
    for (const i of options) if (!inAll.includes(i)) ties[i]!.withhold = true;
    const [hub, ...rest] = inAll;
    if (hub === undefined) continue;
    subjects.push({ i: hub, item, family: inAll });
    for (const i of rest) {
      link(i, meta[hub]!.id, [MISSING], '=', [MISSING]);
      link(i, meta[hub]!.id, [NOT_ASKED], '=', [NOT_ASKED]);
    }
    for (const e of inAll.filter((i) => present.every((m) => m.options.some((o) => o.value === option(i) && o.exclusive)))) {
      for (const i of inAll) if (i !== e) link(i, meta[e]!.id, ['chosen'], '<=', ['not_chosen']);
    }
  }

  // Who was asked. Items hinging only on left-out answers stand alone when every item reading those answers
  // hinges on them alike (then all have the same "not asked", tied to the first); else they show nothing.
  const rules = subjects.map((s) => ({ ...s, by: askedBy(s.item) }));
  const chainOf = (item: string) => JSON.stringify(formKeys.map((f) => itemsOf.get(f)!.get(item)!.showIf));
  const readsOf = (item: string) => [...new Set(formKeys.flatMap((f) => itemsOf.get(f)!.get(item)!.showIf.flatMap(conditionItems)))].sort().join();
  const alike = new Map<string, { chains: Set<string>; first: number }>();
  for (const r of rules) {
    if (r.by !== 'alone') continue;
    const seen = alike.get(readsOf(r.item)) ?? { chains: new Set<string>(), first: r.i };
    seen.chains.add(chainOf(r.item));
    alike.set(readsOf(r.item), seen);
  }
  for (const { i, item, family, by } of rules) {
    if (by === 'alone') {
      const group = alike.get(readsOf(item))!;
      if (group.chains.size === 1) {
        if (group.first !== i) link(i, meta[group.first]!.id, [NOT_ASKED], '=', [NOT_ASKED]);
        continue;
      }
    } else if (by !== null) {
      if (by !== 'none' && !by.lacking) link(i, by.answer, [NOT_ASKED], '=', by.notAsked);
      else if (by !== 'none') {
        // Between the parent's "hiding" answers and those plus everyone given a form without the item.
        ties[i]!.links.push({ answer: by.answer, these: [NOT_ASKED], op: '<=', those: by.notAsked, plus: { answer: FORM_ANSWER, those: by.lacking! } });
        link(index.get(by.answer)!, meta[i]!.id, by.notAsked, '<=', [NOT_ASKED]);
      }
      continue;
    }
    for (const j of family) ties[j]!.withhold = true;
  }
  return ties;
}

/** What one category of an answer says of its item's answer. */
function knownOf(m: AnswerMeta, category: string): KnownAnswer {
  if (category === MISSING || category === NOT_ASKED) return { value: undefined };
  if (m.kind === 'option') return { option: m.id.slice(m.source.length + 1), chosen: category === 'chosen' };
  if (m.kind === 'likert' && category !== 'na') return { value: Number(category) };
  return { value: category };
}

/** Per answer: the answers linked to it, itself included (indices into meta). */
function familyOf(meta: readonly AnswerMeta[], ties: readonly Tie[]): number[][] {
  const index = new Map(meta.map((m, i) => [m.id, i]));
  const root = meta.map((_, i) => i);
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i]!)));
  ties.forEach((t, i) => t.links.forEach((l) => l.answer !== FORM_ANSWER && (root[find(index.get(l.answer)!)] = find(i))));
  const members = new Map<number, number[]>();
  meta.forEach((_, i) => members.set(find(i), [...(members.get(find(i)) ?? []), i]));
  return meta.map((_, i) => members.get(find(i))!);
}

const specialCount = (m: AnswerMeta) => m.categories.filter((c) => c.startsWith('#')).length;

interface Read {
  form: string;
  /** the category of each answer the reader reads (Reader.slots) */
  values: string[];
  /** scale → score (null: not scored) */
  scores: [string, number | null][];
}
interface Reader {
  /** The answers it reads, in the order of Read.values: the form, the items (an option each for multiple choice), the levels. */
  slots: string[];
  read(answers: Answers, form: string): Read;
}

/** One reader per form, and per reader one reading of each respondent (a respondent may be in several releases). */
const readers = new WeakMap<Instrument, Reader>();
function readerOf(instrument: Instrument): Reader {
  let r = readers.get(instrument);
  if (!r) readers.set(instrument, (r = formReader(instrument)));
  return r;
}

/** Reads one respondent's category per answer, and their scale scores, for one form. */
function formReader(instrument: Instrument): Reader {
  const items = answerableItems(instrument).filter((a) => a.item.type === 'multi' || a.item.type === 'single' || a.kind === 'likert');
  const levelled = instrument.scales.filter((s: ScaleDef) => hasLevels(s.kind));
  const slots = [FORM_ANSWER];
  for (const a of items) {
    if (a.item.type === 'multi') for (const o of a.item.options) slots.push(optionAnswer(a.id, o.value));
    else slots.push(a.id);
  }
  for (const s of levelled) slots.push(levelAnswer(s.id));
  const score = keptScorer(instrument);
  const seen = new WeakMap<Answers, Read>();
  return {
    slots,
    read(answers: Answers, form: string): Read {
      const known = seen.get(answers);
      if (known && known.form === form) return known;
      // One walk of the conditions: what was shown, and the answers kept for scoring (scoreResponse() prunes alike).
      const visibility = resolveVisibility(instrument, answers);
      const visible = visibility.items;
      const values: string[] = [form];
      for (const a of items) {
        const shownToThem = visible.has(a.id);
        const v = Object.hasOwn(answers, a.id) ? answers[a.id] : undefined;
        const answered = v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
        if (a.item.type === 'multi') {
          const chosen = Array.isArray(v) ? v.map(String) : [];
          for (const o of a.item.options) values.push(!shownToThem ? NOT_ASKED : !answered ? MISSING : chosen.includes(o.value) ? 'chosen' : 'not_chosen');
        } else {
          values.push(!shownToThem ? NOT_ASKED : !answered ? MISSING : String(v));
        }
      }
      const scores = score(visibility.answers);
      for (const s of levelled) {
        const x = scores[s.id];
        values.push(x === null || x === undefined ? NO_SCORE : String(levelOf(x, instrument.levels.cutPoints)));
      }
      const read: Read = { form, values, scores: Object.entries(scores) };
      seen.set(answers, read);
      return read;
    },
  };
}

/**
 * The releasable means: the whole population's and, per grouping, each group the release shows (and REST,
 * the withheld groups together), when at least k have a score and their scores differ.
 */
export function protectMeans(built: BuiltSpec, release: ProtectedRelease): Record<string, ScaleMeans> {
  const k = release.k;
  const out: Record<string, ScaleMeans> = {};
  for (const [scaleId, cells] of built.scores) {
    const total = release.respondents.shown ? meanCell(cells.get('')?.get(''), k) : ({ shown: false, reason: 'below_k' } as const);
    const byGroup: Record<string, Record<string, MeanCell>> = {};
    for (const [grouping, released] of Object.entries(release.groupings)) {
      const moments = cells.get(grouping) ?? new Map<string, Moments>();
      const rows: Record<string, MeanCell> = {};
      for (const [group, figure] of Object.entries(released.groups)) if (figure.shown) rows[group] = meanCell(moments.get(group), k);
      if (released.rest) rows[REST] = meanCell(merge(released.rest.members.map((g) => moments.get(g))), k);
      byGroup[grouping] = rows;
    }
    out[scaleId] = { total, byGroup };
  }
  return out;
}

function merge(parts: readonly (Moments | undefined)[]): Moments | undefined {
  const present = parts.filter((p): p is Moments => p !== undefined);
  if (present.length === 0) return undefined;
  return present.reduce((a, b) => ({ n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq, min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) }));
}

function meanCell(m: Moments | undefined, k: number): MeanCell {
  if (!m || m.n < k) return { shown: false, reason: 'below_k' };
  if (m.max - m.min < 1e-9) return { shown: false, reason: 'all_same' };
  const mean = m.sum / m.n;
  const sd = Math.sqrt(Math.max(0, (m.sumSq - m.n * mean * mean) / (m.n - 1)));
  const half = qt(0.975, m.n - 1) * (sd / Math.sqrt(m.n));
  return { shown: true, n: m.n, mean, sd, low: mean - half, high: mean + half };
}
