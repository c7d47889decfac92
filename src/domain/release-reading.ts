/**
 * Reading a frozen release (contracts/release.ts, docs/disclosure.md), for the results page and the PDF/XLSX
 * reports alike: figures as counts or withheld markers, the lines of a distribution (a total, or one row of
 * a breakdown), and sums over answer categories derived only from shown counts — a sum that would need a
 * withheld count is withheld too, never guessed or shown as 0.
 */
import type { AnswerInfo, ReleaseFigure, ReleasedAnswer, ReleasedBreakdown, WithheldReason } from '../contracts/release.js';

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
