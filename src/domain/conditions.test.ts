import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers, Condition } from '../contracts/instrument.js';
import { conditionItems, evaluate, evaluateKnowing, pruneHidden, resolveVisibility, visibleItemIds } from './conditions.js';
import { validateInstrument } from './instrument.js';
import { fixtureInstrument } from './test-instrument.js';

const instrument = fixtureInstrument();

// ---- Arbitraries shared by the properties

const ids = ['t:single', 't:multi', 't:num', 't:r1', 't:r2', 't:r3', 't:l1', 't:l2', 't:r5', 't:txt', 't:unit', 't:unknown'];
const itemId = fc.constantFrom(...ids);
const scalar = fc.oneof(fc.constantFrom('a', 'b', 'c', 'x', 'na', ''), fc.integer({ min: -1, max: 6 }));

/** Any answer value, well-formed for its item or not. */
const anyValue = fc.oneof(
  scalar,
  fc.double({ min: -5, max: 15, noNaN: true }),
  fc.subarray(['x', 'y', 'z', 'none']),
  fc.array(fc.constantFrom('x', 'y', 'q'), { maxLength: 3 }),
);

/** Answers that mostly fit their items, with some junk (wrong types, unknown ids). */
const answersArb: fc.Arbitrary<Answers> = fc.record(
  {
    't:single': fc.constantFrom('a', 'b', 'c'),
    't:multi': fc.oneof(fc.subarray(['x', 'y', 'z'], { minLength: 1, maxLength: 2 }), fc.constant<string[]>(['none'])),
    't:num': fc.integer({ min: 0, max: 10 }),
    't:r1': fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('na')),
    't:r2': fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('na')),
    't:r3': fc.integer({ min: 1, max: 5 }),
    't:l1': fc.integer({ min: 0, max: 3 }),
    't:l2': fc.integer({ min: 1, max: 5 }),
    't:r5': fc.integer({ min: 1, max: 5 }),
    't:txt': fc.string({ maxLength: 12 }),
    't:unit': fc.constant('some-unit'),
    't:unknown': anyValue,
  },
  { requiredKeys: [] },
);

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ item: itemId, op: fc.constantFrom('eq' as const, 'ne' as const), value: scalar }),
  fc.record({ item: itemId, op: fc.constantFrom('in' as const, 'notIn' as const), values: fc.array(scalar, { minLength: 1, maxLength: 3 }) }),
  fc.record({ item: itemId, op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const), value: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ item: itemId, op: fc.constantFrom('countEq' as const, 'countGte' as const, 'countLte' as const), value: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ item: itemId, op: fc.constant('includes' as const), value: fc.constantFrom('x', 'y', 'none') }),
  fc.record({ item: itemId, op: fc.constantFrom('answered' as const, 'unanswered' as const) }),
);

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('c') }),
  ),
})).c;

// ---- Examples

describe('evaluate', () => {
  const answers: Answers = { 't:single': 'a', 't:multi': ['x', 'y'], 't:num': 4, 't:r1': 'na', 't:txt': '' };

  it('compares answered items', () => {
    expect(evaluate({ item: 't:single', op: 'eq', value: 'a' }, answers)).toBe(true);
    expect(evaluate({ item: 't:single', op: 'ne', value: 'a' }, answers)).toBe(false);
    expect(evaluate({ item: 't:single', op: 'in', values: ['b', 'a'] }, answers)).toBe(true);
    expect(evaluate({ item: 't:single', op: 'notIn', values: ['b', 'c'] }, answers)).toBe(true);
    expect(evaluate({ item: 't:num', op: 'gt', value: 3 }, answers)).toBe(true);
    expect(evaluate({ item: 't:num', op: 'gte', value: 4 }, answers)).toBe(true);
    expect(evaluate({ item: 't:num', op: 'lt', value: 4 }, answers)).toBe(false);
    expect(evaluate({ item: 't:num', op: 'lte', value: 4 }, answers)).toBe(true);
    expect(evaluate({ item: 't:multi', op: 'countEq', value: 2 }, answers)).toBe(true);
    expect(evaluate({ item: 't:multi', op: 'countGte', value: 3 }, answers)).toBe(false);
    expect(evaluate({ item: 't:multi', op: 'countLte', value: 2 }, answers)).toBe(true);
    expect(evaluate({ item: 't:multi', op: 'includes', value: 'y' }, answers)).toBe(true);
    expect(evaluate({ item: 't:multi', op: 'includes', value: 'z' }, answers)).toBe(false);
  });

  it('makes every comparison on an unanswered item false, ne and notIn included', () => {
    for (const item of ['t:l2', 't:txt']) {
      expect(evaluate({ item, op: 'eq', value: 'a' }, answers)).toBe(false);
      expect(evaluate({ item, op: 'ne', value: 'a' }, answers)).toBe(false);
      expect(evaluate({ item, op: 'in', values: ['a'] }, answers)).toBe(false);
      expect(evaluate({ item, op: 'notIn', values: ['a'] }, answers)).toBe(false);
      expect(evaluate({ item, op: 'gt', value: 0 }, answers)).toBe(false);
      expect(evaluate({ item, op: 'countEq', value: 0 }, answers)).toBe(false);
      expect(evaluate({ item, op: 'countLte', value: 5 }, answers)).toBe(false);
      expect(evaluate({ item, op: 'answered' }, answers)).toBe(false);
      expect(evaluate({ item, op: 'unanswered' }, answers)).toBe(true);
    }
    expect(evaluate({ item: 't:multi', op: 'answered' }, { 't:multi': [] })).toBe(false);
  });

  it('treats "na" as answered but not as a number', () => {
    expect(evaluate({ item: 't:r1', op: 'answered' }, answers)).toBe(true);
    expect(evaluate({ item: 't:r1', op: 'eq', value: 'na' }, answers)).toBe(true);
    for (const op of ['gt', 'gte', 'lt', 'lte'] as const) expect(evaluate({ item: 't:r1', op, value: 3 }, answers)).toBe(false);
  });

  it('does not coerce between numbers and strings', () => {
    expect(evaluate({ item: 't:num', op: 'eq', value: '4' }, answers)).toBe(false);
    expect(evaluate({ item: 't:single', op: 'gt', value: 0 }, { 't:single': '5' })).toBe(false);
  });

  it('lists the items a condition reads', () => {
    expect(conditionItems({ all: [{ item: 't:a', op: 'answered' }, { not: { any: [{ item: 't:b', op: 'eq', value: 1 }] } }] })).toEqual(['t:a', 't:b']);
  });
});

describe('visibility and pruneHidden', () => {
  it('the fixture is a valid instrument', () => {
    expect(validateInstrument(instrument)).toEqual([]);
  });

  it('shows items by their own, their section\'s and their row\'s conditions', () => {
    const none = visibleItemIds(instrument, {});
    expect([...none]).toEqual(['t:unit', 't:single', 't:multi', 't:num', 't:grid', 't:r1', 't:r2']);
    const some = resolveVisibility(instrument, { 't:single': 'a', 't:multi': ['x'], 't:num': 5, 't:l2': 3, 't:r1': 2 });
    expect([...some.sections]).toEqual(['first', 'second', 'third']);
    expect(some.items).toEqual(new Set(['t:unit', 't:single', 't:multi', 't:num', 't:grid', 't:r1', 't:r2', 't:r3', 't:l1', 't:l2', 't:grid2', 't:r5', 't:txt']));
  });

  it('drops answers to hidden items, unknown ids, the unit item and empty answers', () => {
    const answers: Answers = { 't:single': 'b', 't:r3': 5, 't:num': 2, 't:l2': 4, 't:unknown': 1, 't:unit': 'u', 't:txt': 'hello', 't:r2': 3, 't:multi': [] };
    expect(pruneHidden(instrument, answers)).toEqual({ 't:single': 'b', 't:num': 2, 't:r2': 3 });
  });

  it('treats a pruned answer as unanswered for later conditions (a chain)', () => {
    // t:l2 is hidden (t:num ≤ 3), so t:r5 (shown when t:l2 ≥ 3) is hidden too, although t:l2 = 5 was sent.
    const kept = pruneHidden(instrument, { 't:num': 3, 't:l2': 5, 't:r5': 1 });
    expect(kept).toEqual({ 't:num': 3 });
    // t:txt needs t:r1 answered; t:r1 is answered but t:txt's section needs t:num > 3.
    expect(pruneHidden(instrument, { 't:num': 4, 't:r1': 1, 't:txt': 'x' })).toEqual({ 't:num': 4, 't:r1': 1, 't:txt': 'x' });
  });

  it('drops an answer whose item an earlier changed answer hid', () => {
    const before: Answers = { 't:single': 'a', 't:r3': 5, 't:r1': 4 };
    expect(pruneHidden(instrument, before)).toEqual(before);
    expect(pruneHidden(instrument, { ...before, 't:single': 'c' })).toEqual({ 't:single': 'c', 't:r1': 4 });
  });
});

// ---- Properties

describe('properties', () => {
  it('not / all / any obey the laws of boolean algebra', () => {
    fc.assert(
      fc.property(conditionArb, conditionArb, fc.array(conditionArb, { minLength: 1, maxLength: 4 }), answersArb, (c, d, cs, a) => {
        const ev = (x: Condition) => evaluate(x, a);
        expect(ev({ not: { not: c } })).toBe(ev(c));
        expect(ev({ not: c })).toBe(!ev(c));
        expect(ev({ all: cs })).toBe(cs.every(ev));
        expect(ev({ any: cs })).toBe(cs.some(ev));
        expect(ev({ all: [c] })).toBe(ev(c));
        expect(ev({ any: [c] })).toBe(ev(c));
        expect(ev({ not: { all: cs } })).toBe(ev({ any: cs.map((x) => ({ not: x })) }));
        expect(ev({ not: { any: cs } })).toBe(ev({ all: cs.map((x) => ({ not: x })) }));
        expect(ev({ any: [c, { not: c }] })).toBe(true);
        expect(ev({ all: [c, { not: c }] })).toBe(false);
        expect(ev({ all: [c, d] })).toBe(ev({ all: [d, c] }));
        expect(ev({ any: [c, { all: [c, d] }] })).toBe(ev(c)); // absorption
      }),
      { numRuns: 500 },
    );
  });

  it('answered and unanswered are complements', () => {
    fc.assert(
      fc.property(itemId, answersArb, (item, a) => {
        expect(evaluate({ item, op: 'answered' }, a)).toBe(!evaluate({ item, op: 'unanswered' }, a));
      }),
    );
  });

  it('pruneHidden is idempotent and keeps only answers to shown items', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const once = pruneHidden(instrument, a);
        expect(pruneHidden(instrument, once)).toEqual(once);
        const shown = visibleItemIds(instrument, a);
        for (const id of Object.keys(once)) {
          expect(shown.has(id)).toBe(true);
          expect(once[id]).toEqual(a[id]);
        }
        expect(visibleItemIds(instrument, once)).toEqual(shown);
      }),
      { numRuns: 500 },
    );
  });

  it('an answer to a hidden item changes nothing that is kept', () => {
    const answerable = ['t:single', 't:multi', 't:num', 't:r1', 't:r2', 't:r3', 't:l1', 't:l2', 't:r5', 't:txt'];
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...answerable), anyValue, (a, id, v) => {
        const shown = visibleItemIds(instrument, a);
        fc.pre(!shown.has(id));
        expect(pruneHidden(instrument, { ...a, [id]: v })).toEqual(pruneHidden(instrument, a));
      }),
      { numRuns: 500 },
    );
  });
});

describe('evaluateKnowing: a condition from one answer, the others unknown', () => {
  it('is true or false only when every answer the others could give agrees (property)', () => {
    fc.assert(
      fc.property(conditionArb, answersArb, itemId, fc.constantFrom('x', 'y', 'none'), fc.boolean(), (c, answers, item, option, byOption) => {
        const v = answers[item];
        // What is known: the item's whole answer, or of a non-empty list only whether one option is in it.
        const list = Array.isArray(v) && v.length > 0 ? v : null;
        const known = byOption && list ? { option, chosen: list.includes(option) } : { value: v === undefined || v === '' || (Array.isArray(v) && v.length === 0) ? undefined : v };
        const said = evaluateKnowing(c, item, known);
        if (said !== null) expect(evaluate(c, answers)).toBe(said);
      }),
      { numRuns: 2000 },
    );
  });

  it('settles a technology row by its own use, although the grid reads every technology', () => {
    const uses = (item: string): Condition => ({ item, op: 'in', values: ['sometimes', 'daily'] });
    const chain: Condition = { all: [{ any: [uses('dk:use_a'), uses('dk:use_b')] }, uses('dk:use_a')] };
    expect(evaluateKnowing(chain, 'dk:use_a', { value: 'daily' })).toBe(true);
    expect(evaluateKnowing(chain, 'dk:use_a', { value: 'never' })).toBe(false);
    expect(evaluateKnowing(chain, 'dk:use_a', { value: undefined })).toBe(false);
    expect(evaluateKnowing(chain, 'dk:use_b', { value: 'daily' })).toBeNull();
  });
});
