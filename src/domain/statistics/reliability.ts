/**
 * Reliability of a scale from its items (already reverse-keyed): Cronbach's alpha with Feldt's 95 % CI,
 * corrected item-total correlations and alpha if item deleted, as psych::alpha computes them; and
 * McDonald's omega total from a one-factor maximum-likelihood factor analysis, as psych::omega with
 * nfactors = 1, fm = "ml" (equivalently psych::fa(fm = "ml") on the item correlations).
 *
 * Missing answers: 'pairwise' (psych's default, use = "pairwise") or 'complete' (psych on na.omit(x)).
 * Respondents without any answer to the scale are left out in both. Items without variance are left
 * out and listed in `dropped`, as psych::alpha does (delete = TRUE).
 */
import { itemMoments, type MissingHandling } from './covariance.js';
import type { ItemMatrix } from './descriptives.js';
import { qf } from './distributions.js';
import { oneFactorMl } from './factor.js';

export type { MissingHandling } from './covariance.js';

export interface AlphaResult {
  missing: MissingHandling;
  /** Respondents used (and the n of Feldt's interval): with any answer ('pairwise') or all answers ('complete'). */
  n: number;
  /** Items used (input items minus `dropped`). */
  k: number;
  /** Raw alpha, k/(k − 1) · (1 − tr C / ΣC) on the item covariances C (psych's raw_alpha). */
  alpha: number;
  /** Feldt (1965): 1 − (1 − α) · F quantiles with n − 1 and (n − 1)(k − 1) degrees of freedom. */
  ci: { lower: number; upper: number; level: number };
  /** Per input column: correlation of the item with the sum of the other items (psych's r.drop); null if dropped. */
  itemRestCorrelation: (number | null)[];
  /** Per input column: raw alpha of the other items (null if dropped, or when only two items are used). */
  alphaIfDeleted: (number | null)[];
  /** Input columns left out because nobody varied on them. */
  dropped: number[];
}

/** The k × k covariance (or correlation) of the kept columns, row-major. */
function submatrix(m: Float64Array, k: number, keep: readonly number[]): Float64Array {
  const out = new Float64Array(keep.length * keep.length);
  keep.forEach((i, a) => keep.forEach((j, b) => (out[a * keep.length + b] = m[i * k + j]!)));
  return out;
}

/** Items with a positive variance; the others are dropped. */
function varyingItems(cov: Float64Array, k: number): number[] {
  const keep: number[] = [];
  for (let i = 0; i < k; i++) if (cov[i * k + i]! > 0) keep.push(i);
  return keep;
}

function droppedItems(k: number, keep: readonly number[]): number[] {
  return [...Array(k).keys()].filter((i) => !keep.includes(i));
}

function rawAlpha(total: number, trace: number, k: number): number {
  return (1 - trace / total) * (k / (k - 1));
}

/** Cronbach's alpha of a respondents × items matrix; null with fewer than two varying items or two respondents. */
export function cronbachAlpha(items: ItemMatrix, missing: MissingHandling = 'pairwise', level = 0.95): AlphaResult | null {
  const moments = itemMoments(items, missing);
  const keep = varyingItems(moments.cov, moments.k);
  const k = keep.length;
  const n = moments.rows;
  if (k < 2 || n < 2) return null;
  const c = submatrix(moments.cov, moments.k, keep);
  const rowSum = new Float64Array(k);
  let total = 0;
  let trace = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) rowSum[i]! += c[i * k + j]!;
    total += rowSum[i]!;
    trace += c[i * k + i]!;
  }
  const alpha = rawAlpha(total, trace, k);
  if (!Number.isFinite(alpha)) return null; // some pair of items was never answered together
  const tail = (1 - level) / 2;
  const df1 = n - 1;
  const df2 = (n - 1) * (k - 1);
  const itemRestCorrelation: (number | null)[] = new Array(moments.k).fill(null);
  const alphaIfDeleted: (number | null)[] = new Array(moments.k).fill(null);
  keep.forEach((column, i) => {
    const variance = c[i * k + i]!;
    const restTotal = total - 2 * rowSum[i]! + variance; // Σ of the covariances without item i
    itemRestCorrelation[column] = (rowSum[i]! - variance) / Math.sqrt(variance * restTotal);
    if (k > 2) alphaIfDeleted[column] = rawAlpha(restTotal, trace - variance, k - 1);
  });
  return {
    missing,
    n,
    k,
    alpha,
    ci: { lower: 1 - (1 - alpha) * qf(1 - tail, df1, df2), upper: 1 - (1 - alpha) * qf(tail, df1, df2), level },
    itemRestCorrelation,
    alphaIfDeleted,
    dropped: droppedItems(moments.k, keep),
  };
}

export interface OmegaResult {
  missing: MissingHandling;
  /** Respondents used: with any answer ('pairwise') or all answers ('complete'). */
  n: number;
  /** Items used (input items minus `dropped`). */
  k: number;
  /** ω_t = (V − Σψ) / V, V the sum of the item correlations (items with a negative loading turned round), as psych::omega. */
  omegaTotal: number;
  /** Per input column (null if dropped), signed so that their sum is positive, as psych::fa reports them. */
  loadings: (number | null)[];
  uniquenesses: (number | null)[];
  dropped: number[];
  /** Steps of the factor analysis (see factor.ts) and whether it converged. */
  iterations: number;
  converged: boolean;
}

/** McDonald's omega total from a one-factor ML factor analysis of the item correlations; null with fewer than three varying items. */
export function omegaTotal(items: ItemMatrix, missing: MissingHandling = 'pairwise'): OmegaResult | null {
  const moments = itemMoments(items, missing);
  const keep = varyingItems(moments.cov, moments.k);
  const k = keep.length;
  if (k < 3 || moments.rows < 2) return null;
  const r = submatrix(moments.cor, moments.k, keep);
  if (!r.every(Number.isFinite)) return null; // some pair of items was never answered together
  const fit = oneFactorMl(r, k);
  const sign = fit.loadings.reduce((s, l) => s + l, 0) < 0 ? -1 : 1;
  // psych::omega turns round the items that load negatively before summing the correlations.
  const flip = fit.loadings.map((l) => (l < 0 ? -1 : 1));
  let v = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) v += flip[i]! * flip[j]! * r[i * k + j]!;
  const unique = fit.uniquenesses.reduce((s, u) => s + u, 0);
  const loadings: (number | null)[] = new Array(moments.k).fill(null);
  const uniquenesses: (number | null)[] = new Array(moments.k).fill(null);
  keep.forEach((column, i) => {
    loadings[column] = sign * fit.loadings[i]!;
    uniquenesses[column] = fit.uniquenesses[i]!;
  });
  return {
    missing,
    n: moments.rows,
    k,
    omegaTotal: (v - unique) / v,
    loadings,
    uniquenesses,
    dropped: droppedItems(moments.k, keep),
    iterations: fit.iterations,
    converged: fit.converged,
  };
}
