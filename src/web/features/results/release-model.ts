/**
 * Reading a frozen release (contracts/release.ts, docs/disclosure.md) for the views: figures as the charts
 * take them, the lines of a distribution (a total, or one row of a breakdown) and sums over answer
 * categories that are derived only from shown counts — a sum that would need a withheld count is withheld
 * too, never guessed or shown as 0. No React here.
 */
import type { AnswerInfo, MeanCell, ReleaseBody, ReleaseFigure, ReleasedAnswer, ReleasedBreakdown } from '../../../contracts/release.js';
import { isSuppressed, type Figure, type Suppressed } from '../../components/charts/types.js';

/** Special categories and groups of a release (src/domain/release-spec.ts, disclosure/release.ts). */
export const MISSING = '#missing';
export const NOT_ASKED = '#not_asked';
export const NO_SCORE = '#no_score';
export const NONE = '#none';
export const REST = '#rest';
export const OTHER = '#other';
export const NOT_RELEVANT = 'na';

/** A figure of the release as the charts take it: a count, or the reason it is withheld. */
export function toFigure(f: ReleaseFigure | undefined): Figure {
  if (!f) return { suppressed: true, reason: 'protected' };
  if (f.shown) return f.n;
  return f.band ? { suppressed: true, reason: f.reason, band: f.band } : { suppressed: true, reason: f.reason };
}

/** A mean (0–100) with its n and 95 % CI, or why it is withheld. */
export function meanOf(cell: MeanCell | undefined): { value: number; n: number; ci: { low: number; high: number } } | Suppressed {
  if (!cell) return { suppressed: true, reason: 'below_k' };
  if (!cell.shown) return { suppressed: true, reason: cell.reason };
  return { value: cell.mean, n: cell.n, ci: { low: Math.max(0, cell.low), high: Math.min(100, cell.high) } };
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
    n: row ? row.n : { suppressed: true, reason: 'protected' },
    parts: breakdown.columns.map((c) => ({ id: c.id, members: c.members, figure: toFigure(cells[c.id]) })),
  };
}

/** The first withheld figure among parts (the reason a derived figure is withheld too). */
function firstHidden(parts: LinePart[]): Suppressed | null {
  for (const p of parts) if (isSuppressed(p.figure)) return p.figure;
  return null;
}

const WITHHELD_DERIVED: Suppressed = { suppressed: true, reason: 'protected' };

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
 * or the line's n minus the shown parts outside it. Withheld when neither works.
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
  return withheldFor(line, set) ?? WITHHELD_DERIVED;
}

/** Why a sum over `set` is withheld: the reason of the first withheld part it needs. */
function withheldFor(line: Line, set: ReadonlySet<string>): Suppressed | null {
  if (isSuppressed(line.n)) return line.n;
  return firstHidden(line.parts.filter((p) => p.members.some((m) => set.has(m)))) ?? firstHidden(line.parts);
}

/**
 * The share of a line that gave one of `inside`, of those who gave one of `whole` (a superset), from shown
 * counts only. Where it cannot be worked out, a line where (almost) everyone gave one answer of `whole`
 * still says which way it goes: (almost) all when that answer is inside, few or none when it is not.
 */
export function shareIn(line: Line, inside: readonly string[], whole: readonly string[]): { share: number; n: number } | Suppressed {
  const part = sumOf(line, inside);
  const base = sumOf(line, whole);
  if (typeof part === 'number' && typeof base === 'number' && base > 0) return { share: part / base, n: base };
  const band = line.parts.find((p) => isSuppressed(p.figure) && p.figure.band === 'almost_all');
  if (band && band.members.every((m) => whole.includes(m))) {
    return { suppressed: true, reason: 'all_same', band: band.members.every((m) => inside.includes(m)) ? 'almost_all' : 'few' };
  }
  return asShareReason(isSuppressed(part) ? part : isSuppressed(base) ? base : WITHHELD_DERIVED);
}

/**
 * A withheld count's reason as the reason of a share derived from it: a share is not a count, so "fewer
 * than k", "at least k" or a count's band would be misread as the share's; those become "withheld". A small
 * group and a withheld base say the same of a share.
 */
export function asShareReason(reason: Suppressed): Suppressed {
  return reason.reason === 'small_group' || reason.reason === 'base_withheld' ? { suppressed: true, reason: reason.reason } : WITHHELD_DERIVED;
}

/** Every category of an answer but "not asked": those who were asked it. */
export const askedCategories = (info: AnswerInfo) => info.categories.filter((c) => c !== NOT_ASKED);

/** The line's figure of one category (one part of its own), or the reason it cannot be read alone. */
export function partOf(line: Line, category: string): Figure | undefined {
  const own = line.parts.find((p) => p.members.length === 1 && p.members[0] === category);
  if (own) return own.figure;
  const merged = line.parts.find((p) => p.members.includes(category));
  return merged ? undefined : 0;
}

/** The respondents' own answers of an answer (not the special categories, not "not relevant"). */
export const valueCategories = (info: AnswerInfo) => info.categories.filter((c) => !c.startsWith('#') && c !== NOT_RELEVANT);

/**
 * Those asked the question (everyone in the line but "not asked"), from shown counts only; withheld with
 * `base_withheld` when it cannot be worked out.
 */
export function askedBase(line: Line, info: AnswerInfo): Figure {
  const asked = sumOf(line, askedCategories(info));
  return typeof asked === 'number' ? asked : { suppressed: true, reason: 'base_withheld' };
}

/** The answers of a release in the order the questionnaire asks them (info is ordered; answers are not). */
export function orderedInfo(body: ReleaseBody): AnswerInfo[] {
  return body.info.filter((i) => body.answers[i.id] !== undefined);
}

/** Groupings in the order the views offer them. */
export const GROUPING_ORDER = ['municipality', 'unit', 'profession', 'age', 'education'] as const;

export function groupingsOf(body: ReleaseBody): string[] {
  const present = Object.keys(body.groupings);
  return [...GROUPING_ORDER.filter((g) => present.includes(g)), ...present.filter((g) => g !== 'all' && !(GROUPING_ORDER as readonly string[]).includes(g)).sort()];
}

/**
 * The groupings the release breaks any of these answers down by (a release holds only the breakdowns its
 * views show: scale levels by every grouping, a municipality's technologies by unit), in view order.
 */
export function breakdownGroupings(body: ReleaseBody, answerIds: readonly string[]): string[] {
  return groupingsOf(body).filter((g) => answerIds.some((id) => body.answers[id]?.byGroup[g] !== undefined));
}

/** The rows a view shows for a grouping: the groups with a shown head count, then REST. */
export function shownGroups(body: ReleaseBody, grouping: string): string[] {
  const g = body.groupings[grouping];
  if (!g) return [];
  return [...g.groups.filter((x) => x.figure.shown).map((x) => x.id), ...(g.rest ? [REST] : [])];
}

/** Technology items: how often each is used (single choice) and how confident one is with it (1–5). */
export const USE_PREFIX = 'dk:use_';
export const CONFIDENCE_PREFIX = 'dk:conf_';
export const USING = ['sometimes', 'weekly', 'daily'] as const;
export const CONFIDENT = ['4', '5'] as const;
export const LOCAL_SECTION = 'local_systems';
export const isLocal = (id: string) => id.startsWith('local:');
/** The key of a technology across its use and confidence items: dk:use_epj and dk:conf_epj → epj. */
export function technologyKey(id: string): { kind: 'use' | 'conf'; key: string } | null {
  const m = /^(?:dk|local:[^:]+):(use|conf)_(.+)$/.exec(id);
  return m ? { kind: m[1] as 'use' | 'conf', key: m[2]! } : null;
}
