/**
 * Descriptive statistics of one scale: n, mean, SD, median, quartiles and IQR, floor and ceiling shares,
 * and missing answers per item. Missing values are null and are left out (R's na.rm = TRUE).
 */

/** A value that may be missing (an unanswered item, a score that could not be computed). */
export type Maybe = number | null;

/** Respondents × items; null where an item is unanswered. */
export type ItemMatrix = readonly (readonly Maybe[])[];

/** The present values, in order. */
export function present(values: readonly Maybe[]): number[] {
  const out: number[] = [];
  for (const v of values) if (v !== null && !Number.isNaN(v)) out.push(v);
  return out;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  const m = sum / values.length;
  // A second pass removes the rounding of the first, as R's mean() does.
  let residual = 0;
  for (const v of values) residual += v - m;
  return m + residual / values.length;
}

/** Sample variance with denominator n − 1 (two-pass). */
export function variance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return ss / (n - 1);
}

export function sd(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

/**
 * Sample quantile of type 7 (R's default, Hyndman & Fan 1996): with h = (n − 1)p and j = ⌊h⌋,
 * Q(p) = x₍ⱼ₊₁₎ + (h − j)(x₍ⱼ₊₂₎ − x₍ⱼ₊₁₎) on the sorted values. `sorted` must be ascending.
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, n - 1)]!;
  const g = h - lo;
  return g === 0 || above === below ? below : (1 - g) * below + g * above;
}

export function sortedAscending(values: readonly number[]): number[] {
  return values.slice().sort((a, b) => a - b);
}

export function median(values: readonly number[]): number {
  return quantileSorted(sortedAscending(values), 0.5);
}

export interface Descriptives {
  /** Values present. */
  n: number;
  /** Values missing (null). */
  missing: number;
  mean: number;
  /** Standard deviation with denominator n − 1. */
  sd: number;
  median: number;
  /** 25th and 75th percentiles, type 7. */
  q1: number;
  q3: number;
  /** q3 − q1 (R's IQR()). */
  iqr: number;
  min: number;
  max: number;
}

/** n, mean, SD, median, quartiles (type 7) and IQR of the present values; NaN where n is too small. */
export function describe(values: readonly Maybe[]): Descriptives {
  const x = present(values);
  const sorted = sortedAscending(x);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  return {
    n: x.length,
    missing: values.length - x.length,
    mean: mean(x),
    sd: sd(x),
    median: quantileSorted(sorted, 0.5),
    q1,
    q3,
    iqr: q3 - q1,
    min: sorted.length ? sorted[0]! : Number.NaN,
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

export interface ScaleDescriptives extends Descriptives {
  /** Share of present scores at the scale's lowest possible score (floor effect), 0–1. */
  floorShare: number;
  /** Share of present scores at the scale's highest possible score (ceiling effect), 0–1. */
  ceilingShare: number;
  /** Unanswered items per item column (count), in column order. */
  missingPerItem: number[];
}

/** Unanswered items per column of a respondents × items matrix. */
export function missingPerItem(items: ItemMatrix): number[] {
  const k = items.reduce((m, row) => Math.max(m, row.length), 0);
  const out = new Array<number>(k).fill(0);
  for (const row of items) {
    for (let j = 0; j < k; j++) {
      const v = row[j];
      if (v === null || v === undefined || Number.isNaN(v)) out[j]!++;
    }
  }
  return out;
}

/**
 * Descriptives of a scale: the scores (one per respondent, null when the scale could not be scored)
 * described as above, with floor and ceiling shares against the scale's possible range, and the
 * missing answers per item from the item matrix. A score within 1e-9 of the range's end counts as
 * at the floor or ceiling, so a score computed in floating point is not missed.
 */
export function describeScale(scores: readonly Maybe[], items: ItemMatrix, range: { min: number; max: number }): ScaleDescriptives {
  const d = describe(scores);
  const x = present(scores);
  const slack = 1e-9 * (range.max - range.min);
  const floor = x.filter((v) => v <= range.min + slack).length;
  const ceiling = x.filter((v) => v >= range.max - slack).length;
  return {
    ...d,
    floorShare: x.length ? floor / x.length : Number.NaN,
    ceilingShare: x.length ? ceiling / x.length : Number.NaN,
    missingPerItem: missingPerItem(items),
  };
}
