/**
 * The frozen release of a closed wave (docs/disclosure.md): every table the views offer — respondents per
 * group, each answer's distribution for the whole base and broken down by unit, profession, age band, … —
 * protected together, once. Views and filters draw only on the result, so nothing a viewer can combine
 * goes beyond what was audited here.
 *
 * Shape of the data: one population (the respondents of one municipality in one wave), several groupings
 * (each a partition of it) and several answer variables (each a partition of its base: everyone, or those
 * who gave one answer to an earlier question). The release holds, for every answer, its distribution and,
 * for the groupings asked for, the groups × answers table.
 *
 * The rules, in order:
 * 1. Respondents per group: protectUnits() (k rule and complementary suppression).
 * 2. Each answer's distribution is a "line": the base split by answer. A line is classified by its true counts:
 *    - under_k  (base < k): every count 'below_k';
 *    - small    (k ≤ base < 2k): every count 'small_group' — with fewer than 2k people a count of ≥ k can
 *      only be shown when everybody gave that answer, which is the one thing not to show;
 *    - band     (base ≥ 2k, all but fewer than k gave one answer): 'all_same', the dominant answer marked
 *      "all or almost all", the rest "none or few" — unanimity and near-unanimity look the same;
 *    - normal   otherwise: a count < k (0 included) is 'below_k', the others shown.
 * 3. Breakdowns: rows are the groups shown in step 1 (for a filtered question: the groups whose base is shown),
 *    the others together as one REST row; columns are the answers shown in step 2, the others together as one
 *    OTHER column. Every row is a line classified as in 2.
 * 4. Secondary suppression, per block (a line, or a breakdown with all its margins): the block's facts — every
 *    figure it shows, what each withholding reason implies, each group's exact number of respondents (assumed
 *    known: participation is shown while the wave is open) — go to the Auditor. It checks that no withheld
 *    count, union of withheld counts of one row or column, or set of answers within one group can be proven
 *    to hold 1..k−1 people, that no group's 0 for an answer others gave can be proven, and that no group can be
 *    proven unanimous — in a breakdown, unless the municipality-level view alone proves it (then it holds for
 *    any group of that size and names none). While something can be proven, the reasons near it first become
 *    'protected' (they say less), else the nearest shown count is withheld as 'complementary'; when nothing is
 *    left to withhold, a row moves into REST or a column into OTHER for that breakdown, and as a last resort
 *    an answer is withheld from the distribution and the release is rebuilt.
 *
 * Blocks are independent: two breakdowns of one answer share only the answer's distribution, two answers'
 * breakdowns by one grouping only the group sizes, and withheld groups and answers appear in breakdowns only
 * merged (REST, OTHER), which says nothing about how they split. So the block audits add up to the audit of
 * the whole release (the argument in docs/disclosure.md; the attacker-model property test checks it on
 * respondent-level data).
 */
import { Auditor, type Sensitive } from './audit.js';
import type { Constraint } from './ilp.js';
import { protectUnits } from './units.js';

export const DEFAULT_K = 5;
/** The smallest k a project may set. */
export const MIN_K = 3;
/** Row id of the groups that have no row of their own, together. */
export const REST = '#rest';
/** Column id of the answers that have no column of their own, together. */
export const OTHER = '#other';

export type WithheldReason =
  /** Fewer than k respondents (possibly none). */
  | 'below_k'
  /** Withheld so that another withheld figure cannot be computed (at least k respondents). */
  | 'complementary'
  /** All or almost all of the group gave one answer; see band. */
  | 'all_same'
  /** The group has fewer than 2k respondents, too few to show how their answers spread. */
  | 'small_group'
  /** The number who were asked this (filtered) question is withheld. */
  | 'base_withheld'
  /**
   * Withheld without saying whether it is below k or complementary: where those two reasons together would
   * give a small count away (two counts known to be below k that add up to k or more pin each other down).
   */
  | 'protected';

export type Figure =
  | { shown: true; n: number }
  | { shown: false; reason: WithheldReason; band?: 'almost_all' | 'few' };

export interface ReleaseSpec {
  /** Each grouping's groups in display order (include a group for "no unit" when there are such respondents). */
  groupings: Readonly<Record<string, readonly string[]>>;
  /** Respondents per grouping and group; every grouping must add up to the same total. */
  respondents: Readonly<Record<string, Readonly<Record<string, number>>>>;
  answers: readonly AnswerSpec[];
}

export interface AnswerSpec {
  /** Stable id: an item id, `level:<scale id>`, or one option of a multiple-choice item (`<item>:<option>`). */
  id: string;
  /** Every answer value, "not relevant" and the like included; every respondent of the base has exactly one. */
  categories: readonly string[];
  /** A filtered question: asked only of respondents who gave `category` to answer `answer` (listed earlier or later). */
  base?: { answer: string; category: string };
  /**
   * Categories that are no answer to the question (e.g. "not asked": another form, or a condition hid it).
   * The line rules (k, small group, all the same) then apply to the others, the group that was asked:
   * "all who were asked gave a" must be as safe as "all gave a".
   */
  nonAnswers?: readonly string[];
  /**
   * How this answer's counts are tied to another answer's in every group, which anyone who knows the
   * questionnaire knows: a follow-up's "not asked" are those who gave the other answers to its condition, the
   * options of one multiple-choice item share who skipped it. Linked answers are protected together (a family):
   * each figure of one is audited with everything shown of the others. Only between answers without `base`.
   */
  links?: readonly AnswerLink[];
  /** Release nothing of it (a follow-up whose tie to the rest the release cannot state): every figure 'base_withheld'. */
  withhold?: boolean;
  /**
   * Its counts are no secret (which form each respondent was given: forms go out per unit or device). A link
   * to it is then a fact about the linking answer alone, not a tie that protects the two together; it must
   * be broken down by every grouping its linkers are.
   */
  known?: boolean;
  /** Respondents of the base per category. */
  total: Readonly<Record<string, number>>;
  /** The breakdowns to release: grouping → group → category → count (a missing count is 0). */
  byGroup?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>>;
}

/**
 * In every group: the respondents who gave one of `these` to this answer are (=) or are among (<=) those who
 * gave one of `those` to `answer` (and, with `plus`, those counted by a known answer).
 */
export interface AnswerLink {
  answer: string;
  these: readonly string[];
  op: '=' | '<=';
  those: readonly string[];
  /** …plus those who gave one of `those` to a known answer (AnswerSpec.known), e.g. the forms without this question. */
  plus?: { answer: string; those: readonly string[] };
}

export interface ReleasedGrouping {
  groups: Record<string, Figure>;
  /** The withheld groups together, when there are respondents in them (always ≥ k). */
  rest: { members: string[]; n: number } | null;
}

export interface ReleasedHeader {
  id: string;
  /** The groups (rows) or answer values (columns) it stands for; one, except for REST and OTHER. */
  members: string[];
  n: number;
}

export interface ReleasedBreakdown {
  rows: ReleasedHeader[];
  columns: ReleasedHeader[];
  /** cells[row id][column id] */
  cells: Record<string, Record<string, Figure>>;
  /** Groups without a row of their own (they are in REST) and why. */
  merged: Record<string, Figure>;
}

export interface ReleasedAnswer {
  id: string;
  /** Respondents asked and answering (for a filtered question, the count of its base answer). */
  base: Figure;
  categories: Record<string, Figure>;
  /** The withheld answers together, when there are respondents in them (always ≥ k). */
  other: { members: string[]; n: number } | null;
  /** null: no answer is shown on its own, so there is nothing to break down. */
  byGroup: Record<string, ReleasedBreakdown | null>;
}

export interface ProtectedRelease {
  k: number;
  respondents: Figure;
  groupings: Record<string, ReleasedGrouping>;
  answers: Record<string, ReleasedAnswer>;
}

// ---- Blocks: figures over finest cells, lines between them, and what the viewer learns from both

type LineClass = 'under_k' | 'small' | 'band' | 'normal';

interface Fig {
  key: string;
  /** Finest cells the figure counts. */
  cells: number[];
  /** True count. */
  n: number;
  status: Figure;
  /** Decided elsewhere (a margin): stated as a fact, never changed here. */
  fixed: boolean;
}

interface Line {
  parent: Fig;
  children: Fig[];
  /** The children split the parent group by answer (the k / small / band / normal rules apply). */
  distribution: boolean;
  /** When some children are no answer (AnswerSpec.nonAnswers): the others, whose sum the rules apply to. */
  answering?: Fig[];
}

const shown = (n: number): Figure => ({ shown: true, n });
const sumN = (figs: readonly Fig[]) => figs.reduce((total, f) => total + f.n, 0);
const withheld = (reason: WithheldReason, band?: 'almost_all' | 'few'): Figure => (band ? { shown: false, reason, band } : { shown: false, reason });

/** The class of a line from its true counts, and its dominant child (band). */
function classifyLine(parent: number, children: readonly number[], k: number): { cls: LineClass; dominant: number } {
  let dominant = 0;
  children.forEach((c, i) => { if (c > children[dominant]!) dominant = i; });
  if (parent < k) return { cls: 'under_k', dominant };
  if (parent < 2 * k) return { cls: 'small', dominant };
  if (parent - (children[dominant] ?? 0) < k) return { cls: 'band', dominant };
  return { cls: 'normal', dominant };
}

class Block {
  readonly figs: Fig[] = [];
  readonly lines: Line[] = [];
  /** Facts that come from outside the figures: each group's size (or base, for a filtered question). */
  readonly extra: Constraint[] = [];
  readonly sensitive: Sensitive[] = [];
  /** The facts of the municipality-level view, for breakdowns (see secondary()). */
  general: (() => Constraint[]) | null = null;
  private readonly seen = new Set<string>();

  constructor(readonly k: number, readonly truth: number[]) {}

  /** A figure over these cells; status null: decided here (applyPrimary, secondary). */
  fig(key: string, cells: number[], status: Figure | null, fixed: boolean): Fig {
    const n = cells.reduce((s, i) => s + this.truth[i]!, 0);
    const f: Fig = { key, cells, n, status: status ?? shown(n), fixed };
    this.figs.push(f);
    return f;
  }

  line(parent: Fig, children: Fig[], distribution: boolean, answering?: Fig[]): void {
    this.lines.push(answering && answering.length < children.length ? { parent, children, distribution, answering } : { parent, children, distribution });
  }

  /** Statuses from the rules (k, small, band) for the figures this block decides. */
  applyPrimary(): void {
    const rank = new Map<Fig, number>();
    const set = (f: Fig, status: Figure, r: number) => {
      if (f.fixed || (rank.get(f) ?? -1) >= r) return;
      rank.set(f, r);
      f.status = status;
    };
    for (const f of this.figs) if (!f.fixed) set(f, shown(f.n), 0);
    for (const l of this.lines) {
      if (!l.distribution) {
        for (const c of l.children) if (c.n < this.k) set(c, withheld('below_k'), 1);
        continue;
      }
      const subject = l.answering ?? l.children;
      const { cls, dominant } = classifyLine(sumN(subject), subject.map((c) => c.n), this.k);
      subject.forEach((c, i) => {
        if (cls === 'small') set(c, withheld('small_group'), 3);
        else if (cls === 'band') set(c, withheld('all_same', i === dominant ? 'almost_all' : 'few'), 2);
        else if (c.n < this.k) set(c, withheld('below_k'), 1);
      });
      for (const c of l.children) if (!subject.includes(c) && c.n < this.k) set(c, withheld('below_k'), 1);
    }
  }

  /** Everything the viewer knows, as linear facts over the finest cells. */
  facts(): Constraint[] {
    const k = this.k;
    const out: Constraint[] = [...this.extra];
    const sumOf = (cells: readonly number[], coefficient = 1) => cells.map((i) => [i, coefficient] as const);
    for (const f of this.figs) {
      const s = f.status;
      if (s.shown) out.push({ terms: sumOf(f.cells), op: '=', rhs: s.n });
      else if (s.reason === 'below_k') out.push({ terms: sumOf(f.cells), op: '<=', rhs: k - 1 });
      else if (s.reason === 'complementary') out.push({ terms: sumOf(f.cells), op: '>=', rhs: k });
    }
    // A line's class can be read off its reasons; state it in full (more than a viewer may read is safe).
    for (const l of this.lines) {
      if (!l.distribution) continue;
      const subject = l.answering ?? l.children;
      const { cls, dominant } = classifyLine(sumN(subject), subject.map((c) => c.n), k);
      const p = l.answering ? subject.flatMap((c) => c.cells) : l.parent.cells;
      if (cls === 'under_k') out.push({ terms: sumOf(p), op: '<=', rhs: k - 1 });
      else if (cls === 'small') {
        out.push({ terms: sumOf(p), op: '>=', rhs: k }, { terms: sumOf(p), op: '<=', rhs: 2 * k - 1 });
      } else {
        out.push({ terms: sumOf(p), op: '>=', rhs: 2 * k });
        if (cls === 'band') out.push({ terms: [...sumOf(subject[dominant]!.cells), ...sumOf(p, -1)], op: '>=', rhs: 1 - k });
        else for (const c of subject) out.push({ terms: [...sumOf(p), ...sumOf(c.cells, -1)], op: '>=', rhs: k });
      }
    }
    return out;
  }

  small(cells: readonly number[]): void {
    const truth = cells.reduce((s, i) => s + this.truth[i]!, 0);
    if (truth < 1 || truth >= this.k) return; // the truth itself shows the set is empty or large
    const sorted = [...new Set(cells)].sort((a, b) => a - b);
    const key = `s${sorted.join(',')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.sensitive.push({ kind: 'small', cells: sorted });
  }

  unanimous(group: readonly number[], answer: readonly number[]): void {
    const g = group.reduce((s, i) => s + this.truth[i]!, 0);
    const a = answer.reduce((s, i) => s + this.truth[i]!, 0);
    if (g < 1 || a !== g || answer.length === group.length) return;
    const key = `u${[...group].sort((x, y) => x - y).join(',')}|${[...answer].sort((x, y) => x - y).join(',')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.sensitive.push({ kind: 'unanimous', group, answer });
  }

  nonzero(cells: readonly number[]): void {
    if (cells.length === 0 || cells.some((i) => this.truth[i]! > 0)) return;
    const key = `z${[...cells].sort((x, y) => x - y).join(',')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.sensitive.push({ kind: 'nonzero', cells });
  }

  /** The sensitive sets that follow from the figures and lines (blocks add their finest ones). */
  collectSensitive(): void {
    const isWithheld = (f: Fig) => !f.fixed && !f.status.shown;
    for (const f of this.figs) if (isWithheld(f)) this.small(f.cells);
    for (const l of this.lines) {
      for (const subset of smallUnions(l.children.filter(isWithheld), this.k)) this.small(subset.flatMap((f) => f.cells));
      if (l.distribution) for (const c of l.children) this.unanimous(l.parent.cells, c.cells);
      if (l.distribution && l.answering) {
        const asked = l.answering.flatMap((c) => c.cells);
        for (const c of l.answering) this.unanimous(asked, c.cells);
      }
    }
  }
}

/**
 * Unions of withheld figures of one line whose true total is 1..k−1 (the others are safe by the truth):
 * every subset when there are at most 8, else each set of non-empty small figures (at most k−1 of them),
 * alone and with all the empty ones.
 */
function smallUnions(figs: Fig[], k: number): Fig[][] {
  if (figs.length < 2) return [];
  if (figs.length <= 8) {
    const out: Fig[][] = [];
    for (let mask = 1; mask < 1 << figs.length; mask++) {
      if ((mask & (mask - 1)) === 0) continue; // singles are checked on their own
      const subset = figs.filter((_, i) => mask & (1 << i));
      const t = subset.reduce((s, f) => s + f.n, 0);
      if (t >= 1 && t < k) out.push(subset);
    }
    return out;
  }
  const nonEmpty = figs.filter((f) => f.n > 0 && f.n < k);
  const empty = figs.filter((f) => f.n === 0);
  const out: Fig[][] = [];
  const grow = (start: number, chosen: Fig[], total: number) => {
    if (chosen.length >= 1 && total < k) {
      if (chosen.length >= 2) out.push(chosen);
      if (empty.length > 0) out.push([...chosen, ...empty]);
    }
    for (let i = start; i < nonEmpty.length; i++) {
      const t = total + nonEmpty[i]!.n;
      if (t < k) grow(i + 1, [...chosen, nonEmpty[i]!], t);
    }
  };
  grow(0, [], 0);
  return out;
}

/**
 * Withholds further figures of the block until every sensitive set is safe. Returns the first set it
 * could not make safe by withholding (nothing shown is left near it), or null when done.
 */
function secondary(block: Block): Sensitive | null {
  const auditor = new Auditor(block.k, block.truth, block.facts());
  // What the municipality-level view alone proves (head counts, the answer's distribution) holds for any set
  // of respondents of the same size, so it names no group: such a finding is not the breakdown's to fix.
  const general = block.general ? new Auditor(block.k, block.truth, block.general()) : null;
  for (const q of block.sensitive) {
    if (!auditor.isSafe(q) && general && !general.isSafe(q)) continue;
    while (!auditor.isSafe(q)) {
      // First try saying less: 'protected' instead of 'below_k' / 'complementary' near q keeps every count shown.
      const relabelled = relabel(block, q);
      if (relabelled.length > 0) {
        auditor.setConstraints(block.facts());
        if (auditor.isSafe(q)) break;
        for (const [f, status] of relabelled) f.status = status;
        auditor.setConstraints(block.facts());
      }
      const candidates = nearCandidates(block, q);
      if (candidates.length === 0) {
        if (relabelled.length === 0) return q;
        relabel(block, q);
        auditor.setConstraints(block.facts());
        continue;
      }
      let chosen: Fig | null = null;
      for (const c of candidates.slice(0, 6)) {
        c.status = withheld('complementary');
        auditor.setConstraints(block.facts());
        if (auditor.isSafe(q)) { chosen = c; break; }
        c.status = shown(c.n);
      }
      if (!chosen) candidates[0]!.status = withheld('complementary');
      auditor.setConstraints(block.facts());
    }
  }
  return null;
}

/** Withheld figures in lines that overlap q lose their precise reason; returns their old statuses. */
function relabel(block: Block, q: Sensitive): [Fig, Figure][] {
  const qCells = new Set('cells' in q ? q.cells : q.group);
  const changed: [Fig, Figure][] = [];
  for (const l of block.lines) {
    if (![l.parent, ...l.children].some((f) => f.cells.some((i) => qCells.has(i)))) continue;
    for (const f of l.children) {
      if (f.fixed || f.status.shown || (f.status.reason !== 'below_k' && f.status.reason !== 'complementary')) continue;
      changed.push([f, f.status]);
      f.status = withheld('protected');
    }
  }
  return changed;
}

/**
 * Shown figures that may help: those in a line with a withheld figure or with one that overlaps q; first
 * those in a line with a figure overlapping q, then the smallest (they cost least to withhold).
 */
function nearCandidates(block: Block, q: Sensitive): Fig[] {
  const qCells = new Set('cells' in q ? q.cells : q.group);
  const overlaps = (f: Fig) => f.cells.some((i) => qCells.has(i));
  const score = new Map<Fig, number>();
  for (const l of block.lines) {
    const members = [l.parent, ...l.children];
    const touchesQ = members.some(overlaps);
    if (!touchesQ && !members.some((f) => !f.status.shown)) continue;
    for (const f of members) {
      if (f.fixed || !f.status.shown) continue;
      score.set(f, Math.min(score.get(f) ?? 1, touchesQ ? 0 : 1));
    }
  }
  return [...score].sort(([a, sa], [b, sb]) => sa - sb || a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(([f]) => f);
}

// ---- The release

interface Header { id: string; members: string[] }

/** A block the rules could not protect: a bug (see the escalation in protectBreakdown), never the data's fault. */
class CannotProtect extends Error {}

export function protectRelease(spec: ReleaseSpec, options: { k?: number } = {}): ProtectedRelease {
  const k = options.k ?? DEFAULT_K;
  if (!Number.isInteger(k) || k < MIN_K) throw new RangeError(`k must be an integer of at least ${MIN_K}, got ${k}`);
  const order = validate(spec);
  return build(spec, order, totalRespondents(spec), k);
}

function build(spec: ReleaseSpec, order: AnswerSpec[], N: number, k: number): ProtectedRelease {
  const release: ProtectedRelease = { k, respondents: N >= k ? shown(N) : withheld('below_k'), groupings: {}, answers: {} };
  for (const [grouping, groups] of Object.entries(spec.groupings)) {
    const sizes = spec.respondents[grouping]!;
    const p = protectUnits(groups.map((g) => ({ unitId: g, n: sizes[g] ?? 0 })), 0, k);
    const out: ReleasedGrouping = { groups: {}, rest: null };
    const restMembers: string[] = [];
    for (const g of groups) {
      const d = p.total === 'below_k' ? 'below_k' : (p.units.get(g) ?? 'below_k');
      out.groups[g] = d === 'shown' ? shown(sizes[g] ?? 0) : withheld(d);
      if (d !== 'shown') restMembers.push(g);
    }
    const restN = restMembers.reduce((s, g) => s + (sizes[g] ?? 0), 0);
    if (p.total === 'shown' && restN > 0) out.rest = { members: restMembers, n: restN };
    release.groupings[grouping] = out;
  }

  const breakdowns = new Map<string, ReleasedBreakdown | null>(); // `${answer}|${grouping}`
  const byId = new Map(order.map((a) => [a.id, a]));
  // Families come in the order of their first members, and a filtered question's base is earlier in `order`.
  for (const family of familiesOf(order)) {
    const baseFig = (a: AnswerSpec): Figure => a.base
      ? (release.answers[a.base.answer]?.categories[a.base.category] ?? withheld('base_withheld'))
      : release.respondents;
    const lines = protectLines(family, family.map(baseFig), k, byId);
    family.forEach((a, i) => (release.answers[a.id] = lines[i]!));
    const groupings = [...new Set(family.flatMap((a) => Object.keys(a.byGroup ?? {})))];
    for (const grouping of groupings) {
      const made = protectBreakdowns(spec, family, grouping, release, breakdowns, k, byId);
      for (const a of family) {
        if (!a.byGroup?.[grouping]) continue;
        const b = made.get(a.id) ?? null;
        breakdowns.set(`${a.id}|${grouping}`, b);
        release.answers[a.id]!.byGroup[grouping] = b;
      }
    }
  }
  return release;
}

/** The families of linked answers (AnswerSpec.links), each in `order`, in the order of their first members. */
function familiesOf(order: readonly AnswerSpec[]): AnswerSpec[][] {
  const root = new Map(order.map((a) => [a.id, a.id]));
  const find = (id: string): string => {
    let r = id;
    while (root.get(r) !== r) r = root.get(r)!;
    return r;
  };
  const known = new Set(order.filter((a) => a.known).map((a) => a.id));
  for (const a of order) for (const l of a.links ?? []) if (!known.has(l.answer)) root.set(find(l.answer), find(a.id));
  const byRoot = new Map<string, AnswerSpec[]>();
  for (const a of order) {
    const r = find(a.id);
    if (byRoot.has(r)) byRoot.get(r)!.push(a);
    else byRoot.set(r, [a]);
  }
  return [...byRoot.values()];
}

const shownCategories = (a: ReleasedAnswer) => Object.entries(a.categories).filter(([, f]) => f.shown).map(([c]) => c);

/** An answer that shows nothing: each figure 'below_k' when its base is under k, else 'base_withheld'. */
function nothingOf(a: AnswerSpec, baseFig: Figure): ReleasedAnswer {
  const reason: WithheldReason = !baseFig.shown && baseFig.reason === 'below_k' ? 'below_k' : 'base_withheld';
  const base = baseFig.shown ? withheld('base_withheld') : baseFig;
  return { id: a.id, base, categories: Object.fromEntries(a.categories.map((c) => [c, withheld(reason)])), other: null, byGroup: {} };
}

/** Where each member's cells are in a block: `cells(m)` of all groups, `cell(m, g, c)` one. */
class FamilyCells {
  readonly truth: number[] = [];
  private readonly offsets: number[] = [];
  private readonly groupIndex: Map<string, number>;
  private readonly categoryIndex: Map<string, number>[];

  /** groups: null for the whole base (one cell per category); counts(m, g, c) the true count. */
  constructor(readonly family: readonly AnswerSpec[], readonly groups: readonly string[] | null, counts: (m: number, g: string | null, c: string) => number) {
    this.groupIndex = new Map((groups ?? ['']).map((g, i) => [g, i]));
    this.categoryIndex = family.map((a) => new Map(a.categories.map((c, i) => [c, i])));
    family.forEach((a, m) => {
      this.offsets.push(this.truth.length);
      for (const g of groups ?? [null]) for (const c of a.categories) this.truth.push(counts(m, g, c));
    });
  }

  cell(m: number, g: string | null, c: string): number {
    return this.offsets[m]! + this.groupIndex.get(g ?? '')! * this.family[m]!.categories.length + this.categoryIndex[m]!.get(c)!;
  }

  /** Cells of these groups (all: null) and categories. */
  of(m: number, groups: readonly string[] | null, categories: readonly string[]): number[] {
    return (groups ?? this.groups ?? [null]).flatMap((g) => categories.map((c) => this.cell(m, g, c)));
  }

  /**
   * The links as facts: in every group (or over the whole base when `groups` is null). A link to an answer
   * outside the family (a known one) states the member's count outright: `known` gives the other side.
   */
  links(known: (answer: AnswerSpec, group: string | null, categories: readonly string[]) => number, byId: ReadonlyMap<string, AnswerSpec>): Constraint[] {
    const index = new Map(this.family.map((a, i) => [a.id, i]));
    const out: Constraint[] = [];
    this.family.forEach((a, m) => {
      for (const l of a.links ?? []) {
        const o = index.get(l.answer);
        for (const g of this.groups ?? [null]) {
          const these = this.of(m, g === null ? null : [g], l.these).map((i) => [i, 1] as const);
          const plus = l.plus ? known(byId.get(l.plus.answer)!, g, l.plus.those) : 0;
          if (o === undefined) out.push({ terms: these, op: l.op, rhs: known(byId.get(l.answer)!, g, l.those) + plus });
          else out.push({ terms: [...these, ...this.of(o, g === null ? null : [g], l.those).map((i) => [i, -1] as const)], op: l.op, rhs: plus });
        }
      }
    });
    return out;
  }
}

/**
 * The distributions of a family over its whole base, protected together (for an answer without links: its
 * own). Answers in `withhold` and those whose base is withheld show nothing, but their counts stay in the
 * block, tied to the others by the links. Should the line rules of linked answers together give something
 * away that no withholding of counts can hide, the last member shows nothing and the rest are done again.
 */
function protectLines(family: readonly AnswerSpec[], baseFigs: readonly Figure[], k: number, byId: ReadonlyMap<string, AnswerSpec>): ReleasedAnswer[] {
  const silent = new Set(family.filter((a, m) => a.withhold || !baseFigs[m]!.shown).map((a) => a.id));
  for (;;) {
    const cells = new FamilyCells(family, null, (m, _g, c) => family[m]!.total[c] ?? 0);
    const block = new Block(k, cells.truth);
    block.extra.push(...cells.links((o, _g, cs) => cs.reduce((t, c) => t + (o.total[c] ?? 0), 0), byId));
    // What the known answers and the bases tell of a member is no finding (e.g. how many were given the one
    // form that has a question: when they are few, that line holds few, whatever it shows).
    const general = [...block.extra];
    if (general.length > 0) block.general = () => general;
    const figs = family.map((a, m) => {
      const all = cells.of(m, null, a.categories);
      const n = all.reduce((s, i) => s + cells.truth[i]!, 0);
      const base = block.fig(`${m}|base`, all, shown(n), true);
      general.push({ terms: all.map((i) => [i, 1] as const), op: '=', rhs: n });
      if (silent.has(a.id)) return null;
      const cats = a.categories.map((c) => block.fig(c, [cells.cell(m, null, c)], null, false));
      block.line(base, cats, true, cats.filter((f) => !a.nonAnswers?.includes(f.key)));
      return cats;
    });
    block.applyPrimary();
    block.collectSensitive();
    const stuck = secondary(block);
    const last = [...family].reverse().find((a) => !silent.has(a.id));
    if (stuck && last && last !== family.find((a) => !silent.has(a.id))) {
      silent.add(last.id);
      continue;
    }
    // Cannot happen for one answer: with every count 'protected' its line says no more than its base and class.
    if (stuck) throw new CannotProtect(`answer ${family[0]!.id}: its distribution cannot be protected`);
    return family.map((a, m) => {
      const cats = figs[m];
      if (!cats) return nothingOf(a, baseFigs[m]!);
      const out: ReleasedAnswer = { id: a.id, base: baseFigs[m]!, categories: {}, other: null, byGroup: {} };
      cats.forEach((f) => (out.categories[f.key] = f.status));
      const members = cats.filter((f) => !f.status.shown).map((f) => f.key);
      const n = cats.filter((f) => !f.status.shown).reduce((s, f) => s + f.n, 0);
      // (Under k only where known counts give it away, e.g. a form few were given: not shown as a figure then.)
      if (members.length > 0 && n >= k) out.other = { members, n };
      return out;
    });
  }
}

/**
 * A family broken down by one grouping, protected together: each member with its breakdown (those that
 * have one and show an answer on its own), the others with their distributions only. Rows, shared by the
 * members: the groups whose base is shown, the rest together; columns: each member's answers shown in its
 * distribution, the rest together. When the block cannot be protected by withholding cells, rows move into
 * REST one by one: with all of them there, the breakdowns say no more than the distributions and the group
 * sizes, whose findings are not the breakdowns' (see secondary()).
 */
function protectBreakdowns(
  spec: ReleaseSpec,
  family: readonly AnswerSpec[],
  grouping: string,
  release: ProtectedRelease,
  breakdowns: Map<string, ReleasedBreakdown | null>,
  k: number,
  byId: ReadonlyMap<string, AnswerSpec>,
): Map<string, ReleasedBreakdown | null> {
  const groups = spec.groupings[grouping]!;
  const sizes = spec.respondents[grouping]!;
  const answers = family.map((a) => release.answers[a.id]!);
  const broken = family.map((a, m) => {
    const answer = answers[m]!;
    return Boolean(a.byGroup?.[grouping]) && answer.base.shown && answer.other?.members.length !== a.categories.length && shownCategories(answer).length > 0;
  });
  const out = new Map<string, ReleasedBreakdown | null>();
  if (!broken.some(Boolean)) return out;
  const filtered = family.length === 1 ? family[0]!.base : undefined;

  // Base rows: for questions everyone was asked, the groups of the participation table; for a filtered
  // question, the rows of the base answer's breakdown, each with its count of the base answer.
  let baseRows: { header: Header; status: Figure }[];
  const merged: Record<string, Figure> = {};
  if (filtered) {
    const parent = breakdowns.get(`${filtered.answer}|${grouping}`);
    const col = parent?.columns.find((c) => c.id === filtered.category);
    if (!parent || !col) return out;
    baseRows = parent.rows.map((r) => ({ header: { id: r.id, members: r.members }, status: parent.cells[r.id]![col.id]! }));
    for (const [g, why] of Object.entries(parent.merged)) merged[g] = why;
  } else {
    const g = release.groupings[grouping]!;
    baseRows = groups.filter((id) => g.groups[id]!.shown).map((id) => ({ header: { id, members: [id] }, status: g.groups[id]! }));
    if (g.rest) baseRows.push({ header: { id: REST, members: g.rest.members }, status: shown(g.rest.n) });
    for (const id of groups) if (!g.groups[id]!.shown) merged[id] = g.groups[id]!;
  }
  const cells = new FamilyCells(family, groups, (m, g, c) => family[m]!.byGroup![grouping]![g!]?.[c] ?? 0);
  const extraRowMerges = new Set<string>();

  for (;;) {
    // Headers for this attempt.
    const rows: Header[] = [];
    const restMembers: string[] = [];
    const why: Record<string, Figure> = { ...merged };
    for (const r of baseRows) {
      if (r.status.shown && !extraRowMerges.has(r.header.id) && r.header.id !== REST) rows.push(r.header);
      else {
        restMembers.push(...r.header.members);
        if (r.header.id !== REST) for (const g of r.header.members) why[g] = r.status.shown ? withheld('complementary') : r.status;
      }
    }
    if (restMembers.length > 0) rows.push({ id: REST, members: restMembers });

    const block = new Block(k, [...cells.truth]);
    const truth = block.truth;
    // What the viewer knows from elsewhere: each group's respondents (participation is public while the wave
    // runs) and, for a filtered question, each group's base as if it were shown — more than the base answer's
    // breakdown tells, so whatever that block withholds, this one stays safe on its own. And the links.
    family.forEach((a, m) => {
      for (const g of groups) {
        const gc = cells.of(m, [g], a.categories);
        block.extra.push({ terms: gc.map((i) => [i, 1] as const), op: '=', rhs: filtered ? gc.reduce((s, i) => s + truth[i]!, 0) : (sizes[g] ?? 0) });
      }
    });
    block.extra.push(...cells.links((o, g, cs) => cs.reduce((t, c) => t + (o.byGroup?.[grouping]?.[g!]?.[c] ?? 0), 0), byId));
    const isAnswer = (a: AnswerSpec) => (c: string) => !a.nonAnswers?.includes(c);
    family.forEach((a, m) => {
      const answer = answers[m]!;
      if (!answer.base.shown) return;
      const baseFig = block.fig(`${m}|base`, cells.of(m, null, a.categories), shown(answer.base.n), true);
      const catFigs = a.categories.map((c) => block.fig(`${m}|L|${c}`, cells.of(m, null, [c]), answer.categories[c]!, true));
      block.line(baseFig, catFigs, true, catFigs.filter((_, i) => isAnswer(a)(a.categories[i]!)));
    });
    const generalFacts = block.facts(); // so far: head counts, links and the distributions
    block.general = () => generalFacts;

    type Made = { cols: Header[]; rowFigs: Map<string, Fig>; colFigs: Map<string, Fig>; inner: Map<string, Fig> };
    const made = new Map<number, Made>();
    family.forEach((a, m) => {
      if (!broken[m]) return;
      const answer = answers[m]!;
      const of = (gs: readonly string[], cs: readonly string[]) => cells.of(m, gs, cs);
      const cols: Header[] = shownCategories(answer).map((c) => ({ id: c, members: [c] }));
      const otherMembers = a.categories.filter((c) => !cols.some((h) => h.id === c));
      if (otherMembers.length > 0) cols.push({ id: OTHER, members: otherMembers });
      for (const r of baseRows) block.fig(`${m}|B|${r.header.id}`, of(r.header.members, a.categories), r.status, true);
      const rowFigs = new Map<string, Fig>();
      for (const r of rows) rowFigs.set(r.id, block.fig(`${m}|R|${r.id}`, of(r.members, a.categories), null, true));
      const colFigs = new Map<string, Fig>();
      for (const c of cols) colFigs.set(c.id, block.fig(`${m}|C|${c.id}`, of(groups, c.members), null, true));
      const inner = new Map<string, Fig>();
      for (const r of rows) for (const c of cols) inner.set(`${r.id}|${c.id}`, block.fig(`${m}|I|${r.id}|${c.id}`, of(r.members, c.members), null, false));
      const answeringCols = cols.filter((c) => c.members.some(isAnswer(a)));
      for (const r of rows) block.line(rowFigs.get(r.id)!, cols.map((c) => inner.get(`${r.id}|${c.id}`)!), true, answeringCols.map((c) => inner.get(`${r.id}|${c.id}`)!));
      for (const c of cols) block.line(colFigs.get(c.id)!, rows.map((r) => inner.get(`${r.id}|${c.id}`)!), false);
      made.set(m, { cols, rowFigs, colFigs, inner });
    });
    block.applyPrimary();

    // Finest sensitive sets: each group × answer cell, and each group's unanimity on an answer or a column.
    block.collectSensitive();
    for (const [m, { cols }] of made) {
      const a = family[m]!;
      const of = (gs: readonly string[], cs: readonly string[]) => cells.of(m, gs, cs);
      for (const g of groups) {
        const gc = of([g], a.categories);
        // Any set of answers within the group (for a group under k: its answers must stay open either way).
        for (const set of nonEmptySubsets(a.categories)) if (set.length < a.categories.length) block.small(of([g], set));
        for (const c of a.categories) block.unanimous(gc, [cells.cell(m, g, c)]);
        const asked = a.categories.filter(isAnswer(a));
        if (asked.length < a.categories.length) for (const c of asked) block.unanimous(of([g], asked), [cells.cell(m, g, c)]);
        for (const col of cols) block.unanimous(gc, of([g], col.members));
      }
      for (const r of rows) for (const c of a.categories) block.unanimous(of(r.members, a.categories), of(r.members, [c]));
      // A group's zero is protected when somebody in the base gave the answer (a zero of the whole base is no secret).
      const given = (cs: readonly string[]) => cs.some((c) => (a.total[c] ?? 0) > 0);
      for (const r of rows) for (const c of cols) if (given(c.members)) block.nonzero(of(r.members, c.members));
      for (const g of groups) {
        if (of([g], a.categories).every((i) => truth[i] === 0)) continue; // nobody of g in the base: participation says so
        for (const c of a.categories) if (given([c])) block.nonzero([cells.cell(m, g, c)]);
      }
    }

    const stuck = secondary(block);
    if (!stuck) {
      for (const [m, { cols, rowFigs, colFigs, inner }] of made) {
        // An empty REST or OTHER is left out (its cells are all 0, which the totals already say).
        const outRows = rows.map((r) => ({ ...r, n: rowFigs.get(r.id)!.n })).filter((r) => r.id !== REST || r.n > 0);
        const outCols = cols.map((c) => ({ ...c, n: colFigs.get(c.id)!.n })).filter((c) => c.id !== OTHER || c.n > 0);
        out.set(family[m]!.id, {
          rows: outRows,
          columns: outCols,
          cells: Object.fromEntries(outRows.map((r) => [r.id, Object.fromEntries(outCols.map((c) => [c.id, inner.get(`${r.id}|${c.id}`)!.status]))])),
          merged: why,
        });
      }
      return out;
    }
    // Move the smallest row touching the stuck set into REST (else the smallest row), and try again.
    const qCells = new Set('cells' in stuck ? stuck.cells : stuck.group);
    const touches = (cs: number[]) => cs.some((i) => qCells.has(i));
    const rowChoice = rows.filter((r) => r.id !== REST)
      .map((r) => ({ id: r.id, cells: [...made.values()].flatMap((x) => x.rowFigs.get(r.id)!.cells), n: [...made.values()][0]!.rowFigs.get(r.id)!.n }))
      .sort((x, y) => Number(touches(y.cells)) - Number(touches(x.cells)) || x.n - y.n)[0];
    if (!rowChoice) throw new CannotProtect(`answer ${family[0]!.id} by ${grouping} cannot be protected`);
    extraRowMerges.add(rowChoice.id);
  }
}

function nonEmptySubsets<T>(xs: readonly T[]): T[][] {
  if (xs.length > 12) throw new RangeError('too many answer categories for one question (at most 12)');
  return Array.from({ length: (1 << xs.length) - 1 }, (_, m) => xs.filter((_, i) => (m + 1) & (1 << i)));
}

function totalRespondents(spec: ReleaseSpec): number {
  const totals = Object.keys(spec.groupings).map((g) => Object.values(spec.respondents[g] ?? {}).reduce((s, n) => s + n, 0));
  return totals[0] ?? 0;
}

/** Checks that the counts fit together; returns the answers with every base answer before the answers it filters. */
function validate(spec: ReleaseSpec): AnswerSpec[] {
  const count = (n: unknown, what: string) => {
    if (!Number.isInteger(n) || (n as number) < 0) throw new RangeError(`${what}: not a count (${String(n)})`);
  };
  let N: number | null = null;
  for (const [grouping, groups] of Object.entries(spec.groupings)) {
    if (new Set(groups).size !== groups.length) throw new RangeError(`grouping ${grouping}: a group is listed twice`);
    if (groups.includes(REST)) throw new RangeError(`grouping ${grouping}: ${REST} is reserved`);
    const sizes = spec.respondents[grouping];
    if (!sizes) throw new RangeError(`grouping ${grouping}: no respondent counts`);
    for (const g of Object.keys(sizes)) if (!groups.includes(g)) throw new RangeError(`grouping ${grouping}: unknown group ${g}`);
    let total = 0;
    for (const g of groups) {
      count(sizes[g] ?? 0, `${grouping}/${g}`);
      total += sizes[g] ?? 0;
    }
    if (N !== null && total !== N) throw new RangeError(`grouping ${grouping} adds up to ${total}, another to ${N}`);
    N = total;
  }
  const byId = new Map<string, AnswerSpec>();
  for (const a of spec.answers) {
    if (byId.has(a.id)) throw new RangeError(`answer ${a.id} is listed twice`);
    byId.set(a.id, a);
  }
  const baseSize = (a: AnswerSpec): number => {
    if (!a.base) return N ?? 0;
    const parent = byId.get(a.base.answer);
    if (!parent || !parent.categories.includes(a.base.category)) throw new RangeError(`answer ${a.id}: unknown base ${a.base.answer}=${a.base.category}`);
    return parent.total[a.base.category] ?? 0;
  };
  for (const a of spec.answers) {
    if (a.categories.length === 0 || new Set(a.categories).size !== a.categories.length) throw new RangeError(`answer ${a.id}: categories must be distinct and not empty`);
    if (a.categories.includes(OTHER)) throw new RangeError(`answer ${a.id}: ${OTHER} is reserved`);
    for (const c of Object.keys(a.total)) if (!a.categories.includes(c)) throw new RangeError(`answer ${a.id}: unknown category ${c}`);
    for (const c of a.nonAnswers ?? []) if (!a.categories.includes(c)) throw new RangeError(`answer ${a.id}: unknown non-answer ${c}`);
    let total = 0;
    for (const c of a.categories) {
      count(a.total[c] ?? 0, `${a.id}/${c}`);
      total += a.total[c] ?? 0;
    }
    if (total !== baseSize(a)) throw new RangeError(`answer ${a.id}: the categories add up to ${total}, the base is ${baseSize(a)}`);
    for (const [grouping, rows] of Object.entries(a.byGroup ?? {})) {
      const groups = spec.groupings[grouping];
      if (!groups) throw new RangeError(`answer ${a.id}: unknown grouping ${grouping}`);
      const parentRows = a.base ? byId.get(a.base.answer)!.byGroup?.[grouping] : undefined;
      if (a.base && !parentRows) throw new RangeError(`answer ${a.id}: broken down by ${grouping}, its base answer ${a.base.answer} is not`);
      for (const g of Object.keys(rows)) if (!groups.includes(g)) throw new RangeError(`answer ${a.id}: unknown group ${g}`);
      const colSums = new Map<string, number>();
      for (const g of groups) {
        let rowSum = 0;
        for (const c of Object.keys(rows[g] ?? {})) if (!a.categories.includes(c)) throw new RangeError(`answer ${a.id}/${g}: unknown category ${c}`);
        for (const c of a.categories) {
          const n = rows[g]?.[c] ?? 0;
          count(n, `${a.id}/${grouping}/${g}/${c}`);
          rowSum += n;
          colSums.set(c, (colSums.get(c) ?? 0) + n);
        }
        const expected = a.base ? (parentRows![g]?.[a.base.category] ?? 0) : (spec.respondents[grouping]![g] ?? 0);
        if (rowSum !== expected) throw new RangeError(`answer ${a.id}/${grouping}/${g}: adds up to ${rowSum}, the group's base is ${expected}`);
      }
      for (const c of a.categories) {
        if ((colSums.get(c) ?? 0) !== (a.total[c] ?? 0)) throw new RangeError(`answer ${a.id}/${grouping}: ${c} adds up to ${colSums.get(c) ?? 0}, the total says ${a.total[c] ?? 0}`);
      }
    }
  }
  // Links: between answers without a base, broken down alike, and true of the counts.
  for (const a of spec.answers) {
    for (const l of a.links ?? []) {
      const o = byId.get(l.answer);
      if (!o || o === a) throw new RangeError(`answer ${a.id}: link to an unknown answer ${l.answer}`);
      if (a.base || o.base) throw new RangeError(`answer ${a.id}: a filtered question (base) cannot be linked`);
      for (const c of l.these) if (!a.categories.includes(c)) throw new RangeError(`answer ${a.id}: link of an unknown category ${c}`);
      for (const c of l.those) if (!o.categories.includes(c)) throw new RangeError(`answer ${a.id}: link to an unknown category ${o.id}/${c}`);
      const groupings = Object.keys(a.byGroup ?? {});
      const others = Object.keys(o.byGroup ?? {});
      if (o.known ? !groupings.every((g) => others.includes(g)) : groupings.sort().join() !== others.sort().join()) {
        throw new RangeError(`answer ${a.id}: linked to ${o.id}, which is broken down by other groupings`);
      }
      const plus = l.plus ? byId.get(l.plus.answer) : undefined;
      if (l.plus && (!plus?.known || !Object.keys(a.byGroup ?? {}).every((g) => plus.byGroup?.[g]))) throw new RangeError(`answer ${a.id}: a link adds an answer that is not known or not broken down alike`);
      const count = (x: Readonly<Record<string, number>> | undefined, cs: readonly string[]) => cs.reduce((s, c) => s + (x?.[c] ?? 0), 0);
      const holds = (x: Readonly<Record<string, number>> | undefined, y: Readonly<Record<string, number>> | undefined, z: Readonly<Record<string, number>> | undefined) => {
        const left = count(x, l.these);
        const right = count(y, l.those) + (l.plus ? count(z, l.plus.those) : 0);
        return l.op === '=' ? left === right : left <= right;
      };
      if (!holds(a.total, o.total, plus?.total)) throw new RangeError(`answer ${a.id}: its link to ${o.id} does not hold`);
      for (const [grouping, rows] of Object.entries(a.byGroup ?? {})) {
        for (const g of spec.groupings[grouping]!) {
          if (!holds(rows[g], o.byGroup?.[grouping]?.[g], plus?.byGroup?.[grouping]?.[g])) throw new RangeError(`answer ${a.id}: its link to ${o.id} does not hold in ${grouping}/${g}`);
        }
      }
    }
  }
  // Base answers first (and no cycles).
  const order: AnswerSpec[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (a: AnswerSpec) => {
    if (state.get(a.id) === 'done') return;
    if (state.get(a.id) === 'visiting') throw new RangeError(`answer ${a.id}: its base refers back to itself`);
    state.set(a.id, 'visiting');
    if (a.base) visit(byId.get(a.base.answer)!);
    state.set(a.id, 'done');
    order.push(a);
  };
  spec.answers.forEach(visit);
  return order;
}
