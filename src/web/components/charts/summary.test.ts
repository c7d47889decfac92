// The facts behind the charts' descriptions; a hidden figure never takes part and never counts as zero.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countHidden, distributionShares, endpoints, extremes, largestChanges, largestShare } from './summary.js';
import type { Figure, Suppressed } from './types.js';

const hidden: Suppressed = { suppressed: true, reason: 'below_k' };
const rows = [
  { label: 'Sykehjem', value: 61.2 as Figure },
  { label: 'Legekontor', value: hidden as Figure },
  { label: 'Hjemmetjenesten', value: 72.4 as Figure },
  { label: 'Psykisk helse', value: 48.9 as Figure },
];

describe('extremes', () => {
  it('finds the highest and lowest shown value, skipping hidden ones', () => {
    const result = extremes(rows, (r) => r.value)!;
    expect(result.highest.item.label).toBe('Hjemmetjenesten');
    expect(result.lowest).toEqual({ item: rows[3], value: 48.9 });
    expect(countHidden(rows, (r) => r.value)).toBe(1);
  });

  it('needs two shown values, and lets the first win a tie', () => {
    expect(extremes(rows.slice(0, 2), (r) => r.value)).toBeNull();
    const tie = extremes([{ id: 'a', v: 5 }, { id: 'b', v: 5 }, { id: 'c', v: 1 }, { id: 'd', v: 1 }], (r) => r.v)!;
    expect([tie.highest.item.id, tie.lowest.item.id]).toEqual(['a', 'c']);
  });

  it('never reports a hidden item, whatever the mix', () => {
    const figure = fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant<Figure>(hidden));
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 20 }), (values) => {
        const result = extremes(values.map((value, i) => ({ i, value })), (r) => r.value);
        if (result) {
          expect(typeof result.highest.item.value).toBe('number');
          expect(typeof result.lowest.item.value).toBe('number');
          expect(result.highest.value).toBeGreaterThanOrEqual(result.lowest.value);
        } else {
          expect(values.filter((v) => typeof v === 'number').length).toBeLessThan(2);
        }
      }),
    );
  });
});

describe('largestChanges', () => {
  it('names the largest rise and fall, leaving out what is not there', () => {
    const groups = [{ id: 'a', d: 4.2 }, { id: 'b', d: -1.5 }, { id: 'c', d: 9 }, { id: 'd', d: null }];
    const { rise, fall } = largestChanges(groups, (g) => g.d);
    expect(rise?.item.id).toBe('c');
    expect(fall?.item.id).toBe('b');
    expect(largestChanges([{ d: 2 }], (g) => g.d).fall).toBeUndefined();
    expect(largestChanges([{ d: 0 }], (g) => g.d)).toEqual({});
  });
});

describe('distributions', () => {
  it('finds the largest share among shown counts', () => {
    expect(largestShare([3, 10, hidden, 7], 24)).toEqual({ index: 1, share: 10 / 24 });
    expect(largestShare([hidden, hidden], 12)).toBeNull();
    expect(largestShare([1, 2], 0)).toBeNull();
  });

  it('draws hidden counts as one share: base minus the shown ones', () => {
    const { shares, hidden: rest } = distributionShares([10, hidden, 6, hidden], 20);
    expect(shares).toEqual([0.5, null, 0.3, null]);
    expect(rest).toBeCloseTo(0.2, 10);
    expect(distributionShares([5, 15], 20).hidden).toBe(0);
  });

  it('makes shares and the hidden rest add up to the whole bar', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(50), fc.boolean()), { minLength: 1, maxLength: 8 }), (cells) => {
        const base = cells.reduce((sum, [count]) => sum + count, 0);
        fc.pre(base > 0);
        const counts: Figure[] = cells.map(([count, hide]) => (hide ? hidden : count));
        const { shares, hidden: rest } = distributionShares(counts, base);
        expect(shares.reduce<number>((sum, s) => sum + (s ?? 0), 0) + rest).toBeCloseTo(1, 9);
      }),
    );
  });
});

describe('endpoints', () => {
  it('takes the first and the last shown point', () => {
    const days = [{ d: '1', v: hidden as Figure }, { d: '2', v: 10 as Figure }, { d: '3', v: 25 as Figure }, { d: '4', v: hidden as Figure }];
    const ends = endpoints(days, (p) => p.v)!;
    expect([ends.first.item.d, ends.last.item.d]).toEqual(['2', '3']);
    expect(endpoints([], (p: { v: Figure }) => p.v)).toBeNull();
  });
});
