/**
 * Reading a frozen release (contracts/release.ts, docs/disclosure.md), for the results page and the PDF/XLSX
 * reports alike: figures as counts or withheld markers, the lines of a distribution (a total, or one row of
 * a breakdown), and sums over answer categories derived only from shown counts — a sum that would need a
 * withheld count is withheld too, never guessed or shown as 0.
 */
import type { AnswerInfo, MeanCell, ReleaseBody, ReleaseFigure, ReleasedAnswer, ReleasedBreakdown, WithheldReason } from '../contracts/release.js';
import { SIZE_CLASSES } from './municipality-attributes.js';
import { qt } from './statistics/distributions.js';

/** Special categories and groups of a release (release-spec.ts, disclosure/release.ts). */
export const MISSING = '#missing';
export const NOT_ASKED = '#not_asked';
export const NO_SCORE = '#no_score';
export const NONE = '#none';
export const REST = '#rest';
export const OTHER = '#other';
export const NOT_RELEVANT = 'na';

export interface Withheld {
  suppressed: true;
  reason: WithheldReason;
  band?: 'almost_all' | 'few';
}
/** A count, or why it is withheld. */
export type Figure = number | Withheld;

export const isWithheld = (f: unknown): f is Withheld => typeof f === 'object' && f !== null && (f as { suppressed?: unknown }).suppressed === true;

/** A figure derived from others that cannot be worked out from shown counts. */
export const WITHHELD_DERIVED: Withheld = { suppressed: true, reason: 'protected' };

export function toFigure(f: ReleaseFigure | undefined): Figure {
  if (!f) return WITHHELD_DERIVED;
  if (f.shown) return f.n;
  return f.band ? { suppressed: true, reason: f.reason, band: f.band } : { suppressed: true, reason: f.reason };
}

/** One part of a line: the categories it stands for (one, or several merged in OTHER) and its count. */
export interface LinePart {
  id: string;
  members: string[];
  figure: Figure;
}

/** A group split by one answer: its size and its parts (every respondent of the group is in one part). */
export interface Line {
  n: Figure;
  parts: LinePart[];
  /** The withheld categories of a total together, when the release shows their sum (ReleasedAnswer.other). */
  other?: { members: string[]; n: number } | null;
}

/** The whole population's line of an answer, in the order of its categories. */
export function totalLine(answer: ReleasedAnswer, info: AnswerInfo): Line {
  const categories = [...info.categories, ...Object.keys(answer.categories).filter((c) => !info.categories.includes(c))];
  return {
    n: toFigure(answer.base),
    parts: categories.filter((c) => c in answer.categories).map((c) => ({ id: c, members: [c], figure: toFigure(answer.categories[c]) })),
    other: answer.other,
  };
}

/** One row of a breakdown. */
export function rowLine(breakdown: ReleasedBreakdown, rowId: string): Line {
  const row = breakdown.rows.find((r) => r.id === rowId);
  const cells = breakdown.cells[rowId] ?? {};
  return {
    n: row ? row.n : WITHHELD_DERIVED,
    parts: breakdown.columns.map((c) => ({ id: c.id, members: c.members, figure: toFigure(cells[c.id]) })),
  };
}

function sumFrom(n: Figure, parts: LinePart[], set: ReadonlySet<string>): number | null {
  const inside = parts.filter((p) => p.members.every((m) => set.has(m)));
  const outside = parts.filter((p) => p.members.every((m) => !set.has(m)));
  if (inside.length + outside.length < parts.length) return null; // a merged part straddles the set
  const add = (list: LinePart[]) => list.reduce<number | null>((s, p) => (s === null || typeof p.figure !== 'number' ? null : s + p.figure), 0);
  const direct = add(inside);
  if (direct !== null) return direct;
  const rest = add(outside);
  return rest !== null && typeof n === 'number' ? n - rest : null;
}

/**
 * How many in the line gave one of `categories`, from shown counts only: the shown parts inside the set,
 * or the line's n minus the shown parts outside it. Withheld (with the reason of the first withheld part
 * it needs) when neither works.
 */
export function sumOf(line: Line, categories: Iterable<string>): Figure {
  const set = new Set(categories);
  const found = sumFrom(line.n, line.parts, set);
  if (found !== null) return found;
  if (line.other) {
    // The total's withheld categories together are one shown count.
    const merged = new Set(line.other.members);
    const parts = [...line.parts.filter((p) => !p.members.some((m) => merged.has(m))), { id: OTHER, members: line.other.members, figure: line.other.n }];
    const again = sumFrom(line.n, parts, set);
    if (again !== null) return again;
  }
  if (isWithheld(line.n)) return line.n;
  const first = (parts: LinePart[]) => parts.find((p) => isWithheld(p.figure))?.figure as Withheld | undefined;
  return first(line.parts.filter((p) => p.members.some((m) => set.has(m)))) ?? first(line.parts) ?? WITHHELD_DERIVED;
}

/** The line's figure of one category (a part of its own), undefined when it is merged with others, else 0. */
export function partOf(line: Line, category: string): Figure | undefined {
  const own = line.parts.find((p) => p.members.length === 1 && p.members[0] === category);
  if (own) return own.figure;
  return line.parts.some((p) => p.members.includes(category)) ? undefined : 0;
}

/** A line where (almost) everyone gave one answer: its band part, if any. */
export const almostAllPart = (line: Line): LinePart | undefined => line.parts.find((p) => isWithheld(p.figure) && p.figure.band === 'almost_all');

/**
 * The share of a line that gave one of `inside`, of those who gave one of `whole` (a superset), from shown
 * counts only (sumOf). Where it cannot be worked out, a line where (almost) everyone gave one answer of
 * `whole` still says which way it goes: 'all_same' with band 'almost_all' when that answer is inside, 'few'
 * when it is outside. Otherwise withheld with the reason of the count it needs (the part's, else the base's;
 * never with a count's band, which would say nothing true of the share).
 */
export function shareOf(line: Line, inside: readonly string[], whole: readonly string[]): { share: number; n: number } | Withheld {
  const part = sumOf(line, inside);
  const base = sumOf(line, whole);
  if (typeof part === 'number' && typeof base === 'number') return base > 0 ? { share: part / base, n: base } : WITHHELD_DERIVED;
  const band = almostAllPart(line);
  if (band?.members.every((m) => whole.includes(m))) {
    if (band.members.every((m) => inside.includes(m))) return { suppressed: true, reason: 'all_same', band: 'almost_all' };
    if (band.members.every((m) => !inside.includes(m))) return { suppressed: true, reason: 'all_same', band: 'few' };
  }
  const needed = isWithheld(part) ? part : isWithheld(base) ? base : WITHHELD_DERIVED;
  return { suppressed: true, reason: needed.reason };
}

// ---- Municipality attributes across releases

/** A mean (0–100) with its n, SD and 95 % t-CI. */
export interface PooledMean {
  n: number;
  mean: number;
  sd: number;
  low: number;
  high: number;
}

/** One group of a municipality attribute (a size class, a county, …) over a viewer's releases. */
export interface AttributeRow {
  group: string;
  /** A county's or region's name (size and centrality classes are named by the views). */
  name: string | null;
  respondents: Figure;
  means: Record<string, PooledMean | Withheld>;
}

/**
 * The groups of one attribute dimension over releases of disjoint populations (a viewer's own release and its
 * benchmarks): each group's head count and scale means added up from the releases' shown figures only — a
 * release whose municipalities all share the group gives its totals, one broken down by the dimension gives
 * the group's row. A group that needs a withheld figure is withheld itself: nothing is derived that the
 * releases do not show. Null when a release has no attributes (built before they existed).
 */
export function attributeRows(bodies: readonly ReleaseBody[], dimension: string, scaleIds: readonly string[]): AttributeRow[] | null {
  if (bodies.length === 0 || bodies.some((b) => !b.attributes?.[dimension])) return null;
  const names = new Map<string, string | null>();
  for (const b of bodies) {
    const entry = b.attributes![dimension]!;
    if (entry.same !== null) {
      if (entry.same !== NONE) names.set(entry.same, entry.name);
      continue;
    }
    const grouping = b.groupings[dimension];
    for (const g of grouping?.groups ?? []) if (g.id !== NONE) names.set(g.id, g.name);
    for (const id of grouping?.rest?.members ?? []) if (id !== NONE && !names.has(id)) names.set(id, null);
  }
  const rows: AttributeRow[] = [];
  for (const [group, name] of names) {
    const parts = bodies.map((b) => partIn(b, dimension, group)).filter((p) => p !== null);
    const respondents = addFigures(parts.map((p) => p.respondents));
    const means: AttributeRow['means'] = {};
    for (const scale of scaleIds) means[scale] = pool(parts.map((p) => p.mean(scale)));
    rows.push({ group, name, respondents, means });
  }
  const rank = (g: string) => (dimension === 'size_class' ? SIZE_CLASSES.indexOf(g as (typeof SIZE_CLASSES)[number]) : dimension === 'centrality' ? Number(g) : 0);
  return rows.sort((a, b) => rank(a.group) - rank(b.group) || (a.name ?? a.group).localeCompare(b.name ?? b.group, 'nb'));
}

/** The sum of counts of disjoint groups: withheld when one of them is. */
export function addFigures(figures: readonly Figure[]): Figure {
  return figures.reduce<Figure>((sum, f) => (typeof sum === 'number' && typeof f === 'number' ? sum + f : WITHHELD_DERIVED), 0);
}

/** A release's part of one group: null when none of its municipalities is in the group. */
function partIn(body: ReleaseBody, dimension: string, group: string): { respondents: Figure; mean: (scale: string) => MeanCell | undefined } | null {
  const entry = body.attributes![dimension]!;
  if (entry.same !== null) return entry.same === group ? { respondents: toFigure(body.respondents), mean: (s) => body.means[s]?.total } : null;
  const grouping = body.groupings[dimension];
  const row = grouping?.groups.find((g) => g.id === group);
  if (row) return { respondents: toFigure(row.figure), mean: (s) => (row.figure.shown ? body.means[s]?.byGroup[dimension]?.[group] : undefined) };
  if (!grouping || grouping.rest?.members.includes(group)) return { respondents: WITHHELD_DERIVED, mean: () => undefined };
  return null;
}

/** Means of disjoint groups pooled into one (exact: n, mean and SD of the union); withheld when one is. */
function pool(cells: readonly (MeanCell | undefined)[]): PooledMean | Withheld {
  if (cells.length === 0) return WITHHELD_DERIVED;
  let n = 0;
  let sum = 0;
  for (const c of cells) {
    if (!c?.shown) return WITHHELD_DERIVED;
    n += c.n;
    sum += c.n * c.mean;
  }
  const shown = cells as Extract<MeanCell, { shown: true }>[];
  if (shown.length === 1) return { n, mean: shown[0]!.mean, sd: shown[0]!.sd, low: shown[0]!.low, high: shown[0]!.high };
  const mean = sum / n;
  const squares = shown.reduce((s, c) => s + (c.n - 1) * c.sd * c.sd + c.n * (c.mean - mean) ** 2, 0);
  const sd = Math.sqrt(squares / (n - 1));
  const half = qt(0.975, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, low: mean - half, high: mean + half };
}
