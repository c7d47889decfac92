/**
 * The facts behind each chart's plain-language description (the SVG's <desc>): highest and lowest,
 * largest rise and fall, the largest share, first and last point. Hidden figures never take part.
 * The components turn these into sentences with i18n.
 */
import { isSuppressed, type Figure } from './types.js';

export interface Ranked<T> {
  item: T;
  value: number;
}

const shown = <T>(items: readonly T[], value: (item: T) => Figure | null | undefined): Ranked<T>[] =>
  items.flatMap((item) => {
    const v = value(item);
    return typeof v === 'number' && Number.isFinite(v) ? [{ item, value: v }] : [];
  });

/** The highest and the lowest shown value (the first wins a tie); null when fewer than two are shown. */
export function extremes<T>(items: readonly T[], value: (item: T) => Figure | null | undefined): { highest: Ranked<T>; lowest: Ranked<T> } | null {
  const list = shown(items, value);
  if (list.length < 2) return null;
  const highest = list.reduce((best, next) => (next.value > best.value ? next : best));
  const lowest = list.reduce((best, next) => (next.value < best.value ? next : best));
  return { highest, lowest };
}

/** How many items have a hidden figure. */
export function countHidden<T>(items: readonly T[], value: (item: T) => Figure | null | undefined): number {
  return items.filter((item) => isSuppressed(value(item))).length;
}

/** The largest rise and the largest fall, each only if there is one (0 is neither). */
export function largestChanges<T>(items: readonly T[], change: (item: T) => number | null): { rise?: Ranked<T>; fall?: Ranked<T> } {
  const list = shown(items, change);
  const rises = list.filter((r) => r.value > 0);
  const falls = list.filter((r) => r.value < 0);
  return {
    ...(rises.length > 0 ? { rise: rises.reduce((best, next) => (next.value > best.value ? next : best)) } : {}),
    ...(falls.length > 0 ? { fall: falls.reduce((best, next) => (next.value < best.value ? next : best)) } : {}),
  };
}

/** The index and share of the largest shown count of a distribution over `base` answers; null if none is shown. */
export function largestShare(counts: readonly Figure[], base: number): { index: number; share: number } | null {
  if (!(base > 0)) return null;
  const list = shown(counts.map((count, index) => ({ count, index })), (c) => c.count);
  if (list.length === 0) return null;
  const best = list.reduce((top, next) => (next.value > top.value ? next : top));
  return { index: best.item.index, share: best.value / base };
}

/** The first and the last item with a shown value; null when none is shown. */
export function endpoints<T>(items: readonly T[], value: (item: T) => Figure | null | undefined): { first: Ranked<T>; last: Ranked<T> } | null {
  const list = shown(items, value);
  return list.length > 0 ? { first: list[0]!, last: list.at(-1)! } : null;
}

/**
 * The shares of a distribution over `base` answers, for drawing: shown counts keep their share, and what
 * the hidden counts add up to (base − shown, already known to anyone who sees the base) becomes one
 * `hidden` share, so no single hidden count can be read off the bar.
 */
export function distributionShares(counts: readonly Figure[], base: number): { shares: (number | null)[]; hidden: number } {
  if (!(base > 0)) return { shares: counts.map(() => null), hidden: 0 };
  const shares = counts.map((count) => (typeof count === 'number' ? count / base : null));
  const shownTotal = shares.reduce<number>((sum, share) => sum + (share ?? 0), 0);
  const anyHidden = shares.some((share) => share === null);
  return { shares, hidden: anyHidden ? Math.max(0, 1 - shownTotal) : 0 };
}
