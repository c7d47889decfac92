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
  /** Respondents of the base per category. */
  total: Readonly<Record<string, number>>;
  /** The breakdowns to release: grouping → group → category → count (a missing count is 0). */
  byGroup?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>>;
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
  for (const a of order) {
    const baseFig: Figure = a.base
      ? (release.answers[a.base.answer]?.categories[a.base.category] ?? withheld('base_withheld'))
      : release.respondents;
    const answer = protectLine(a, baseFig, k);
    release.answers[a.id] = answer;
    for (const grouping of Object.keys(a.byGroup ?? {})) {
      const b = answer.other?.members.length === a.categories.length || !answer.base.shown || shownCategories(answer).length === 0
        ? null
        : protectBreakdown(spec, a, grouping, answer, release, breakdowns, k);
      breakdowns.set(`${a.id}|${grouping}`, b);
      answer.byGroup[grouping] = b;
    }
  }
  return release;
}

const shownCategories = (a: ReleasedAnswer) => Object.entries(a.categories).filter(([, f]) => f.shown).map(([c]) => c);

/** One answer's distribution over its whole base. */
function protectLine(a: AnswerSpec, baseFig: Figure, k: number): ReleasedAnswer {
  const out: ReleasedAnswer = { id: a.id, base: baseFig, categories: {}, other: null, byGroup: {} };
  if (!baseFig.shown) {
    // The base is withheld: so is everything in it, for the same reason when it is 'below_k'.
    const reason: WithheldReason = baseFig.reason === 'below_k' ? 'below_k' : 'base_withheld';
    for (const c of a.categories) out.categories[c] = withheld(reason);
    return out;
  }
  const truth = a.categories.map((c) => a.total[c] ?? 0);
  const block = new Block(k, truth);
  const base = block.fig('base', truth.map((_, i) => i), shown(baseFig.n), true);
  const cats = a.categories.map((c, i) => block.fig(c, [i], null, false));
  block.line(base, cats, true, cats.filter((f) => !a.nonAnswers?.includes(f.key)));
  block.applyPrimary();
  block.collectSensitive();
  const stuck = secondary(block);
  // Cannot happen: with every count 'protected' the line says no more than its base and class.
  if (stuck) throw new CannotProtect(`answer ${a.id}: its distribution cannot be protected`);
  cats.forEach((f) => (out.categories[f.key] = f.status));
  const members = cats.filter((f) => !f.status.shown).map((f) => f.key);
  const n = cats.filter((f) => !f.status.shown).reduce((s, f) => s + f.n, 0);
  if (members.length > 0 && n > 0) out.other = { members, n };
  return out;
}

/**
 * One answer broken down by one grouping. Rows: the groups whose base is shown, the rest together;
 * columns: the answers shown in the distribution, the rest together. When the block cannot be protected
 * by withholding cells, rows move into REST one by one: with all of them there, the breakdown says no more
 * than the distribution and the group sizes, whose findings are not the breakdown's (see secondary()).
 */
function protectBreakdown(
  spec: ReleaseSpec,
  a: AnswerSpec,
  grouping: string,
  answer: ReleasedAnswer,
  release: ProtectedRelease,
  breakdowns: Map<string, ReleasedBreakdown | null>,
  k: number,
): ReleasedBreakdown | null {
  const groups = spec.groupings[grouping]!;
  const sizes = spec.respondents[grouping]!;
  const counts = a.byGroup![grouping]!;

  // Base rows: for a question everyone was asked, the groups of the participation table; for a filtered
  // question, the rows of the base answer's breakdown, each with its count of the base answer.
  let baseRows: { header: Header; status: Figure }[];
  const merged: Record<string, Figure> = {};
  if (a.base) {
    const parent = breakdowns.get(`${a.base.answer}|${grouping}`);
    const col = parent?.columns.find((c) => c.id === a.base!.category);
    if (!parent || !col) return null;
    baseRows = parent.rows.map((r) => ({ header: { id: r.id, members: r.members }, status: parent.cells[r.id]![col.id]! }));
    for (const [g, why] of Object.entries(parent.merged)) merged[g] = why;
  } else {
    const g = release.groupings[grouping]!;
    baseRows = groups.filter((id) => g.groups[id]!.shown).map((id) => ({ header: { id, members: [id] }, status: g.groups[id]! }));
    if (g.rest) baseRows.push({ header: { id: REST, members: g.rest.members }, status: shown(g.rest.n) });
    for (const id of groups) if (!g.groups[id]!.shown) merged[id] = g.groups[id]!;
  }
  const shownCats = shownCategories(answer);
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
    const cols: Header[] = shownCats.map((c) => ({ id: c, members: [c] }));
    const otherMembers = a.categories.filter((c) => !cols.some((h) => h.id === c));
    if (otherMembers.length > 0) cols.push({ id: OTHER, members: otherMembers });

    // Finest cells: group × category.
    const gi = new Map(groups.map((g, i) => [g, i]));
    const ci = new Map(a.categories.map((c, i) => [c, i]));
    const C = a.categories.length;
    const cell = (g: string, c: string) => gi.get(g)! * C + ci.get(c)!;
    const truth = groups.flatMap((g) => a.categories.map((c) => counts[g]?.[c] ?? 0));
    const baseN = answer.base.shown ? answer.base.n : 0;
    const block = new Block(k, truth);
    const cellsOf = (gs: readonly string[], cs: readonly string[]) => gs.flatMap((g) => cs.map((c) => cell(g, c)));

    // What the viewer knows from elsewhere: each group's respondents (participation is public while the wave
    // runs) and, for a filtered question, each group's base as if it were shown — more than the base answer's
    // breakdown tells, so whatever that block withholds, this one stays safe on its own.
    for (const g of groups) {
      const groupBase = cellsOf([g], a.categories).reduce((s, i) => s + truth[i]!, 0);
      block.extra.push({ terms: cellsOf([g], a.categories).map((i) => [i, 1] as const), op: '=', rhs: a.base ? groupBase : (sizes[g] ?? 0) });
    }
    const all = cellsOf(groups, a.categories);
    const baseFig = block.fig('base', all, shown(baseN), true);
    const catFigs = a.categories.map((c) => block.fig(`L|${c}`, cellsOf(groups, [c]), answer.categories[c]!, true));
    const isAnswer = (c: string) => !a.nonAnswers?.includes(c);
    block.line(baseFig, catFigs, true, catFigs.filter((_, i) => isAnswer(a.categories[i]!)));
    const generalFacts = block.facts(); // so far: head counts and the distribution
    block.general = () => generalFacts;
    for (const r of baseRows) block.fig(`B|${r.header.id}`, cellsOf(r.header.members, a.categories), r.status, true);
    const rowFigs = new Map<string, Fig>();
    for (const r of rows) {
      const n = cellsOf(r.members, a.categories).reduce((s, i) => s + truth[i]!, 0);
      rowFigs.set(r.id, block.fig(`R|${r.id}`, cellsOf(r.members, a.categories), shown(n), true));
    }
    const colFigs = new Map<string, Fig>();
    for (const c of cols) {
      const n = cellsOf(groups, c.members).reduce((s, i) => s + truth[i]!, 0);
      colFigs.set(c.id, block.fig(`C|${c.id}`, cellsOf(groups, c.members), shown(n), true));
    }
    const inner = new Map<string, Fig>();
    for (const r of rows) for (const c of cols) inner.set(`${r.id}|${c.id}`, block.fig(`I|${r.id}|${c.id}`, cellsOf(r.members, c.members), null, false));
    const answeringCols = cols.filter((c) => c.members.some(isAnswer));
    for (const r of rows) block.line(rowFigs.get(r.id)!, cols.map((c) => inner.get(`${r.id}|${c.id}`)!), true, answeringCols.map((c) => inner.get(`${r.id}|${c.id}`)!));
    for (const c of cols) block.line(colFigs.get(c.id)!, rows.map((r) => inner.get(`${r.id}|${c.id}`)!), false);
    block.applyPrimary();

    // Finest sensitive sets: each group × answer cell, and each group's unanimity on an answer or a column.
    block.collectSensitive();
    for (const g of groups) {
      const gc = cellsOf([g], a.categories);
      // Any set of answers within the group (for a group under k: its answers must stay open either way).
      for (const set of nonEmptySubsets(a.categories)) if (set.length < a.categories.length) block.small(cellsOf([g], set));
      for (const c of a.categories) block.unanimous(gc, [cell(g, c)]);
      const asked = a.categories.filter(isAnswer);
      if (asked.length < a.categories.length) for (const c of asked) block.unanimous(cellsOf([g], asked), [cell(g, c)]);
      for (const col of cols) block.unanimous(gc, cellsOf([g], col.members));
    }
    for (const r of rows) for (const c of a.categories) block.unanimous(cellsOf(r.members, a.categories), cellsOf(r.members, [c]));
    // A group's zero is protected when somebody in the base gave the answer (a zero of the whole base is no secret).
    const given = (cs: readonly string[]) => cs.some((c) => (a.total[c] ?? 0) > 0);
    for (const r of rows) for (const c of cols) if (given(c.members)) block.nonzero(cellsOf(r.members, c.members));
    for (const g of groups) {
      if (cellsOf([g], a.categories).every((i) => truth[i] === 0)) continue; // nobody of g in the base: participation says so
      for (const c of a.categories) if (given([c])) block.nonzero([cell(g, c)]);
    }

    const stuck = secondary(block);
    if (!stuck) {
      // An empty REST or OTHER is left out (its cells are all 0, which the totals already say).
      const outRows = rows.map((r) => ({ ...r, n: rowFigs.get(r.id)!.n })).filter((r) => r.id !== REST || r.n > 0);
      const outCols = cols.map((c) => ({ ...c, n: colFigs.get(c.id)!.n })).filter((c) => c.id !== OTHER || c.n > 0);
      return {
        rows: outRows,
        columns: outCols,
        cells: Object.fromEntries(outRows.map((r) => [r.id, Object.fromEntries(outCols.map((c) => [c.id, inner.get(`${r.id}|${c.id}`)!.status]))])),
        merged: why,
      };
    }
    // Move the smallest row touching the stuck set into REST (else the smallest row), and try again.
    const qCells = new Set('cells' in stuck ? stuck.cells : stuck.group);
    const touches = (cells: number[]) => cells.some((i) => qCells.has(i));
    const rowChoice = rows.filter((r) => r.id !== REST).map((r) => rowFigs.get(r.id)!)
      .sort((x, y) => Number(touches(y.cells)) - Number(touches(x.cells)) || x.n - y.n)[0];
    if (!rowChoice) throw new CannotProtect(`answer ${a.id} by ${grouping} cannot be protected`);
    extraRowMerges.add(rowChoice.key.slice(2));
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
