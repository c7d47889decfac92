import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OTHER, protectRelease, REST, type AnswerSpec, type Figure, type ReleaseSpec } from './release.js';

/** One grouping with one group holding everyone: a municipality-level release of the given answers. */
const whole = (n: number, answers: AnswerSpec[]): ReleaseSpec => ({ groupings: { unit: ['u'] }, respondents: { unit: { u: n } }, answers });
const line = (total: Record<string, number>): AnswerSpec => ({ id: 'q', categories: Object.keys(total), total });
const shown = (n: number): Figure => ({ shown: true, n });
const held = (reason: string, band?: string) => (band ? { shown: false, reason, band } : { shown: false, reason });

describe('protectRelease: one distribution', () => {
  it('shows counts of k or more and withholds the rest, 0 included ("fewer than k" may be none)', () => {
    const r = protectRelease(whole(30, [line({ a: 12, b: 10, c: 8, d: 0 })]));
    expect(r.answers.q!.categories).toEqual({ a: shown(12), b: shown(10), c: shown(8), d: held('below_k') });
    expect(r.answers.q!.other).toBeNull(); // the withheld ones hold nobody: nothing to protect
  });

  it('withholds a further count when the small ones could be computed from the total', () => {
    // c + d = 25 − 12 − 10 = 3 would be a group of 3: b is withheld too, the withheld ones then hold 13.
    const r = protectRelease(whole(25, [line({ a: 12, b: 10, c: 3, d: 0 })]));
    expect(r.answers.q!.categories).toEqual({ a: shown(12), b: held('complementary'), c: held('below_k'), d: held('below_k') });
    expect(r.answers.q!.other).toEqual({ members: ['b', 'c', 'd'], n: 13 });
  });

  it("says 'protected' where 'below_k' twice would give the counts away", () => {
    // k = 3: yes and nr add up to 8 − 5 = 3; if both said "fewer than 3", each would be at least 1.
    const r = protectRelease(whole(8, [line({ yes: 2, c0: 5, nr: 1 })]), { k: 3 });
    expect(r.answers.q!.categories).toEqual({ yes: held('protected'), c0: shown(5), nr: held('protected') });
  });

  it('shows (almost) unanimous answers only as a band, the same for all and for all but a few', () => {
    const all = protectRelease(whole(20, [line({ a: 20, b: 0, c: 0 })])).answers.q!.categories;
    const almost = protectRelease(whole(20, [line({ a: 17, b: 2, c: 1 })])).answers.q!.categories;
    const expected = { a: held('all_same', 'almost_all'), b: held('all_same', 'few'), c: held('all_same', 'few') };
    expect(all).toEqual(expected);
    expect(almost).toEqual(expected);
  });

  it('shows no distribution of a group under 2k, and nothing of a group under k', () => {
    expect(protectRelease(whole(7, [line({ a: 7, b: 0 })])).answers.q!.categories).toEqual({ a: held('small_group'), b: held('small_group') });
    const r = protectRelease(whole(4, [line({ a: 2, b: 2 })]));
    expect(r.respondents).toEqual(held('below_k'));
    expect(r.answers.q!.categories).toEqual({ a: held('below_k'), b: held('below_k') });
  });

  it('withholds a filtered question whose base is withheld', () => {
    const r = protectRelease(whole(30, [
      { id: 'uses', categories: ['yes', 'no'], total: { yes: 3, no: 27 } },
      { id: 'confidence', categories: ['low', 'high'], base: { answer: 'uses', category: 'yes' }, total: { low: 1, high: 2 } },
    ]));
    expect(r.answers.confidence!.base).toEqual(held('all_same', 'few'));
    expect(r.answers.confidence!.categories).toEqual({ low: held('base_withheld'), high: held('base_withheld') });
  });
});

// ---- Breakdowns

const units = ['u1', 'u2', 'u3', 'u4'];
/** Four units; a question with answers a, b, c, nr. */
function municipality(rows: Record<string, [number, number, number, number]>): ReleaseSpec {
  const cats = ['a', 'b', 'c', 'nr'];
  const byUnit = Object.fromEntries(Object.entries(rows).map(([u, cs]) => [u, Object.fromEntries(cats.map((c, i) => [c, cs[i]!]))]));
  const total = Object.fromEntries(cats.map((c, i) => [c, Object.values(rows).reduce((s, cs) => s + cs[i]!, 0)]));
  return {
    groupings: { unit: Object.keys(rows) },
    respondents: { unit: Object.fromEntries(Object.entries(rows).map(([u, cs]) => [u, cs.reduce((a, b) => a + b, 0)])) },
    answers: [{ id: 'q', categories: cats, total, byGroup: { unit: byUnit } }],
  };
}

describe('protectRelease: breakdowns', () => {
  it('gives the withheld units one row together and the withheld answers one column together', () => {
    const r = protectRelease(municipality({ u1: [12, 10, 8, 0], u2: [10, 9, 6, 1], u3: [2, 1, 0, 0], u4: [3, 2, 1, 0] }));
    expect(r.groupings.unit!.groups).toEqual({ u1: shown(30), u2: shown(26), u3: held('below_k'), u4: held('complementary') });
    expect(r.groupings.unit!.rest).toEqual({ members: ['u3', 'u4'], n: 9 });
    const b = r.answers.q!.byGroup.unit!;
    expect(b.rows.map((row) => [row.id, row.members, row.n])).toEqual([['u1', ['u1'], 30], ['u2', ['u2'], 26], [REST, ['u3', 'u4'], 9]]);
    // nr (1) alone would be total − a − b − c: c is withheld with it, and the two make one column.
    expect(r.answers.q!.categories).toEqual({ a: shown(27), b: shown(22), c: held('complementary'), nr: held('below_k') });
    expect(b.columns.map((c) => [c.id, c.members, c.n])).toEqual([['a', ['a'], 27], ['b', ['b'], 22], [OTHER, ['c', 'nr'], 16]]);
    expect(b.merged).toEqual({ u3: held('below_k'), u4: held('complementary') });
    // REST has 9 < 2k people: how they answered is not shown.
    expect(Object.values(b.cells[REST]!)).toEqual(b.columns.map(() => held('small_group')));
  });

  it("never lets a group's 0 be worked out when others gave that answer", () => {
    // u1 answered only a and b: showing a = 10 and b = 10 of 20 would prove nobody in u1 answered c.
    const r = protectRelease(municipality({ u1: [10, 10, 0, 0], u2: [5, 5, 10, 0], u3: [6, 6, 6, 0], u4: [7, 7, 7, 0] }));
    const row = r.answers.q!.byGroup.unit!.cells.u1!;
    expect([row.a, row.b].some((f) => !f!.shown)).toBe(true);
  });

  it('withholds every count below k and shows no 0, whatever the data (property)', () => {
    const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 25 }));
    fc.assert(fc.property(fc.array(fc.tuple(count, count, count, count), { minLength: 4, maxLength: 4 }), fc.constantFrom(3, 5), (rows, k) => {
      const r = protectRelease(municipality(Object.fromEntries(units.map((u, i) => [u, rows[i]!]))), { k });
      const figures: Figure[] = Object.values(r.answers.q!.categories);
      const b = r.answers.q!.byGroup.unit;
      if (b) for (const row of Object.values(b.cells)) figures.push(...Object.values(row));
      for (const f of figures) if (f.shown) expect(f.n).toBeGreaterThanOrEqual(k);
      if (b) for (const row of b.rows) if (row.n < 2 * k) expect(Object.values(b.cells[row.id]!).every((f) => !f.shown)).toBe(true);
    }), { numRuns: 60 });
  });

  it('is a pure function of its input', () => {
    const spec = municipality({ u1: [12, 10, 8, 0], u2: [10, 9, 6, 1], u3: [2, 1, 0, 0], u4: [3, 2, 1, 0] });
    expect(protectRelease(structuredClone(spec))).toEqual(protectRelease(spec));
  });
});

describe('protectRelease: input checks', () => {
  const ok = municipality({ u1: [12, 10, 8, 0], u2: [10, 9, 6, 1] });

  it('refuses k below 3', () => {
    expect(() => protectRelease(ok, { k: 2 })).toThrow(RangeError);
    expect(() => protectRelease(ok, { k: 4.5 })).toThrow(RangeError);
    expect(protectRelease(ok).k).toBe(5);
  });

  it('refuses counts that do not add up', () => {
    const bad: ReleaseSpec = { ...ok, answers: [{ ...ok.answers[0]!, total: { ...ok.answers[0]!.total, a: 99 } }] };
    expect(() => protectRelease(bad)).toThrow(/add up/);
    expect(() => protectRelease({ ...ok, respondents: { unit: { u1: 30, u2: 1 } } })).toThrow(RangeError);
    expect(() => protectRelease({ ...ok, answers: [{ ...ok.answers[0]!, id: 'x', base: { answer: 'nope', category: 'a' } }] })).toThrow(/unknown base/);
    expect(() => protectRelease({ ...ok, answers: [{ ...ok.answers[0]!, categories: ['a', 'b', 'c', 'nr', OTHER] }] })).toThrow(/reserved/);
  });
});

describe('answers that are no answer (not asked)', () => {
  it('treats "all who were asked gave a" like "all gave a": the band, not the count', () => {
    const spec: ReleaseSpec = {
      groupings: { unit: ['u'] },
      respondents: { unit: { u: 19 } },
      answers: [{ id: 'q', categories: ['a', 'b', 'c', '#not_asked'], nonAnswers: ['#not_asked'], total: { a: 14, '#not_asked': 5 } }],
    };
    const r = protectRelease(spec, { k: 5 });
    expect(r.answers.q!.categories.a).toEqual({ shown: false, reason: 'all_same', band: 'almost_all' });
    // Without the marking, 14 of 19 is an ordinary count: exactly the leak the marking closes.
    const plain = protectRelease({ ...spec, answers: [{ ...spec.answers[0]!, nonAnswers: [] }] }, { k: 5 });
    expect(plain.answers.q!.categories.a).toEqual({ shown: true, n: 14 });
  });

  it('refuses a non-answer that is no category', () => {
    expect(() => protectRelease({ groupings: { unit: ['u'] }, respondents: { unit: { u: 5 } }, answers: [{ id: 'q', categories: ['a'], nonAnswers: ['x'], total: { a: 5 } }] })).toThrow(RangeError);
  });
});

describe('linked answers (a family) are protected together', () => {
  // A follow-up B, asked when A = yes: its "not asked" are A's c0 and nr together, as the questionnaire tells.
  const A: AnswerSpec = { id: 'A', categories: ['yes', 'c0', 'nr'], total: { yes: 3, c0: 4, nr: 1 } };
  const B: AnswerSpec = { id: 'B', categories: ['b1', 'b2', '#not_asked'], nonAnswers: ['#not_asked'], total: { b1: 1, b2: 2, '#not_asked': 5 } };
  const askedWhenYes = { answer: 'A', these: ['#not_asked'], op: '=' as const, those: ['c0', 'nr'] };
  /** nr as the viewer computes it from A's c0 and B's "not asked", when both are shown. */
  const nrFrom = (r: ReturnType<typeof protectRelease>) => {
    const c0 = r.answers.A!.categories.c0!;
    const notAsked = r.answers.B!.categories['#not_asked']!;
    return c0.shown && notAsked.shown ? notAsked.n - c0.n : null;
  };

  it("does not let a follow-up's \"not asked\" give its condition's small counts away", () => {
    // Protected apart, A shows c0 = 4 (nr withheld) and B shows 5 not asked: nr = 1.
    expect(nrFrom(protectRelease(whole(8, [A, B]), { k: 3 }))).toBe(1);
    const r = protectRelease(whole(8, [A, { ...B, links: [askedWhenYes] }]), { k: 3 });
    expect(nrFrom(r)).toBeNull();
    expect(r.answers.A!.categories.nr).toMatchObject({ shown: false });
  });

  it('does not let the options of one multiple choice give each other away through who skipped it', () => {
    // o1's chosen (2) and not asked (0) are withheld; its skipped (6) too, else they would add up to 48 − 40 − 6 = 2.
    const option = (id: string, total: Record<string, number>, links?: AnswerSpec['links']): AnswerSpec => ({ id, categories: ['chosen', 'not_chosen', '#missing', '#not_asked'], nonAnswers: ['#not_asked'], total, ...(links ? { links } : {}) });
    const o1 = option('o1', { chosen: 2, not_chosen: 40, '#missing': 6 });
    const o2 = option('o2', { chosen: 20, not_chosen: 22, '#missing': 6 });
    const sameSkippers: AnswerSpec['links'] = [{ answer: 'o1', these: ['#missing'], op: '=', those: ['#missing'] }, { answer: 'o1', these: ['#not_asked'], op: '=', those: ['#not_asked'] }];
    /** o1's withheld chosen + not asked, from o1's not chosen and either option's skipped. */
    const leaked = (r: ReturnType<typeof protectRelease>) => {
      const notChosen = r.answers.o1!.categories.not_chosen!;
      const skipped = [r.answers.o1!, r.answers.o2!].map((a) => a.categories['#missing']!).find((f) => f.shown);
      return notChosen.shown && skipped?.shown ? 48 - notChosen.n - skipped.n : null;
    };
    expect(leaked(protectRelease(whole(48, [o1, o2]), { k: 5 }))).toBe(2);
    expect(leaked(protectRelease(whole(48, [o1, { ...o2, links: sameSkippers }]), { k: 5 }))).toBeNull();
  });

  it('breaks a family down together: the follow-up withholds what would pin its condition in a unit', () => {
    // A has two answers that ask B (yes, c1) and two that do not (c0, nr). In u1, c1 = 3 is withheld; apart,
    // A shows u1's yes (8) and B its "not asked" (6), and u1's 17 respondents give c1 = 17 − 8 − 6 = 3.
    const u1 = { yes: 8, c1: 3, c0: 6, nr: 0 };
    const u2 = { yes: 7, c1: 6, c0: 8, nr: 0 };
    const B1 = { b1: 5, b2: 6, '#not_asked': 6 };
    const B2 = { b1: 6, b2: 7, '#not_asked': 8 };
    const add = (x: Record<string, number>, y: Record<string, number>) => Object.fromEntries(Object.keys(x).map((c) => [c, x[c]! + y[c]!]));
    const spec = (linked: boolean): ReleaseSpec => ({
      groupings: { unit: ['u1', 'u2'] },
      respondents: { unit: { u1: 17, u2: 21 } },
      answers: [
        { id: 'A', categories: ['yes', 'c1', 'c0', 'nr'], total: add(u1, u2), byGroup: { unit: { u1, u2 } } },
        {
          id: 'B', categories: ['b1', 'b2', '#not_asked'], nonAnswers: ['#not_asked'], total: add(B1, B2), byGroup: { unit: { u1: B1, u2: B2 } },
          ...(linked ? { links: [{ answer: 'A', these: ['#not_asked'], op: '=' as const, those: ['c0', 'nr'] }] } : {}),
        },
      ],
    });
    const c1OfU1 = (r: ReturnType<typeof protectRelease>) => {
      const yes = r.answers.A!.byGroup.unit?.cells.u1?.yes;
      const notAsked = r.answers.B!.byGroup.unit?.cells.u1?.['#not_asked'];
      return yes?.shown && notAsked?.shown ? 17 - yes.n - notAsked.n : null;
    };
    const apart = protectRelease(spec(false));
    expect(apart.answers.A!.byGroup.unit!.cells.u1!.c1).toMatchObject({ shown: false });
    expect(c1OfU1(apart)).toBe(3);
    expect(c1OfU1(protectRelease(spec(true)))).toBeNull();
  });

  it('takes a known count (the form each respondent was given) as a fact, and what it gives away as no finding', () => {
    // Three of 47 were given the form that has X: X's line holds 3 whatever it shows, and that is no error.
    const spec: ReleaseSpec = whole(47, [
      { id: 'form', categories: ['f', 'g'], total: { f: 44, g: 3 }, known: true },
      { id: 'X', categories: ['a', 'b', '#not_asked'], nonAnswers: ['#not_asked'], total: { a: 2, b: 1, '#not_asked': 44 }, links: [{ answer: 'form', these: ['#not_asked'], op: '=', those: ['f'] }] },
    ]);
    const x = protectRelease(spec).answers.X!;
    expect(x.categories).toEqual({ a: held('below_k'), b: held('below_k'), '#not_asked': shown(44) });
    expect(x.other).toBeNull();
  });

  it("shows nothing of an answer marked 'withhold', not even how many were asked", () => {
    const r = protectRelease(whole(30, [{ id: 'q', categories: ['a', 'b'], total: { a: 15, b: 15 }, withhold: true }]));
    expect(r.answers.q).toEqual({ id: 'q', base: held('base_withheld'), categories: { a: held('base_withheld'), b: held('base_withheld') }, other: null, byGroup: {} });
  });

  it('refuses links that do not hold, to unknown answers, or between answers broken down differently', () => {
    expect(() => protectRelease(whole(8, [A, { ...B, links: [{ ...askedWhenYes, those: ['c0'] }] }]), { k: 3 })).toThrow(/does not hold/);
    expect(() => protectRelease(whole(8, [A, { ...B, links: [{ ...askedWhenYes, answer: 'X' }] }]), { k: 3 })).toThrow(/unknown answer/);
    const byUnit = (a: AnswerSpec): AnswerSpec => ({ ...a, byGroup: { unit: { u: a.total } } });
    expect(() => protectRelease(whole(8, [byUnit(A), { ...B, links: [askedWhenYes] }]), { k: 3 })).toThrow(/other groupings/);
  });
});
