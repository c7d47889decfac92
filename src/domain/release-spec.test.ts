// From responses to release counts: every answer's categories cover every respondent (so each line splits
// its whole group), hidden questions count as not asked, and means are stored only where they say nothing
// about one person.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../contracts/instrument.js';
import { protectRelease } from './disclosure/release.js';
import { buildReleaseSpec, levelAnswer, MISSING, NO_GROUP, NO_SCORE, NOT_ASKED, optionAnswer, protectMeans, ReleaseCounter } from './release-spec.js';
import { scoreResponse } from './scoring.js';
import { fixtureInstrument } from './test-instrument.js';

const instrument = fixtureInstrument();
const forms = new Map([['f', instrument]]);
const groupings = [{ id: 'unit', groups: ['u1', 'u2'] }];
const respondent = (unit: string, answers: Answers) => ({ form: 'f', groups: { unit }, answers });

describe('buildReleaseSpec', () => {
  it('puts every respondent in exactly one category of every answer, hidden questions as not asked', () => {
    const built = buildReleaseSpec(forms, [
      respondent('u1', { 't:single': 'a', 't:multi': ['x'], 't:r1': 5, 't:r3': 2, 't:l1': 1 }),
      respondent('u2', { 't:single': 'b', 't:multi': ['y'], 't:r1': 'na' }),
      respondent('u2', {}),
    ], { groupings });
    const answer = (id: string) => built.spec.answers.find((a) => a.id === id)!;
    expect(answer('t:single').total).toEqual({ a: 1, b: 1, [MISSING]: 1 });
    // t:r3 is shown only to those who answered a; t:l1 only when x was chosen.
    expect(answer('t:r3').total).toEqual({ '2': 1, [NOT_ASKED]: 2 });
    expect(answer('t:l1').total).toEqual({ '1': 1, [NOT_ASKED]: 2 });
    expect(answer('t:r1').total).toEqual({ '5': 1, na: 1, [MISSING]: 1 });
    expect(answer(optionAnswer('t:multi', 'x')).total).toEqual({ chosen: 1, not_chosen: 1, [MISSING]: 1 });
    expect(answer('t:r1').byGroup!.unit).toEqual({ u1: { '5': 1 }, u2: { na: 1, [MISSING]: 1 } });
    expect(built.spec.respondents.unit).toEqual({ u1: 1, u2: 2 });
  });

  it('makes counts protectRelease() accepts for any answers (each line adds up to its group)', () => {
    const value = fc.oneof(fc.constant(undefined), fc.constantFrom('a', 'b', 'c'));
    const likert = fc.oneof(fc.constant(undefined), fc.constantFrom(1, 2, 3, 4, 5, 'na'));
    const person = fc.record({
      unit: fc.constantFrom('u1', 'u2', NO_GROUP),
      single: value,
      r1: likert,
      r2: likert,
      num: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(person, { maxLength: 25 }), (people) => {
        const rs = people.map((p) => {
          const answers: Answers = {};
          if (p.single !== undefined) answers['t:single'] = p.single;
          if (p.r1 !== undefined) answers['t:r1'] = p.r1;
          if (p.r2 !== undefined) answers['t:r2'] = p.r2;
          if (p.num !== undefined) answers['t:num'] = p.num;
          return respondent(p.unit, answers);
        });
        const built = buildReleaseSpec(forms, rs, { groupings });
        for (const a of built.spec.answers) expect(Object.values(a.total).reduce((s, n) => s + n, 0)).toBe(rs.length);
        if (rs.length > 0) expect(() => protectRelease(built.spec, { k: 3 })).not.toThrow();
      }),
      { numRuns: 20 },
    );
  }, 60_000);

  // The server reads a wave's responses once and feeds each to every release the respondent is in (their
  // municipality's, the region's, other municipalities' benchmarks), each release with its own forms: a
  // respondent read for one counter must count in another exactly as if read there alone.
  it('counts alike whether the releases share one read of the responses or each reads its own', () => {
    const likert = fc.oneof(fc.constant(undefined), fc.constantFrom(0, 1, 2, 3, 4, 5, 'na'));
    const person = fc.record({
      unit: fc.constantFrom('u1', 'u2', NO_GROUP),
      single: fc.oneof(fc.constant(undefined), fc.constantFrom('a', 'b', 'c')),
      multi: fc.subarray(['x', 'y', 'z']),
      num: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      r1: likert, r2: likert, r3: likert, l1: likert, l2: likert, r5: likert,
      // which of the three releases the respondent is in
      inA: fc.boolean(), inB: fc.boolean(), inC: fc.boolean(),
    });
    type Person = typeof person extends fc.Arbitrary<infer T> ? T : never;
    const answersOf = (p: Person): Answers => {
      const a: Answers = {};
      if (p.single !== undefined) a['t:single'] = p.single;
      if (p.multi.length > 0) a['t:multi'] = p.multi;
      if (p.num !== undefined) a['t:num'] = p.num;
      for (const id of ['r1', 'r2', 'r3', 'l1', 'l2', 'r5'] as const) if (p[id] !== undefined) a[`t:${id}`] = p[id];
      return a;
    };
    // Release C has a form object of its own (as a municipality's release has its served form).
    const formsC = new Map([['f', fixtureInstrument()]]);
    const options = [{ groupings }, { groupings, breakdowns: () => [] }, { groupings: [{ id: 'all', groups: ['all'] }] }] as const;
    fc.assert(
      fc.property(fc.array(person, { maxLength: 30 }), (people) => {
        const shared = [new ReleaseCounter(forms, options[0]), new ReleaseCounter(forms, options[1]), new ReleaseCounter(formsC, options[2])];
        for (const p of people) {
          const r = { form: 'f', groups: { unit: p.unit, all: 'all' }, answers: answersOf(p) };
          [p.inA, p.inB, p.inC].forEach((inside, i) => inside && shared[i]!.add(r));
        }
        const alone = (i: 0 | 1 | 2, inside: (p: Person) => boolean) =>
          buildReleaseSpec(i === 2 ? formsC : forms, people.filter(inside).map((p) => ({ form: 'f', groups: { unit: p.unit, all: 'all' }, answers: answersOf(p) })), options[i]);
        const expected = [alone(0, (p) => p.inA), alone(1, (p) => p.inB), alone(2, (p) => p.inC)];
        shared.forEach((c, i) => {
          const got = c.result();
          expect(got.spec).toEqual(expected[i]!.spec);
          expect(got.scores).toEqual(expected[i]!.scores);
        });
        // The score sums are scoreResponse()'s scores added in order (exactly: the stored means depend on it).
        const inA = people.filter((p) => p.inA);
        const sum = inA.reduce((s, p) => s + (scoreResponse(instrument, answersOf(p)).sc1 ?? 0), 0);
        expect(shared[0]!.result().scores.get('sc1')?.get('')?.get('')?.sum ?? 0).toBe(sum);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('breaks an answer down only by the groupings asked for', () => {
    const built = buildReleaseSpec(forms, [respondent('u1', { 't:single': 'a' })], { groupings, breakdowns: (m) => (m.id === 't:single' ? ['unit'] : []) });
    expect(built.spec.answers.find((a) => a.id === 't:single')!.byGroup).toHaveProperty('unit');
    expect(built.spec.answers.find((a) => a.id === 't:r1')!.byGroup).toEqual({});
  });
});

describe('links: what the questionnaire tells of how answers hang together', () => {
  const linksOf = (built: ReturnType<typeof buildReleaseSpec>, id: string) => built.spec.answers.find((a) => a.id === id)!;
  const built = buildReleaseSpec(forms, [], { groupings });
  const notAskedWhen = (answer: string, those: string[]) => ({ answer, these: [NOT_ASKED], op: '=', those });

  it("ties a follow-up's \"not asked\" to the answers of its condition that hide it", () => {
    expect(linksOf(built, 't:r3').links).toEqual([notAskedWhen('t:single', ['b', 'c', MISSING, NOT_ASKED])]);
    expect(linksOf(built, 't:l1').links).toEqual([notAskedWhen(optionAnswer('t:multi', 'x'), ['not_chosen', MISSING, NOT_ASKED])]);
    // t:r5 (shown when t:l2 ≥ 3) is in a section shown when t:num > 3, as t:l2 is: t:l2 settles both.
    expect(linksOf(built, 't:r5').links).toEqual([notAskedWhen('t:l2', ['1', '2', 'na', MISSING, NOT_ASKED])]);
    // t:l2 hinges only on a number, which the release leaves out: it stands alone.
    expect(linksOf(built, 't:l2').links).toBeUndefined();
    expect(linksOf(built, 't:l2').withhold).toBeUndefined();
  });

  it('ties the options of a multiple choice by who skipped it, and the exclusive option to the others', () => {
    const y = linksOf(built, optionAnswer('t:multi', 'y'));
    expect(y.links).toContainEqual({ answer: optionAnswer('t:multi', 'x'), these: [MISSING], op: '=', those: [MISSING] });
    expect(y.links).toContainEqual({ answer: optionAnswer('t:multi', 'x'), these: [NOT_ASKED], op: '=', those: [NOT_ASKED] });
    expect(y.links).toContainEqual({ answer: optionAnswer('t:multi', 'none'), these: ['chosen'], op: '<=', those: ['not_chosen'] });
  });

  it('shows nothing of a follow-up whose condition no one answer settles, or that reads a grouping', () => {
    const both = fixtureInstrument();
    const grid = both.sections[1]!.items.find((i) => i.id === 't:grid')! as { rows: { id: string; showIf?: unknown }[] };
    grid.rows.find((r) => r.id === 't:r3')!.showIf = { all: [{ item: 't:single', op: 'eq', value: 'a' }, { item: 't:r1', op: 'gte', value: 3 }] };
    expect(linksOf(buildReleaseSpec(new Map([['f', both]]), [], { groupings }), 't:r3').withhold).toBe(true);
    // t:single as a grouping (profession, say): its head counts are shown, and t:r3's "not asked" would add to them.
    const asGrouping = buildReleaseSpec(forms, [], { groupings, exclude: new Set(['t:single']) });
    expect(linksOf(asGrouping, 't:r3').withhold).toBe(true);
  });

  it('shows nothing of an option that some of the forms lack', () => {
    const fewer = fixtureInstrument();
    const multi = fewer.sections[0]!.items.find((i) => i.id === 't:multi')! as { options: { value: string }[] };
    multi.options = multi.options.filter((o) => o.value !== 'y');
    const two = buildReleaseSpec(new Map([['f', instrument], ['g', fewer]]), [], { groupings });
    expect(linksOf(two, optionAnswer('t:multi', 'y')).withhold).toBe(true);
    expect(linksOf(two, optionAnswer('t:multi', 'x')).withhold).toBeUndefined();
  });

  it('bounds a follow-up that another form lacks while it has the condition: between the hiding answers and those plus that form', () => {
    const without = fixtureInstrument();
    const grid = without.sections[1]!.items.find((i) => i.id === 't:grid')! as { rows: { id: string }[] };
    grid.rows = grid.rows.filter((r) => r.id !== 't:r3');
    const two = buildReleaseSpec(new Map([['f', instrument], ['g', without]]), [], { groupings });
    expect(linksOf(two, 't:r3').links).toEqual([{ answer: 't:single', these: [NOT_ASKED], op: '<=', those: ['b', 'c', MISSING, NOT_ASKED], plus: { answer: 'form', those: ['g'] } }]);
    expect(linksOf(two, 't:single').links).toEqual([{ answer: 't:r3', these: ['b', 'c', MISSING, NOT_ASKED], op: '<=', those: [NOT_ASKED] }]);
    expect(linksOf(two, 'form').known).toBe(true);
    const rs = [
      { ...respondent('u1', { 't:single': 'a', 't:r3': 2 }) },
      { ...respondent('u1', { 't:single': 'a' }), form: 'g' },
      { ...respondent('u2', { 't:single': 'b' }), form: 'g' },
    ];
    expect(() => protectRelease(buildReleaseSpec(new Map([['f', instrument], ['g', without]]), rs, { groupings }).spec, { k: 3 })).not.toThrow();
  });

  it('releases two forms, one lacking a follow-up, an option and a condition item, whatever the answers', () => {
    const lacking = fixtureInstrument();
    const grid = lacking.sections[1]!.items.find((i) => i.id === 't:grid')! as { rows: { id: string }[] };
    grid.rows = grid.rows.filter((r) => r.id !== 't:r3');
    const multi = lacking.sections[0]!.items.find((i) => i.id === 't:multi')! as { options: { value: string }[] };
    multi.options = multi.options.filter((o) => o.value !== 'y');
    lacking.sections[2]!.items = lacking.sections[2]!.items.filter((i) => i.id !== 't:l2');
    const two = new Map([['f', instrument], ['g', lacking]]);
    const person = fc.record({
      form: fc.constantFrom('f', 'g'),
      unit: fc.constantFrom('u1', 'u2'),
      single: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
      multi: fc.option(fc.constantFrom(['x'], ['y'], ['none']), { nil: undefined }),
      r3: fc.option(fc.constantFrom(1, 5), { nil: undefined }),
      num: fc.option(fc.constantFrom(1, 8), { nil: undefined }),
      l2: fc.option(fc.constantFrom(2, 4), { nil: undefined }),
      r5: fc.option(fc.constantFrom(1, 5), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 40 }), fc.constantFrom(3, 5), (people, k) => {
        const rs = people.map((p) => ({
          form: p.form,
          groups: { unit: p.unit },
          answers: Object.fromEntries(Object.entries({ 't:single': p.single, 't:multi': p.multi, 't:r3': p.r3, 't:num': p.num, 't:l2': p.l2, 't:r5': p.r5 }).filter(([, v]) => v !== undefined)) as Answers,
        }));
        const built = buildReleaseSpec(two, rs, { groupings });
        expect(built.spec.answers.find((a) => a.id === 't:r3')!.links![0]!.plus).toEqual({ answer: 'form', those: ['g'] });
        expect(() => protectRelease(built.spec, { k })).not.toThrow();
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('states only links that hold, whatever the answers (protectRelease checks them)', () => {
    const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const person = fc.record({
      unit: fc.constantFrom('u1', 'u2', NO_GROUP),
      't:single': maybe(fc.constantFrom('a', 'b', 'c')),
      't:multi': maybe(fc.constantFrom(['x'], ['y'], ['x', 'y'], ['none'])),
      't:num': maybe(fc.integer({ min: 0, max: 10 })),
      't:r1': maybe(fc.constantFrom(1, 3, 5, 'na')),
      't:r3': maybe(fc.constantFrom(1, 2)),
      't:l1': maybe(fc.constantFrom(0, 3)),
      't:l2': maybe(fc.constantFrom(1, 4, 'na')),
      't:r5': maybe(fc.constantFrom(2, 5)),
    });
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 30 }), (people) => {
        const rs = people.map(({ unit, ...answers }) => respondent(unit, Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined)) as Answers));
        const spec = buildReleaseSpec(forms, rs, { groupings }).spec;
        expect(spec.answers.filter((a) => a.links).length).toBeGreaterThan(0);
        expect(() => protectRelease(spec, { k: 3 })).not.toThrow();
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});

describe('protectMeans', () => {
  const scale = instrument.scales[0]!.id;
  const withScore = (unit: string, v: number) => respondent(unit, { 't:single': 'a', 't:multi': ['x'], 't:r1': v, 't:r2': 6 - v, 't:r3': v, 't:l1': Math.min(v - 1, 3) });

  it('gives mean, SD and a t-based 95 % CI for a shown group of at least k', () => {
    const rs = [1, 2, 3, 4, 5, 5, 4].map((v) => withScore('u1', v));
    rs.push(...[1, 2, 3, 4, 5, 3, 2].map((v) => withScore('u2', v)));
    const built = buildReleaseSpec(forms, rs, { groupings });
    const release = protectRelease(built.spec, { k: 5 });
    const means = protectMeans(built, release)[scale]!;
    expect(means.total).toMatchObject({ shown: true, n: 14 });
    const u1 = means.byGroup.unit!.u1!;
    if (!u1.shown) throw new Error('expected a mean');
    expect(u1.low).toBeLessThan(u1.mean);
    expect(u1.high - u1.mean).toBeCloseTo(u1.mean - u1.low, 9);
  });

  it('withholds a mean when everyone in the group has the same score, or fewer than k have one', () => {
    const rs = [...Array.from({ length: 6 }, () => withScore('u1', 5)), ...[1, 2, 3, 4, 5, 2].map((v) => withScore('u2', v))];
    const built = buildReleaseSpec(forms, rs, { groupings });
    const means = protectMeans(built, protectRelease(built.spec, { k: 5 }))[scale]!;
    expect(means.byGroup.unit!.u1).toEqual({ shown: false, reason: 'all_same' });
    const few = buildReleaseSpec(forms, rs.slice(0, 4), { groupings });
    expect(protectMeans(few, protectRelease(few.spec, { k: 5 }))[scale]!.total).toEqual({ shown: false, reason: 'below_k' });
  });

  it('counts a level answer for every scale with levels, #no_score for those without a score', () => {
    const built = buildReleaseSpec(forms, [withScore('u1', 3), respondent('u1', {})], { groupings });
    const levels = built.spec.answers.find((a) => a.id.startsWith('level:'));
    if (!levels) return expect(instrument.scales.every((s) => s.kind !== 'area' && s.kind !== 'aspect')).toBe(true);
    expect(levels.total[NO_SCORE]).toBe(1);
    expect(levelAnswer('x')).toBe('level:x');
  });
});
