/**
 * Invariants of the statistics (fast-check) and the edge cases where a statistic cannot be computed.
 * The values themselves are checked against R in reference.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cohensDz, cronbachAlpha, describe as describeValues, describeScale, hedgesG, mannWhitney, omegaTotal, pairedTTest,
  pbeta, pf, pnorm, pt, ptNoncentral, qbeta, qf, qnorm, qt, rankWithTies, welchTTest, wilcoxonSignedRank, type Maybe,
} from '../statistics.js';

/** Likert answers 1–5 with about one in eight missing. */
const answer = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 8 });
const matrix = (complete: boolean, minRows = 6) => fc.integer({ min: 3, max: 7 }).chain((k) =>
  fc.array(fc.array(complete ? fc.integer({ min: 1, max: 5 }) : answer, { minLength: k, maxLength: k }), { minLength: minRows, maxLength: 60 }));
/** A permutation of the rows, to show a statistic does not depend on their order. */
const withShuffle = <T>(rows: fc.Arbitrary<T[]>) => rows.chain((r) => fc.tuple(fc.constant(r), fc.shuffledSubarray(r, { minLength: r.length, maxLength: r.length })));
const scores = fc.array(fc.option(fc.integer({ min: 0, max: 16 }).map((s) => s * 6.25), { nil: null, freq: 10 }), { minLength: 3, maxLength: 50 });
const pairs = fc.array(fc.tuple(scores.map((s) => s[0] ?? null), fc.integer({ min: 0, max: 16 }).map((s) => s * 6.25)), { minLength: 3, maxLength: 50 });
/** Equal within a relative tolerance (absolute below 1); NaN equals NaN (a statistic R also returns as NaN). */
const near = (a: number, b: number, tolerance = 1e-9) => Object.is(a, b) || Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));

describe('reliability', () => {
  it('alpha ≤ 1 with complete data (the covariance matrix is then positive semi-definite)', () => {
    fc.assert(fc.property(matrix(true), (items) => {
      const a = cronbachAlpha(items, 'complete');
      if (a) expect(a.alpha).toBeLessThanOrEqual(1 + 1e-12);
    }));
  });

  it('alpha, its interval and the item statistics do not depend on the order of the respondents', () => {
    // At least 15 rows: with a handful of pairwise answers a covariance sum can cancel to 0 ± rounding.
    fc.assert(fc.property(withShuffle(matrix(false, 15)), ([items, shuffled]) => {
      for (const missing of ['pairwise', 'complete'] as const) {
        const a = cronbachAlpha(items, missing);
        const b = cronbachAlpha(shuffled, missing);
        expect(b === null).toBe(a === null);
        if (!a || !b) continue;
        expect(near(b.alpha, a.alpha)).toBe(true);
        expect(near(b.ci.lower, a.ci.lower) && near(b.ci.upper, a.ci.upper)).toBe(true);
        a.itemRestCorrelation.forEach((r, i) => expect(r === null ? b.itemRestCorrelation[i] === null : near(b.itemRestCorrelation[i]!, r)).toBe(true));
        expect(b.dropped).toEqual(a.dropped);
      }
    }));
  });

  it('the Feldt interval contains alpha, and item-rest correlations lie in [−1, 1] with complete data', () => {
    fc.assert(fc.property(matrix(true), (items) => {
      const a = cronbachAlpha(items, 'complete');
      if (!a) return;
      expect(a.ci.lower).toBeLessThanOrEqual(a.alpha);
      expect(a.ci.upper).toBeGreaterThanOrEqual(a.alpha);
      for (const r of a.itemRestCorrelation) if (r !== null && Number.isFinite(r)) expect(Math.abs(r)).toBeLessThanOrEqual(1 + 1e-12);
    }));
  });

  it('omega total ≤ 1 with complete data, converges, and does not depend on the order of the respondents', () => {
    fc.assert(fc.property(withShuffle(matrix(true)), ([items, shuffled]) => {
      const o = omegaTotal(items, 'complete');
      if (!o) return;
      expect(o.converged).toBe(true);
      expect(o.omegaTotal).toBeLessThanOrEqual(1 + 1e-12);
      expect(Math.abs(omegaTotal(shuffled, 'complete')!.omegaTotal - o.omegaTotal)).toBeLessThan(1e-8);
    }), { numRuns: 50 });
  });

  it('leaves out items nobody varies on, and respondents with no answer', () => {
    const items: Maybe[][] = [[1, 2, 4, 3], [2, 2, 4, 3], [3, 4, 4, 5], [4, 5, null, 4], [5, 4, 4, 5], [null, null, null, null]];
    const a = cronbachAlpha(items)!;
    expect(a.dropped).toEqual([2]);
    expect(a.k).toBe(3);
    expect(a.n).toBe(5);
    expect(a.itemRestCorrelation[2]).toBeNull();
    expect(a.alpha).toBeCloseTo(cronbachAlpha(items.map((r) => [r[0]!, r[1]!, r[3]!]))!.alpha, 12);
    expect(cronbachAlpha([[1, 3], [2, 3], [4, 3]])).toBeNull(); // one varying item: no alpha
    expect(omegaTotal([[1, 2], [2, 3], [3, 5]])).toBeNull(); // two items: no one-factor model
  });
});

describe('descriptives', () => {
  it('quartiles are ordered, within the range, and do not depend on order', () => {
    fc.assert(fc.property(withShuffle(scores), ([values, shuffled]) => {
      const d = describeValues(values);
      if (d.n === 0) return;
      expect(d.min <= d.q1 && d.q1 <= d.median && d.median <= d.q3 && d.q3 <= d.max).toBe(true);
      const s = describeValues(shuffled);
      expect({ ...s, mean: 0, sd: 0 }).toEqual({ ...d, mean: 0, sd: 0 }); // order statistics agree exactly
      expect(near(s.mean, d.mean, 1e-12) && (d.n < 2 || near(s.sd, d.sd, 1e-12))).toBe(true);
    }));
  });

  it('counts floor, ceiling and missing answers per item', () => {
    const d = describeScale([0, 100, 100, null, 50], [[1, null], [5, 5], [5, 5], [null, null], [3, 3]], { min: 0, max: 100 });
    expect(d).toMatchObject({ n: 4, missing: 1, floorShare: 0.25, ceilingShare: 0.5, missingPerItem: [1, 2], median: 75, q1: 37.5, q3: 100, iqr: 62.5 });
  });
});

describe('change', () => {
  const xy = pairs.map((p) => [p.map((v) => v[0]), p.map((v) => v[1])] as [Maybe[], Maybe[]]);

  it('t-test and rank-test p-values lie in [0, 1], and the t interval contains the estimate', () => {
    fc.assert(fc.property(xy, ([x, y]) => {
      for (const t of [pairedTTest(x, y), welchTTest(x, y)]) {
        if (!t) continue;
        expect(t.p).toBeGreaterThanOrEqual(0);
        expect(t.p).toBeLessThanOrEqual(1);
        expect(t.ci.lower <= t.estimate && t.estimate <= t.ci.upper).toBe(true);
      }
      for (const r of [wilcoxonSignedRank(x, y), mannWhitney(x, y)]) {
        if (!r) continue;
        expect(r.p).toBeGreaterThanOrEqual(0);
        expect(r.p).toBeLessThanOrEqual(1);
      }
    }));
  });

  it("d_z has the sign of the mean difference and its interval contains it", () => {
    fc.assert(fc.property(xy, ([x, y]) => {
      const d = cohensDz(x, y);
      const t = pairedTTest(x, y);
      if (!d || !t) return;
      expect(Math.sign(d.estimate)).toBe(Math.sign(t.estimate));
      expect(d.ci.lower).toBeLessThanOrEqual(d.estimate);
      expect(d.ci.upper).toBeGreaterThanOrEqual(d.estimate);
    }), { numRuns: 60 });
  });

  it('swapping x and y mirrors the Wilcoxon and Mann–Whitney statistics and keeps their p-values', () => {
    fc.assert(fc.property(xy, ([x, y]) => {
      const w = wilcoxonSignedRank(x, y);
      const ws = wilcoxonSignedRank(y, x);
      expect(ws === null).toBe(w === null);
      if (w && ws) {
        expect(ws.statistic).toBe((w.nNonZero * (w.nNonZero + 1)) / 2 - w.statistic);
        expect(near(ws.p, w.p, 1e-12)).toBe(true);
        expect(ws.z).toBeCloseTo(-w.z, 12);
      }
      const m = mannWhitney(x, y);
      const ms = mannWhitney(y, x);
      if (m && ms) {
        expect(ms.statistic).toBe(m.nX * m.nY - m.statistic);
        expect(near(ms.p, m.p, 1e-12)).toBe(true);
      }
    }));
  });

  it("swapping the groups turns Hedges' g and its interval round, and order does not matter", () => {
    fc.assert(fc.property(withShuffle(scores), scores, ([x, shuffled], y) => {
      const g = hedgesG(x, y);
      if (!g) return;
      const s = hedgesG(y, x)!;
      expect(s.estimate).toBeCloseTo(-g.estimate, 12);
      expect(s.ci.lower).toBeCloseTo(-g.ci.upper, 8);
      expect(s.ci.upper).toBeCloseTo(-g.ci.lower, 8);
      expect(hedgesG(shuffled, y)!.estimate).toBeCloseTo(g.estimate, 12);
    }), { numRuns: 60 });
  });

  it('returns null where R stops: too few pairs, constant differences, only zero differences', () => {
    expect(pairedTTest([1], [2])).toBeNull();
    expect(pairedTTest([3, 4, 5], [2, 3, 4])).toBeNull(); // every difference is 1
    expect(wilcoxonSignedRank([2, 3, null], [2, 3, 4])).toBeNull();
    expect(cohensDz([1, 2, null], [0, 1, 3])).toBeNull();
    expect(welchTTest([1, 1, 1], [1, 1, 1])).toBeNull();
    expect(mannWhitney([], [1, 2])).toBeNull();
    expect(() => pairedTTest([1, 2], [1])).toThrow(RangeError);
  });

  it('ranks ties by their average and the ranks sum to n(n + 1)/2', () => {
    expect([...rankWithTies([10, 20, 20, 5, 20]).ranks]).toEqual([2, 4, 4, 1, 4]);
    expect(rankWithTies([10, 20, 20, 5, 20]).ties).toEqual([3]);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 40 }), (v) => {
      const sum = rankWithTies(v).ranks.reduce((s, r) => s + r, 0);
      expect(sum).toBe((v.length * (v.length + 1)) / 2);
    }));
  });
});

describe('distribution functions', () => {
  const probability = fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true });
  const df = fc.double({ min: 0.5, max: 5000, noNaN: true });

  it('quantiles invert the CDFs', () => {
    fc.assert(fc.property(probability, (p) => {
      expect(near(pnorm(qnorm(p)), p, 1e-12)).toBe(true);
    }));
    fc.assert(fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), df, (p, n) => {
      expect(near(pt(qt(p, n), n), p, 1e-10)).toBe(true);
    }));
    fc.assert(fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), df, df, (p, a, b) => {
      expect(near(pf(qf(p, a, b), a, b), p, 1e-9)).toBe(true);
      // Within 1e-9 of 1 a double cannot place x finely enough; the upper-tail quantile is for that.
      const x = qbeta(p, a, b);
      if (x < 1 - 1e-9) expect(near(pbeta(x, a, b), p, 1e-9)).toBe(true);
      const y = qbeta(p, a, b, false);
      if (y < 1 - 1e-9) expect(near(pbeta(y, a, b, false), p, 1e-9)).toBe(true);
    }));
  });

  it('the t distribution is symmetric, and the noncentral t with ncp 0 is the central one', () => {
    fc.assert(fc.property(fc.double({ min: -50, max: 50, noNaN: true }), df, (t, n) => {
      expect(near(pt(t, n) + pt(-t, n), 1, 1e-14)).toBe(true);
      expect(ptNoncentral(t, n, 0)).toBe(pt(t, n));
    }));
  });

  it('the noncentral t CDF falls as the noncentrality grows', () => {
    fc.assert(fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 2, max: 300, noNaN: true }),
      fc.double({ min: -30, max: 30, noNaN: true }), (t, n, ncp) => {
        expect(ptNoncentral(t, n, ncp + 0.5)).toBeLessThanOrEqual(ptNoncentral(t, n, ncp) + 1e-12);
      }));
  });
});
