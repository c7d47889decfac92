import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectDistribution, protectUnits } from './disclosure.js';

type UnitN = { unitId: string; n: number };

const shownOf = (r: ReturnType<typeof protectUnits>) => [...r.units].filter(([, s]) => s === 'shown').map(([id]) => id);

describe('protectUnits', () => {
  it('shows units with at least k, and the total', () => {
    const r = protectUnits([{ unitId: 'a', n: 10 }, { unitId: 'b', n: 7 }, { unitId: 'c', n: 6 }], 0, 5);
    expect(r.total).toBe('shown');
    expect(Object.fromEntries(r.units)).toEqual({ a: 'shown', b: 'shown', c: 'shown' });
  });

  it('hides everything when the total is below k', () => {
    const r = protectUnits([{ unitId: 'a', n: 3 }], 1, 5);
    expect(r.total).toBe('below_k');
    expect(r.units.get('a')).toBe('below_k');
  });

  it('never shows a unit with 0 responses', () => {
    const r = protectUnits([{ unitId: 'a', n: 10 }, { unitId: 'b', n: 10 }, { unitId: 'empty', n: 0 }], 0, 5);
    expect(r.units.get('empty')).toBe('below_k');
    expect(shownOf(r)).toEqual(['a', 'b']); // hidden total is 0: nothing to protect
  });

  it('hides the smallest shown unit when hiding only the small cells would let total − shown reveal them', () => {
    const units = [{ unitId: 'a', n: 10 }, { unitId: 'b', n: 12 }, { unitId: 'c', n: 3 }];
    // The naive rule: hide c (3 < 5), show a and b. Then total − a − b = 25 − 22 = 3: c is revealed.
    const naiveShown = units.filter((u) => u.n >= 5);
    const total = units.reduce((s, u) => s + u.n, 0);
    expect(total - naiveShown.reduce((s, u) => s + u.n, 0)).toBe(3);

    const r = protectUnits(units, 0, 5);
    expect(Object.fromEntries(r.units)).toEqual({ a: 'complementary', b: 'shown', c: 'below_k' });
    expect(total - 12).toBe(13); // what can now be derived: a + c together, ≥ k
  });

  it('protects the unassigned responses too', () => {
    const r = protectUnits([{ unitId: 'a', n: 8 }, { unitId: 'b', n: 9 }], 2, 5);
    expect(Object.fromEntries(r.units)).toEqual({ a: 'complementary', b: 'shown' });
  });

  it('hides a large unit whose complement is below k', () => {
    // total 12: showing a (10) would reveal b + unassigned = 2.
    const r = protectUnits([{ unitId: 'a', n: 10 }, { unitId: 'b', n: 1 }], 1, 5);
    expect(r.total).toBe('shown');
    expect(Object.fromEntries(r.units)).toEqual({ a: 'complementary', b: 'below_k' });
  });

  it('breaks ties by unitId', () => {
    const r = protectUnits([{ unitId: 'z', n: 6 }, { unitId: 'm', n: 6 }, { unitId: 'q', n: 2 }], 0, 5);
    expect(Object.fromEntries(r.units)).toEqual({ z: 'shown', m: 'complementary', q: 'below_k' });
  });

  it('rejects bad input', () => {
    expect(() => protectUnits([], 0, 0)).toThrow(RangeError);
    expect(() => protectUnits([{ unitId: 'a', n: -1 }], 0, 5)).toThrow(RangeError);
    expect(() => protectUnits([{ unitId: 'a', n: 1 }, { unitId: 'a', n: 2 }], 0, 5)).toThrow(RangeError);
  });
});

// ---- Properties

const caseArb = fc.record({
  units: fc.uniqueArray(fc.record({ unitId: fc.stringMatching(/^[a-h]$/), n: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 40 })) }), {
    selector: (u) => u.unitId,
    maxLength: 8,
  }),
  unassigned: fc.integer({ min: 0, max: 6 }),
  k: fc.integer({ min: 1, max: 10 }),
});

/** Safe publication: every shown unit has n ≥ k and total − n ≥ k, and total − Σ shown is 0 or ≥ k. */
function isSafe(shown: UnitN[], total: number, k: number): boolean {
  const rest = total - shown.reduce((s, u) => s + u.n, 0);
  return shown.every((u) => u.n >= k && total - u.n >= k) && (rest === 0 || rest >= k);
}

describe('protectUnits properties', () => {
  it('never lets a hidden group in 1..k−1 be derived', () => {
    fc.assert(
      fc.property(caseArb, ({ units, unassigned, k }) => {
        const r = protectUnits(units, unassigned, k);
        const total = units.reduce((s, u) => s + u.n, 0) + unassigned;
        expect(r.units.size).toBe(units.length);
        if (total < k) {
          expect(r.total).toBe('below_k');
          expect(shownOf(r)).toEqual([]);
          return;
        }
        const shown = units.filter((u) => r.units.get(u.unitId) === 'shown');
        const hiddenSum = total - shown.reduce((s, u) => s + u.n, 0);
        expect(hiddenSum === 0 || hiddenSum >= k).toBe(true);
        for (const u of shown) {
          expect(u.n).toBeGreaterThanOrEqual(k);
          expect(total - u.n).toBeGreaterThanOrEqual(k);
        }
        for (const u of units) if (u.n < k || u.n === 0) expect(r.units.get(u.unitId)).toBe('below_k');
        // Any subset of shown units leaves a remainder of 0 or ≥ k as well.
        for (let drop = 0; drop < shown.length; drop++) {
          const rest = total - shown.filter((_, i) => i !== drop).reduce((s, u) => s + u.n, 0);
          expect(rest).toBeGreaterThanOrEqual(k);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('shows as many units as any safe choice could (brute force), hiding the smallest when one must go', () => {
    fc.assert(
      fc.property(caseArb, ({ units, unassigned, k }) => {
        const total = units.reduce((s, u) => s + u.n, 0) + unassigned;
        fc.pre(total >= k);
        const r = protectUnits(units, unassigned, k);
        let best = 0;
        for (let mask = 0; mask < 1 << units.length; mask++) {
          const subset = units.filter((_, i) => mask & (1 << i));
          if (subset.length > best && isSafe(subset, total, k)) best = subset.length;
        }
        expect(shownOf(r).length).toBe(best);

        const candidates = units.filter((u) => u.n >= k && total - u.n >= k);
        const extra = candidates.filter((u) => r.units.get(u.unitId) === 'complementary');
        expect(extra.length).toBeLessThanOrEqual(1);
        if (extra.length === 1) {
          const smallest = Math.min(...candidates.map((u) => u.n));
          expect(extra[0]!.n).toBe(smallest);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is deterministic whatever the order of the units', () => {
    fc.assert(
      fc.property(caseArb, fc.integer(), ({ units, unassigned, k }, seed) => {
        const shuffled = [...units].sort((a, b) => ((a.unitId.charCodeAt(0) * 31 + seed) % 7) - ((b.unitId.charCodeAt(0) * 31 + seed) % 7));
        expect(Object.fromEntries(protectUnits(shuffled, unassigned, k).units)).toEqual(Object.fromEntries(protectUnits(units, unassigned, k).units));
      }),
    );
  });
});

describe('protectDistribution', () => {
  it('shows every count of at least k, and zeros', () => {
    const r = protectDistribution({ a: 10, b: 6, c: 0 }, 16, 5, true);
    expect(r).toEqual({ base: 'shown', options: { a: 'shown', b: 'shown', c: 'shown' } });
  });

  it('hides the whole item when the base is below k', () => {
    const r = protectDistribution({ a: 4, b: 0 }, 4, 5, true);
    expect(r).toEqual({ base: 'below_k', options: { a: 'below_k', b: 'below_k' } });
  });

  it('single choice: hides the next smallest count when only one small count is hidden', () => {
    // Naive: hide c (2) and show a, b; then base − a − b = 2 reveals c.
    const r = protectDistribution({ a: 12, b: 7, c: 2, d: 0 }, 21, 5, true);
    expect(r.options).toEqual({ a: 'shown', b: 'complementary', c: 'below_k', d: 'shown' });
  });

  it('single choice: hides another count when the hidden ones add up to less than k', () => {
    const r = protectDistribution({ a: 12, b: 9, c: 1, d: 1 }, 23, 5, true);
    expect(r.options).toEqual({ a: 'shown', b: 'complementary', c: 'below_k', d: 'below_k' });
  });

  it('single choice: leaves the rest shown when the hidden counts already add up to k', () => {
    const r = protectDistribution({ a: 12, b: 3, c: 4 }, 19, 5, true);
    expect(r.options).toEqual({ a: 'shown', b: 'below_k', c: 'below_k' });
  });

  it('multi choice: hides only the small counts', () => {
    const r = protectDistribution({ a: 12, b: 7, c: 2 }, 15, 5, false);
    expect(r.options).toEqual({ a: 'shown', b: 'shown', c: 'below_k' });
  });

  it('refuses counts that do not fit the base', () => {
    expect(() => protectDistribution({ a: 3 }, 4, 5, true)).toThrow(RangeError);
    expect(() => protectDistribution({ a: 5 }, 4, 5, false)).toThrow(RangeError);
    expect(() => protectDistribution({ a: -1 }, 4, 5, false)).toThrow(RangeError);
    expect(() => protectDistribution({ a: 1 }, 4, 0, false)).toThrow(RangeError);
  });
});

describe('protectDistribution properties', () => {
  const k = fc.integer({ min: 2, max: 10 });
  const counts = fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(0), fc.integer({ min: 1, max: 4 })), { minLength: 2, maxLength: 8 });
  const toRecord = (cs: number[]) => Object.fromEntries(cs.map((c, i) => [`o${i}`, c]));

  it('single choice: no count in 1..k−1 is shown, nor derivable as base − Σ shown', () => {
    fc.assert(
      fc.property(counts, k, (cs, k) => {
        const base = cs.reduce((s, c) => s + c, 0);
        const r = protectDistribution(toRecord(cs), base, k, true);
        const shown = cs.filter((_, i) => r.options[`o${i}`] === 'shown');
        const hidden = cs.filter((_, i) => r.options[`o${i}`] !== 'shown');
        if (r.base === 'below_k') return shown.length === 0 && base < k;
        if (shown.some((c) => c > 0 && c < k)) return false;
        const rest = base - shown.reduce((s, c) => s + c, 0);
        // The hidden total is 0 or at least k, and a single hidden non-zero count is never alone.
        if (rest > 0 && rest < k) return false;
        if (hidden.filter((c) => c > 0).length === 1) return false;
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('single choice: hides the fewest counts needed (at most one complementary)', () => {
    fc.assert(
      fc.property(counts, k, (cs, k) => {
        const base = cs.reduce((s, c) => s + c, 0);
        const r = protectDistribution(toRecord(cs), base, k, true);
        return Object.values(r.options).filter((d) => d === 'complementary').length <= 1;
      }),
    );
  });

  it('multi choice: a count is shown exactly when it is 0 or at least k (and the base reaches k)', () => {
    fc.assert(
      fc.property(counts, k, fc.integer({ min: 0, max: 20 }), (cs, k, extra) => {
        const base = Math.max(0, ...cs) + extra;
        const r = protectDistribution(toRecord(cs), base, k, false);
        return cs.every((c, i) => (r.options[`o${i}`] === 'shown') === (base >= k && (c === 0 || c >= k)));
      }),
    );
  });
});
