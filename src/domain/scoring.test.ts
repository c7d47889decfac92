import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers, ScaleDef } from '../contracts/instrument.js';
import { pruneHidden, visibleItemIds } from './conditions.js';
import { levelOf, scoreResponse, scoreScale, SCORING_VERSION } from './scoring.js';
import { fixtureInstrument } from './test-instrument.js';

const instrument = fixtureInstrument();
const sc1 = instrument.scales.find((s) => s.id === 'sc1')!;

/** Likert range of each scale item in the fixture: a5 is 1–5 with "na", b4 is 0–3 without. */
const range: Record<string, { min: number; max: number; na: boolean }> = {
  't:r1': { min: 1, max: 5, na: true },
  't:r2': { min: 1, max: 5, na: true },
  't:r3': { min: 1, max: 5, na: true },
  't:l1': { min: 0, max: 3, na: false },
  't:l2': { min: 1, max: 5, na: true },
  't:r5': { min: 1, max: 5, na: true },
};
const scaleItems = Object.keys(range);
const reverse = new Set(instrument.scales.flatMap((s) => s.items.filter((i) => i.reverse).map((i) => i.item)));

/** Answers to the items that decide what is shown. */
const controls = fc.record({
  't:single': fc.constantFrom('a', 'b', 'c'),
  't:multi': fc.oneof(fc.constant<string[]>(['x']), fc.constant<string[]>(['y']), fc.constant<string[]>(['x', 'z']), fc.constant<string[]>(['none'])),
  't:num': fc.integer({ min: 0, max: 10 }),
});

const likertValue = (id: string) => {
  const r = range[id]!;
  return fc.oneof(fc.integer({ min: r.min, max: r.max }), ...(r.na ? [fc.constant('na')] : []));
};
const answersArb: fc.Arbitrary<Answers> = fc
  .tuple(controls, fc.record(Object.fromEntries(scaleItems.map((id) => [id, likertValue(id)])), { requiredKeys: [] }))
  .map(([c, s]) => ({ ...c, ...s }));

/** The worst or best end of an item, after reverse keying, or no answer / "na". */
const endArb = (end: 'worst' | 'best') =>
  fc.tuple(controls, fc.array(fc.constantFrom('end', 'missing', 'na'), { minLength: scaleItems.length, maxLength: scaleItems.length })).map(([c, choices]) => {
    const answers: Answers = { ...c };
    scaleItems.forEach((id, n) => {
      const r = range[id]!;
      const low = end === 'worst' !== reverse.has(id);
      if (choices[n] === 'end') answers[id] = low ? r.min : r.max;
      else if (choices[n] === 'na' && r.na) answers[id] = 'na';
    });
    return answers;
  });

describe('scoreScale', () => {
  it('is 100 × (mean − min) ÷ (max − min), reverse-keyed items turned', () => {
    // r1 = 4 → 0.75, r2 = 2 reversed → 0.75, r3 = 5 → 1, l1 (b4) = 1 → 1/3
    const answers: Answers = { 't:single': 'a', 't:multi': ['x'], 't:r1': 4, 't:r2': 2, 't:r3': 5, 't:l1': 1 };
    expect(scoreScale(instrument, sc1, answers)).toBeCloseTo((100 * (0.75 + 0.75 + 1 + 1 / 3)) / 4, 12);
  });

  it('leaves out "na" and missing answers, and needs the minimum answered share', () => {
    // sc1 has 4 items and needs 2/3: 3 answered is enough, 2 is not.
    expect(scoreScale(instrument, sc1, { 't:single': 'a', 't:r1': 5, 't:r2': 1, 't:r3': 'na' })).toBeNull();
    expect(scoreScale(instrument, sc1, { 't:single': 'a', 't:r1': 5, 't:r2': 1, 't:r3': 3 })).toBeCloseTo(100 * (1 + 1 + 0.5) / 3, 12);
    expect(scoreScale(instrument, sc1, {})).toBeNull();
  });

  it('accepts an answered share equal to the minimum despite floating point (4 of 6 at 2/3)', () => {
    const six: ScaleDef = { ...sc1, items: ['t:r1', 't:r2', 't:r3', 't:l1', 't:l2', 't:r5'].map((item) => ({ item, reverse: false })), minAnsweredShare: 2 / 3 };
    const answers: Answers = { 't:single': 'a', 't:multi': ['x'], 't:r1': 5, 't:r2': 5, 't:r3': 5, 't:l1': 3 };
    expect(scoreScale(instrument, six, answers)).toBe(100);
    expect(scoreScale(instrument, six, { ...answers, 't:l1': 'na' })).toBeNull();
  });

  it('ignores values that are no point of the scale', () => {
    expect(scoreScale(instrument, sc1, { 't:single': 'a', 't:r1': 9, 't:r2': 1, 't:r3': 5 })).toBeNull();
    expect(scoreScale(instrument, sc1, { 't:single': 'a', 't:multi': ['x'], 't:r1': 2.5, 't:r2': 1, 't:r3': 5, 't:l1': 3 })).toBe(100);
  });

  it('does not score an answer to an item an earlier answer hid', () => {
    const shown: Answers = { 't:single': 'a', 't:multi': ['x'], 't:r1': 5, 't:r2': 1, 't:r3': 1, 't:l1': 3 };
    expect(scoreScale(instrument, sc1, shown)).toBe(75);
    const changed = { ...shown, 't:single': 'b' }; // hides t:r3
    expect(scoreScale(instrument, sc1, changed)).toBe(100);
    expect(scoreResponse(instrument, changed).sc1).toBe(100);
  });
});

describe('scoreResponse', () => {
  it('scores every scale after pruning', () => {
    expect(scoreResponse(instrument, {})).toEqual({ sc1: null, sc2: null });
    // t:num ≤ 3 hides the third section: sc2's answers are dropped.
    expect(scoreResponse(instrument, { 't:num': 2, 't:l2': 5, 't:r5': 1 })).toEqual({ sc1: null, sc2: null });
    expect(scoreResponse(instrument, { 't:num': 5, 't:l2': 5, 't:r5': 1 })).toEqual({ sc1: null, sc2: 100 });
    expect(SCORING_VERSION).toBe(1);
  });
});

describe('levelOf', () => {
  it('counts the cut points reached', () => {
    const cuts = [25, 50, 75];
    expect(levelOf(0, cuts)).toBe(0);
    expect(levelOf(24.999, cuts)).toBe(0);
    expect(levelOf(25, cuts)).toBe(1);
    expect(levelOf(74.9, cuts)).toBe(2);
    expect(levelOf(75, cuts)).toBe(3);
    expect(levelOf(100, cuts)).toBe(3);
  });
});

describe('properties', () => {
  it('a score is in [0, 100] or null, also for malformed answers', () => {
    const junk = fc.oneof(fc.double({ noNaN: false }), fc.string(), fc.array(fc.string(), { maxLength: 2 }), fc.integer({ min: -3, max: 8 }));
    fc.assert(
      fc.property(answersArb, fc.dictionary(fc.constantFrom(...scaleItems), junk), (a, j) => {
        for (const score of Object.values(scoreResponse(instrument, { ...a, ...j }))) {
          if (score !== null) {
            expect(score).toBeGreaterThanOrEqual(0);
            expect(score).toBeLessThanOrEqual(100);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is exactly 0 when every answered item is at its worst end, and 100 at its best', () => {
    for (const [end, expected] of [['worst', 0], ['best', 100]] as const) {
      fc.assert(
        fc.property(endArb(end), (a) => {
          for (const score of Object.values(scoreResponse(instrument, a))) expect(score === null || score === expected).toBe(true);
        }),
        { numRuns: 300 },
      );
    }
    // …and the end cases do produce scores:
    const all = { 't:single': 'a', 't:multi': ['x'], 't:num': 9, 't:l2': 5, 't:r5': 1, 't:r1': 5, 't:r2': 1, 't:r3': 5, 't:l1': 3 };
    expect(scoreResponse(instrument, all)).toEqual({ sc1: 100, sc2: 100 });
  });

  it('never decreases when one answer moves one point toward its keyed best end (same items shown)', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...scaleItems), (a, id) => {
        const v = a[id];
        const r = range[id]!;
        fc.pre(typeof v === 'number');
        const better = reverse.has(id) ? (v as number) - 1 : (v as number) + 1;
        fc.pre(better >= r.min && better <= r.max);
        const improved = { ...a, [id]: better };
        fc.pre(setEquals(visibleItemIds(instrument, a), visibleItemIds(instrument, improved)));
        const before = scoreResponse(instrument, a);
        const after = scoreResponse(instrument, improved);
        for (const scale of instrument.scales) {
          const b = before[scale.id] ?? null;
          const c = after[scale.id] ?? null;
          expect(c === null).toBe(b === null);
          if (b !== null && c !== null) expect(c).toBeGreaterThanOrEqual(b);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('scores only what pruneHidden keeps', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        expect(scoreResponse(instrument, a)).toEqual(scoreResponse(instrument, pruneHidden(instrument, a)));
      }),
    );
  });
});

function setEquals(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
