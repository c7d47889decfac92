/**
 * Change between waves. Linked pairs (x = one person's later score, y = the same person's earlier one):
 * the paired t-test, the Wilcoxon signed-rank test and Cohen's d_z. Two independent groups: Welch's
 * t-test, the Mann–Whitney test and Hedges' g. Differences are always x − y, as in R's t.test(x, y).
 * Missing scores (null) are left out; for pairs, a pair missing either score is left out.
 * Each function returns null when the statistic cannot be computed (too few values, no spread).
 *
 * The rank tests use the normal approximation with continuity correction, R's
 * wilcox.test(..., exact = FALSE, correct = TRUE): ties get average ranks and the variance its tie
 * correction; in the paired test zero differences are dropped first.
 * Effect-size intervals invert the noncentral t distribution (Steiger & Fouladi 1997), as
 * psych::cohen.d.ci and MBESS do: the bounds are the noncentrality parameters under which the observed
 * t is the 97.5th and 2.5th percentile, scaled back to the effect size.
 */
import { mean, present, variance, type Maybe } from './descriptives.js';
import { lgamma, pnorm, pt, ptNoncentral, qt } from './distributions.js';

export interface Interval {
  lower: number;
  upper: number;
  level: number;
}

/** The differences x − y of the pairs where both are present. */
export function pairedDifferences(x: readonly Maybe[], y: readonly Maybe[]): number[] {
  if (x.length !== y.length) throw new RangeError(`paired data need equal lengths, got ${x.length} and ${y.length}`);
  const d: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (a !== null && b !== null && a !== undefined && b !== undefined && !Number.isNaN(a) && !Number.isNaN(b)) d.push(a - b);
  }
  return d;
}

/** Average ranks (1-based) and the sizes of the groups of tied values. */
export function rankWithTies(values: readonly number[]): { ranks: Float64Array; ties: number[] } {
  const order = [...values.keys()].sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(values.length);
  const ties: number[] = [];
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i]!] = rank;
    if (end - start > 1) ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}

function twoSidedNormal(z: number): number {
  return Math.min(1, 2 * pnorm(-Math.abs(z)));
}

export interface TTest {
  /** The estimated mean difference (paired: mean of x − y; Welch: mean x − mean y). */
  estimate: number;
  /** Its standard error. */
  stderr: number;
  t: number;
  df: number;
  /** Two-sided p-value. */
  p: number;
  ci: Interval;
}

function tTest(estimate: number, stderr: number, df: number, level: number): TTest | null {
  // R's t.test stops with "data are essentially constant" here.
  if (!(stderr > 10 * Number.EPSILON * Math.abs(estimate)) || !(df > 0)) return null;
  const t = estimate / stderr;
  const q = qt(1 - (1 - level) / 2, df);
  return {
    estimate, stderr, t, df,
    p: 2 * pt(-Math.abs(t), df),
    ci: { lower: estimate - q * stderr, upper: estimate + q * stderr, level },
  };
}

export interface PairedTTest extends TTest {
  /** Complete pairs. */
  n: number;
  /** SD of the differences. */
  sdDiff: number;
}

/** Paired t-test of x − y (R: t.test(x, y, paired = TRUE)). */
export function pairedTTest(x: readonly Maybe[], y: readonly Maybe[], level = 0.95): PairedTTest | null {
  const d = pairedDifferences(x, y);
  const n = d.length;
  if (n < 2) return null;
  const sdDiff = Math.sqrt(variance(d));
  const test = tTest(mean(d), sdDiff / Math.sqrt(n), n - 1, level);
  return test && { ...test, n, sdDiff };
}

export interface WelchTTest extends TTest {
  nX: number;
  nY: number;
  meanX: number;
  meanY: number;
}

/** Welch's t-test of mean x − mean y with Satterthwaite's degrees of freedom (R: t.test(x, y)). */
export function welchTTest(x: readonly Maybe[], y: readonly Maybe[], level = 0.95): WelchTTest | null {
  const a = present(x);
  const b = present(y);
  if (a.length < 2 || b.length < 2) return null;
  const vx = variance(a) / a.length;
  const vy = variance(b) / b.length;
  const stderr = Math.sqrt(vx + vy);
  const df = (vx + vy) ** 2 / (vx ** 2 / (a.length - 1) + vy ** 2 / (b.length - 1));
  const meanX = mean(a);
  const meanY = mean(b);
  const test = tTest(meanX - meanY, stderr, df, level);
  return test && { ...test, nX: a.length, nY: b.length, meanX, meanY };
}

export interface RankTest {
  /** R's statistic: V (signed rank: sum of the ranks of the positive differences) or W (Mann–Whitney U of x). */
  statistic: number;
  /** Continuity-corrected standard normal deviate. */
  z: number;
  /** Two-sided p-value. */
  p: number;
}

export interface SignedRankTest extends RankTest {
  /** Complete pairs. */
  n: number;
  /** Pairs with a nonzero difference: the ones ranked. */
  nNonZero: number;
}

/** Wilcoxon signed-rank test of x − y, normal approximation (R: wilcox.test(x, y, paired = TRUE, exact = FALSE)). */
export function wilcoxonSignedRank(x: readonly Maybe[], y: readonly Maybe[]): SignedRankTest | null {
  const all = pairedDifferences(x, y);
  const d = all.filter((v) => v !== 0);
  const n = d.length;
  if (n === 0) return null;
  const { ranks, ties } = rankWithTies(d.map(Math.abs));
  let v = 0;
  for (let i = 0; i < n; i++) if (d[i]! > 0) v += ranks[i]!;
  const centred = v - (n * (n + 1)) / 4;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - ties.reduce((s, t) => s + t ** 3 - t, 0) / 48);
  if (!(sigma > 0)) return null;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  return { statistic: v, z, p: twoSidedNormal(z), n: all.length, nNonZero: n };
}

export interface MannWhitneyTest extends RankTest {
  nX: number;
  nY: number;
}

/** Mann–Whitney (Wilcoxon rank-sum) test of x against y, normal approximation (R: wilcox.test(x, y, exact = FALSE)). */
export function mannWhitney(x: readonly Maybe[], y: readonly Maybe[]): MannWhitneyTest | null {
  const a = present(x);
  const b = present(y);
  const nx = a.length;
  const ny = b.length;
  if (nx === 0 || ny === 0) return null;
  const { ranks, ties } = rankWithTies([...a, ...b]);
  let rankSum = 0;
  for (let i = 0; i < nx; i++) rankSum += ranks[i]!;
  const w = rankSum - (nx * (nx + 1)) / 2;
  const centred = w - (nx * ny) / 2;
  const total = nx + ny;
  const sigma = Math.sqrt((nx * ny / 12) * (total + 1 - ties.reduce((s, t) => s + t ** 3 - t, 0) / (total * (total - 1))));
  if (!(sigma > 0)) return null;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  return { statistic: w, z, p: twoSidedNormal(z), nX: nx, nY: ny };
}

/**
 * The noncentrality parameters δ with P(T ≤ t; df, δ) = 1 − α/2 and α/2 (lower and upper bound).
 * P falls as δ grows, so each bound is bracketed by doubling steps and found by bisection to 1e-12.
 */
export function noncentralTInterval(t: number, df: number, level: number): { lower: number; upper: number } {
  const solve = (target: number) => {
    const f = (ncp: number) => ptNoncentral(t, df, ncp) - target;
    let lo = t - 1;
    let hi = t + 1;
    for (let step = 2; f(lo) < 0; step *= 2) lo -= step;
    for (let step = 2; f(hi) > 0; step *= 2) hi += step;
    while (hi - lo > 1e-12 * Math.max(1, Math.abs(lo))) {
      const mid = 0.5 * (lo + hi);
      if (mid === lo || mid === hi) break;
      if (f(mid) > 0) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  const tail = (1 - level) / 2;
  return { lower: solve(1 - tail), upper: solve(tail) };
}

export interface EffectSize {
  estimate: number;
  ci: Interval;
}

/**
 * Cohen's d_z = mean(x − y) / SD(x − y) over complete pairs, with the noncentral-t interval:
 * t = d_z √n on n − 1 df, bounds δ/√n.
 */
export function cohensDz(x: readonly Maybe[], y: readonly Maybe[], level = 0.95): (EffectSize & { n: number }) | null {
  const d = pairedDifferences(x, y);
  const n = d.length;
  if (n < 2) return null;
  const s = Math.sqrt(variance(d));
  if (!(s > 0)) return null;
  const dz = mean(d) / s;
  const { lower, upper } = noncentralTInterval(dz * Math.sqrt(n), n - 1, level);
  return { estimate: dz, ci: { lower: lower / Math.sqrt(n), upper: upper / Math.sqrt(n), level }, n };
}

export interface HedgesG extends EffectSize {
  /** Cohen's d with the pooled SD, before the small-sample correction. */
  d: number;
  /** The exact correction factor J(df) = Γ(df/2) / (√(df/2) Γ((df − 1)/2)), df = nX + nY − 2. */
  j: number;
  nX: number;
  nY: number;
}

/**
 * Hedges' g = J · (mean x − mean y) / pooled SD. Interval: noncentral t on t = d √(nX nY / (nX + nY)),
 * df = nX + nY − 2, bounds scaled back to d and multiplied by J (as R's effectsize::hedges_g).
 */
export function hedgesG(x: readonly Maybe[], y: readonly Maybe[], level = 0.95): HedgesG | null {
  const a = present(x);
  const b = present(y);
  const nx = a.length;
  const ny = b.length;
  const df = nx + ny - 2;
  if (nx < 2 || ny < 2) return null;
  const pooled = Math.sqrt(((nx - 1) * variance(a) + (ny - 1) * variance(b)) / df);
  if (!(pooled > 0)) return null;
  const d = (mean(a) - mean(b)) / pooled;
  const j = Math.exp(lgamma(df / 2) - 0.5 * Math.log(df / 2) - lgamma((df - 1) / 2));
  const scale = Math.sqrt((nx * ny) / (nx + ny));
  const { lower, upper } = noncentralTInterval(d * scale, df, level);
  return { estimate: j * d, d, j, ci: { lower: (j * lower) / scale, upper: (j * upper) / scale, level }, nX: nx, nY: ny };
}
