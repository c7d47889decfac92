// Derived figures of a release (sums and shares over answer categories) come only from shown counts: a
// derived number is always the true one, and it is there whenever the shown counts determine it directly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Suppressed } from '../../components/charts/types.js';
import { isSuppressed } from '../../components/charts/types.js';
import { type Line, OTHER, shareIn, sumOf } from './release-model.js';

const CATEGORIES = ['a', 'b', 'c', 'd', '#missing'];
const HIDDEN: Suppressed = { suppressed: true, reason: 'below_k' };

/** A line with its true counts: some categories merged into OTHER, some parts and maybe n withheld. */
const lineArb = fc
  .record({
    counts: fc.array(fc.nat({ max: 40 }), { minLength: CATEGORIES.length, maxLength: CATEGORIES.length }),
    merged: fc.subarray(CATEGORIES),
    hidden: fc.array(fc.boolean(), { minLength: CATEGORIES.length + 1, maxLength: CATEGORIES.length + 1 }),
    nHidden: fc.boolean(),
  })
  .map(({ counts, merged, hidden, nHidden }) => {
    const truth = Object.fromEntries(CATEGORIES.map((c, i) => [c, counts[i]!]));
    const n = counts.reduce((s, x) => s + x, 0);
    const single = CATEGORIES.filter((c) => merged.length < 2 || !merged.includes(c));
    const parts: Line['parts'] = single.map((c, i) => ({ id: c, members: [c], figure: hidden[i] ? HIDDEN : truth[c]! }));
    if (merged.length >= 2) {
      const sum = merged.reduce((s, c) => s + truth[c]!, 0);
      parts.push({ id: OTHER, members: merged, figure: hidden[CATEGORIES.length] ? HIDDEN : sum });
    }
    const line: Line = { n: nHidden ? HIDDEN : n, parts };
    return { line, truth };
  });

const setArb = fc.subarray(CATEGORIES, { minLength: 1 });

describe('sumOf', () => {
  it('is the true sum whenever it gives a number', () => {
    fc.assert(
      fc.property(lineArb, setArb, ({ line, truth }, set) => {
        const sum = sumOf(line, set);
        return isSuppressed(sum) || sum === set.reduce((s, c) => s + truth[c]!, 0);
      }),
    );
  });

  it('gives a number when every part inside the set is shown and no merged part straddles it', () => {
    fc.assert(
      fc.property(lineArb, setArb, ({ line }, set) => {
        const inside = line.parts.filter((p) => p.members.every((m) => set.includes(m)));
        const straddles = line.parts.some((p) => p.members.some((m) => set.includes(m)) && !p.members.every((m) => set.includes(m)));
        fc.pre(!straddles && inside.every((p) => !isSuppressed(p.figure)));
        return !isSuppressed(sumOf(line, set));
      }),
    );
  });

  it('never derives a sum that needs a withheld part of a merged column it cuts through', () => {
    const line: Line = { n: 20, parts: [{ id: 'a', members: ['a'], figure: 12 }, { id: OTHER, members: ['b', 'c'], figure: 8 }] };
    expect(isSuppressed(sumOf(line, ['b']))).toBe(true);
    expect(sumOf(line, ['b', 'c'])).toBe(line.n as number - 12);
  });
});

describe('shareIn', () => {
  it('is the true share whenever it gives one, and a band says which way it goes otherwise', () => {
    fc.assert(
      fc.property(lineArb, setArb, setArb, ({ line, truth }, a, b) => {
        const whole = [...new Set([...a, ...b])];
        const inside = a;
        const share = shareIn(line, inside, whole);
        const total = whole.reduce((s, c) => s + truth[c]!, 0);
        if (isSuppressed(share)) return share.reason !== 'below_k' && share.reason !== 'complementary';
        return total > 0 && Math.abs(share.share - inside.reduce((s, c) => s + truth[c]!, 0) / total) < 1e-12 && share.n === total;
      }),
    );
  });

  it('reads a band on an answer inside the share as "almost all", outside it as "few"', () => {
    const band = (b: 'almost_all' | 'few'): Suppressed => ({ suppressed: true, reason: 'all_same', band: b });
    const line: Line = { n: 30, parts: [{ id: 'a', members: ['a'], figure: band('almost_all') }, { id: 'b', members: ['b'], figure: band('few') }] };
    expect(shareIn(line, ['a'], ['a', 'b'])).toEqual(band('almost_all'));
    expect(shareIn(line, ['b'], ['a', 'b'])).toEqual(band('few'));
  });
});
