import { describe, expect, it } from 'vitest';
import type { MeanCell, ReleaseBody, ReleaseFigure } from '../contracts/release.js';
import { attributeRows, isWithheld, shareOf, WITHHELD_DERIVED, type Line, type Withheld } from './release-reading.js';

const shown = (n: number): ReleaseFigure => ({ shown: true, n });
const mean = (n: number, m: number, sd: number): MeanCell => ({ shown: true, n, mean: m, sd, low: m - 1, high: m + 1 });

function body(parts: Partial<ReleaseBody>): ReleaseBody {
  return { kind: 'outside_region', k: 5, respondents: shown(0), groupings: {}, answers: {}, means: {}, info: [], sections: [], scales: [], levels: [], ...parts };
}

// Gol's own release (under 5,000, county 33), the rest of its region (all under 5,000) and the municipalities
// outside the region, broken down by size class and with county 40 shared.
const own = body({ kind: 'municipality', respondents: shown(20), means: { s: { total: mean(20, 60, 10), byGroup: {} } }, attributes: { size_class: { same: 'under_5000', name: null }, county: { same: '33', name: 'Buskerud' } } });
const regionRest = body({ kind: 'region_rest', respondents: shown(30), means: { s: { total: mean(30, 50, 10), byGroup: {} } }, attributes: { size_class: { same: 'under_5000', name: null }, county: { same: '33', name: 'Buskerud' } } });
const outside = body({
  respondents: shown(100),
  groupings: {
    size_class: {
      groups: [
        { id: 'under_5000', name: null, figure: shown(40) },
        { id: '5000_19999', name: null, figure: { shown: false, reason: 'below_k' } },
        { id: '20000_plus', name: null, figure: shown(57) },
      ],
      rest: null,
    },
  },
  means: { s: { total: mean(100, 55, 12), byGroup: { size_class: { under_5000: mean(40, 70, 10), '20000_plus': mean(57, 40, 8) } } } },
  attributes: { size_class: { same: null, name: null }, county: { same: '40', name: 'Telemark' } },
});

describe('attributeRows', () => {
  it('adds up the releases group by group: totals where all share a group, the rows where the release is broken down', () => {
    const rows = attributeRows([own, regionRest, outside], 'size_class', ['s'])!;
    expect(rows.map((r) => [r.group, r.respondents])).toEqual([
      ['under_5000', 90],
      ['5000_19999', WITHHELD_DERIVED],
      ['20000_plus', 57],
    ]);
    const small = rows[0]!.means.s!;
    if (isWithheld(small)) throw new Error('expected a pooled mean');
    // 20 at 60, 30 at 50 and 40 at 70: the pooled mean and SD of the union.
    expect(small.n).toBe(90);
    expect(small.mean).toBeCloseTo((20 * 60 + 30 * 50 + 40 * 70) / 90, 10);
    const squares = 19 * 100 + 29 * 100 + 39 * 100 + 20 * (60 - small.mean) ** 2 + 30 * (50 - small.mean) ** 2 + 40 * (70 - small.mean) ** 2;
    expect(small.sd).toBeCloseTo(Math.sqrt(squares / 89), 10);
    expect(small.low).toBeLessThan(small.mean);
    expect(small.high - small.mean).toBeCloseTo(small.mean - small.low, 10);
    // One part only: its own figures as they are.
    expect(rows[2]!.means.s).toEqual({ n: 57, mean: 40, sd: 8, low: 39, high: 41 });
    expect(rows[1]!.means.s).toEqual(WITHHELD_DERIVED);
  });

  it('names counties and regions, and orders size classes small to large', () => {
    const rows = attributeRows([own, regionRest, outside], 'county', ['s'])!;
    expect(rows.map((r) => [r.group, r.name, r.respondents])).toEqual([
      ['33', 'Buskerud', 50],
      ['40', 'Telemark', 100],
    ]);
  });

  it('withholds a group that a release has merged into its rest row, and its mean', () => {
    const merged = body({
      respondents: shown(12),
      groupings: { size_class: { groups: [{ id: 'under_5000', name: null, figure: shown(6) }], rest: { members: ['20000_plus'], n: 6 } } },
      means: { s: { total: mean(12, 50, 5), byGroup: { size_class: { under_5000: mean(6, 50, 5) } } } },
      attributes: { size_class: { same: null, name: null } },
    });
    const rows = attributeRows([own, merged], 'size_class', ['s'])!;
    expect(rows.find((r) => r.group === '20000_plus')).toMatchObject({ respondents: WITHHELD_DERIVED, means: { s: WITHHELD_DERIVED } });
    expect(rows.find((r) => r.group === 'under_5000')!.respondents).toBe(26);
  });

  it('withholds a mean when one part of it is withheld, though the head count adds up', () => {
    const noMean = body({ kind: 'region_rest', respondents: shown(8), means: { s: { total: { shown: false, reason: 'all_same' }, byGroup: {} } }, attributes: { size_class: { same: 'under_5000', name: null } } });
    const [row] = attributeRows([own, noMean], 'size_class', ['s'])!;
    expect(row).toMatchObject({ respondents: 28, means: { s: WITHHELD_DERIVED } });
  });

  it('gives nothing when a release predates attributes', () => {
    expect(attributeRows([own, body({})], 'size_class', ['s'])).toBeNull();
    expect(attributeRows([], 'size_class', ['s'])).toBeNull();
  });
});

describe('shareOf', () => {
  const VALUES = ['never', 'sometimes', 'weekly', 'daily'];
  const USING = ['sometimes', 'weekly', 'daily'];
  const below: Withheld = { suppressed: true, reason: 'below_k' };
  const almostAll: Withheld = { suppressed: true, reason: 'all_same', band: 'almost_all' };
  const few: Withheld = { suppressed: true, reason: 'all_same', band: 'few' };
  const line = (n: Line['n'], figures: Record<string, Line['parts'][number]['figure']>): Line => ({ n, parts: Object.entries(figures).map(([id, figure]) => ({ id, members: [id], figure })) });

  it('works the share out from shown counts, by subtraction where a part inside is withheld', () => {
    // 5 never, "sometimes" withheld (4), 6 weekly, 5 daily: 15 of 20 use it.
    const l = line(20, { never: 5, sometimes: below, weekly: 6, daily: 5, na: 0, '#missing': 0 });
    expect(shareOf(l, USING, VALUES)).toEqual({ share: 15 / 20, n: 20 });
    expect(shareOf(l, ['never'], VALUES)).toEqual({ share: 5 / 20, n: 20 });
  });

  it('withholds a share it cannot work out with the reason of the count it needs', () => {
    const l = line(20, { never: below, sometimes: below, weekly: 8, daily: 8, na: 0, '#missing': 0 });
    expect(shareOf(l, USING, VALUES)).toEqual(below);
    // The part is known (16), the base is not: the base's reason.
    const base = line({ suppressed: true, reason: 'complementary' }, { never: 16, sometimes: 0, weekly: below, daily: 0, na: 0, '#missing': 0 });
    expect(shareOf(base, ['never'], VALUES)).toEqual({ suppressed: true, reason: 'complementary' });
    expect(shareOf(line(0, { never: 0, sometimes: 0, weekly: 0, daily: 0 }), USING, VALUES)).toEqual(WITHHELD_DERIVED);
  });

  it('reads a line where (almost) everyone gave one answer of the base: "almost all" when it is inside, "few" when outside', () => {
    // 27 of 30 never use it; the others are fewer than k.
    const l = line(30, { never: almostAll, sometimes: few, weekly: few, daily: few, na: 0, '#missing': 0 });
    expect(shareOf(l, USING, VALUES)).toEqual(few);
    expect(shareOf(l, ['never'], VALUES)).toEqual(almostAll);
    expect(shareOf(l, ['never', 'weekly'], VALUES)).toEqual(almostAll);
  });

  it('claims no band when the dominant answer is outside the base, or a merged part holding it cuts through the share', () => {
    // Almost everyone found it not relevant: the few who answered may all use it, so no "few" of them.
    const notRelevant = line(20, { never: few, sometimes: few, weekly: few, daily: few, na: almostAll, '#missing': 0 });
    const outside = shareOf(notRelevant, USING, VALUES);
    expect(outside).toEqual({ suppressed: true, reason: 'all_same' });
    // A breakdown row whose dominant column merges "never" and "sometimes": how many use it is unknown.
    const merged: Line = { n: 30, parts: [{ id: '#other', members: ['never', 'sometimes'], figure: almostAll }, { id: 'weekly', members: ['weekly'], figure: few }, { id: 'daily', members: ['daily'], figure: few }] };
    const cut = shareOf(merged, USING, VALUES);
    expect(isWithheld(cut) && cut.band).toBeUndefined();
    expect(shareOf(merged, ['never', 'sometimes'], VALUES)).toEqual(almostAll);
    expect(shareOf(merged, ['weekly'], VALUES)).toEqual(few);
  });
});
