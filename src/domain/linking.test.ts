import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeDistance,
  componentHashInput,
  matchCodes,
  normalizeCode,
  normalizeComponent,
  SGIC_COMPONENTS,
  wholeCodeHashInput,
  withoutLinked,
  type CodeRecord,
  type MatchResult,
  type SgicComponent,
} from './linking.js';

const def = (id: string) => SGIC_COMPONENTS.find((c) => c.id === id)!;
const rec = (id: string, code: string): CodeRecord => ({ id, components: [...code].map((ch) => (ch === '_' ? null : ch)) });
const pairsOf = (r: MatchResult) => r.pairs.map((p) => `${p.earlierId}-${p.laterId}:${p.kind}`);

describe('SGIC_COMPONENTS', () => {
  it('has 4–6 components with unique ids and i18n keys named after them', () => {
    expect(SGIC_COMPONENTS.length).toBeGreaterThanOrEqual(4);
    expect(SGIC_COMPONENTS.length).toBeLessThanOrEqual(6);
    expect(new Set(SGIC_COMPONENTS.map((c) => c.id)).size).toBe(SGIC_COMPONENTS.length);
    for (const c of SGIC_COMPONENTS) {
      expect(c.questionKey).toBe(`survey.linking.code.${c.id}.question`);
      expect(c.helpKey).toBe(`survey.linking.code.${c.id}.help`);
    }
  });

  it('takes no free text: one letter, a day, a month or a small count, so no name or number can be typed in', () => {
    for (const c of SGIC_COMPONENTS) expect(['letter', 'day', 'month', 'count']).toContain(c.input.kind);
    expect(normalizeComponent(def('motherInitial'), 'Kari')).toBeNull();
    expect(normalizeComponent(def('olderSiblings'), '98765432')).toBeNull();
  });
});

describe('normalizeComponent', () => {
  const letter = def('motherInitial');
  const day = def('birthDay');
  const month = def('motherBirthMonth');
  const count = def('olderSiblings');

  it('letters: trims, upper-cases, drops a trailing full stop', () => {
    expect(normalizeComponent(letter, ' k ')).toBe('K');
    expect(normalizeComponent(letter, 'K.')).toBe('K');
    expect(normalizeComponent(letter, 'æ')).toBe('Æ');
    expect(normalizeComponent(letter, 'ø')).toBe('Ø');
  });

  it('letters: folds Å and AA into A, and reads AE/Ä as Æ and OE/Ö as Ø', () => {
    for (const raw of ['Å', 'å', 'AA', 'aa', 'Aa', 'A\u030A']) expect(normalizeComponent(letter, raw)).toBe('A');
    for (const raw of ['AE', 'ae', 'Ä', 'ä']) expect(normalizeComponent(letter, raw)).toBe('Æ');
    for (const raw of ['OE', 'oe', 'Ö', 'ö']) expect(normalizeComponent(letter, raw)).toBe('Ø');
    expect(normalizeComponent(letter, 'É')).toBe('E');
    expect(normalizeComponent(letter, 'ü')).toBe('U');
  });

  it('letters: rejects words, digits, other scripts and nothing', () => {
    for (const raw of ['', '  ', 'Kari', 'AB', '1', 'ß', 'Ж', '?', 3]) expect(normalizeComponent(letter, raw)).toBeNull();
  });

  it('day and month: whole numbers in range, leading zeros and a trailing full stop allowed', () => {
    expect(normalizeComponent(day, '07')).toBe('7');
    expect(normalizeComponent(day, ' 7. ')).toBe('7');
    expect(normalizeComponent(day, 31)).toBe('31');
    expect(normalizeComponent(month, '012')).toBe('12');
    for (const raw of ['0', '32', '7.5', '-1', 'sju', '', 7.5, '1e1']) expect(normalizeComponent(day, raw)).toBeNull();
    expect(normalizeComponent(month, '13')).toBeNull();
  });

  it('counts: 0..max, larger numbers and "max+" read as max', () => {
    expect(normalizeComponent(count, '0')).toBe('0');
    expect(normalizeComponent(count, 3)).toBe('3');
    expect(normalizeComponent(count, '12')).toBe('9');
    expect(normalizeComponent(count, '9+')).toBe('9');
    expect(normalizeComponent(count, '3+')).toBeNull();
    expect(normalizeComponent(count, '-1')).toBeNull();
  });

  it('null and undefined are "not answered"', () => {
    expect(normalizeComponent(letter, null)).toBeNull();
    expect(normalizeComponent(day, undefined)).toBeNull();
  });

  it('is idempotent: a normalised value normalises to itself', () => {
    const raw = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -5, max: 40 }), fc.constantFrom('aa', 'Å', 'oe', 'ä', '07.', '9+'));
    fc.assert(
      fc.property(fc.constantFrom(...SGIC_COMPONENTS), raw, (c: SgicComponent, r) => {
        const once = normalizeComponent(c, r);
        if (once !== null) expect(normalizeComponent(c, once)).toBe(once);
      }),
    );
  });

  it('normalizeCode checks the number of answers', () => {
    expect(normalizeCode(['å', 'o', '07', '3', '1', 'g'])).toEqual(['A', 'O', '7', '3', '1', 'G']);
    expect(() => normalizeCode(['A'])).toThrow(RangeError);
  });
});

describe('hash inputs', () => {
  it('per component: the id is part of the text, so equal letters of different components differ', () => {
    expect(componentHashInput(def('motherInitial'), 'A')).toBe('sgic:v1:motherInitial:A');
    expect(componentHashInput(def('motherInitial'), 'A')).not.toBe(componentHashInput(def('fatherInitial'), 'A'));
  });

  it('whole code: only when every component is present', () => {
    expect(wholeCodeHashInput(['A', 'O', '7', '3', '1', 'G'])).toBe(
      'sgic:v1:motherInitial=A|fatherInitial=O|birthDay=7|motherBirthMonth=3|olderSiblings=1|birthPlaceInitial=G',
    );
    expect(wholeCodeHashInput(['A', null, '7', '3', '1', 'G'])).toBeNull();
    expect(() => wholeCodeHashInput(['A'])).toThrow(RangeError);
  });
});

describe('matchCodes', () => {
  it('links exact matches', () => {
    const r = matchCodes([rec('e1', 'abcd'), rec('e2', 'bbbb')], [rec('l1', 'bbbb'), rec('l2', 'abcd')]);
    expect(pairsOf(r)).toEqual(['e1-l2:exact', 'e2-l1:exact']);
    expect(r.ambiguous).toEqual([]);
    expect(r.duplicates).toEqual([]);
  });

  it('links one mismatch when each is the other’s only candidate; a missing component counts as the mismatch', () => {
    const r = matchCodes([rec('e1', 'abcd'), rec('e2', 'wxyz')], [rec('l1', 'abce'), rec('l2', 'w_yz')]);
    expect(pairsOf(r)).toEqual(['e1-l1:one-mismatch', 'e2-l2:one-mismatch']);
  });

  it('never links two mismatches, nor a code missing two components', () => {
    const r = matchCodes([rec('e1', 'abcd'), rec('e2', 'ab__')], [rec('l1', 'abef'), rec('l2', 'ab__')]);
    expect(r.pairs).toEqual([]);
    expect(r.ambiguous).toEqual([]);
    expect(r.duplicates).toEqual([]); // unusable codes are not duplicates either
  });

  it('leaves ambiguous candidates unlinked and lists them', () => {
    const r = matchCodes([rec('e1', 'abcd')], [rec('l1', 'abce'), rec('l2', 'abcf')]);
    expect(r.pairs).toEqual([]);
    expect(r.ambiguous).toEqual([
      { side: 'earlier', id: 'e1', candidateIds: ['l1', 'l2'] },
      { side: 'later', id: 'l1', candidateIds: ['e1'] },
      { side: 'later', id: 'l2', candidateIds: ['e1'] },
    ]);
  });

  it('an exact pair leaves the pool first, so a near neighbour can then be unique', () => {
    // e2 is one off from both l1 and l2, but l1 is e1's exact partner.
    const r = matchCodes([rec('e1', 'abcd'), rec('e2', 'abcx')], [rec('l1', 'abcd'), rec('l2', 'abxx')]);
    expect(pairsOf(r)).toEqual(['e1-l1:exact', 'e2-l2:one-mismatch']);
  });

  it('flags duplicates within a side and links none of them; their match on the other side stays ambiguous', () => {
    const r = matchCodes([rec('e1', 'abcd'), rec('e2', 'abcd'), rec('e3', 'zzzz')], [rec('l1', 'abcd'), rec('l2', 'zzzz')]);
    expect(pairsOf(r)).toEqual(['e3-l2:exact']);
    expect(r.duplicates).toEqual([{ side: 'earlier', ids: ['e1', 'e2'] }]);
    expect(r.ambiguous).toEqual([{ side: 'later', id: 'l1', candidateIds: ['e1', 'e2'] }]);
  });

  it('without one-mismatch links, only exact pairs are made', () => {
    const r = matchCodes([rec('e1', 'abcd'), rec('e2', 'wxyz')], [rec('l1', 'abcd'), rec('l2', 'wxyq')], { allowOneMismatch: false });
    expect(pairsOf(r)).toEqual(['e1-l1:exact']);
    expect(r.ambiguous).toEqual([]);
  });

  it('works end to end on normalised answers of two spellings', () => {
    const code = (answers: (string | null)[]) => normalizeCode(answers).map((v, i) => (v === null ? null : componentHashInput(SGIC_COMPONENTS[i]!, v)));
    const r = matchCodes(
      [{ id: 't0', components: code(['Aa', 'o', '07', '3', '1', 'g']) }],
      [{ id: 't1', components: code(['å', 'O', '7.', '03', '1', null]) }],
    );
    expect(pairsOf(r)).toEqual(['t0-t1:one-mismatch']);
  });

  it('handles empty sides and rejects malformed input', () => {
    expect(matchCodes([], [])).toEqual({ pairs: [], ambiguous: [], duplicates: [] });
    expect(matchCodes([rec('e1', 'ab')], []).pairs).toEqual([]);
    expect(() => matchCodes([rec('e1', 'ab'), rec('e1', 'cd')], [])).toThrow(RangeError);
    expect(() => matchCodes([rec('e1', 'ab')], [rec('l1', 'abc')])).toThrow(RangeError);
  });
});

describe('codeDistance and withoutLinked', () => {
  it('counts differing or missing components', () => {
    expect(codeDistance(['a', 'b'], ['a', 'b'])).toBe(0);
    expect(codeDistance(['a', null], ['a', null])).toBe(1);
    expect(codeDistance(['a', 'b'], ['c', null])).toBe(2);
    expect(() => codeDistance(['a'], ['a', 'b'])).toThrow(RangeError);
  });

  it('drops records already linked by receipt or device', () => {
    expect(withoutLinked([rec('a', 'x'), rec('b', 'y'), rec('c', 'z')], ['b']).map((r) => r.id)).toEqual(['a', 'c']);
  });
});

// ---- Properties

/** Small alphabets and short codes, so that collisions, near neighbours and duplicates are common. */
const codeArb = (k: number) => fc.array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom('a', 'b', 'c') }, { weight: 1, arbitrary: fc.constant(null) }), { minLength: k, maxLength: k });
const sideArb = (prefix: string, k: number) =>
  fc.array(codeArb(k), { maxLength: 14 }).map((codes) => codes.map((components, i): CodeRecord => ({ id: `${prefix}${i}`, components })));
const caseArb = fc.integer({ min: 2, max: 4 }).chain((k) => fc.record({ k: fc.constant(k), earlier: sideArb('e', k), later: sideArb('l', k) }));

/** The rules written the slow, obvious way: every pair compared. */
function referenceMatch(earlier: CodeRecord[], later: CodeRecord[]): string[] {
  const usable = (rs: CodeRecord[]) => rs.filter((r) => r.components.filter((c) => c === null).length <= 1);
  const E = usable(earlier);
  const L = usable(later);
  const same = (a: CodeRecord, b: CodeRecord) => JSON.stringify(a.components) === JSON.stringify(b.components);
  const dup = (r: CodeRecord, side: CodeRecord[]) => side.some((o) => o.id !== r.id && same(o, r));
  const out: string[] = [];
  const done = new Set<string>();
  for (const e of E) {
    for (const l of L) {
      if (codeDistance(e.components, l.components) === 0 && !dup(e, E) && !dup(l, L)) {
        out.push(`${e.id}-${l.id}:exact`);
        done.add(e.id).add(l.id);
      }
    }
  }
  const pe = E.filter((r) => !done.has(r.id));
  const pl = L.filter((r) => !done.has(r.id));
  for (const e of pe) {
    const ce = pl.filter((l) => codeDistance(e.components, l.components) <= 1);
    if (ce.length !== 1 || dup(e, E) || dup(ce[0]!, L)) continue;
    const cl = pe.filter((o) => codeDistance(o.components, ce[0]!.components) <= 1);
    if (cl.length === 1) out.push(`${e.id}-${ce[0]!.id}:one-mismatch`);
  }
  return out.sort();
}

describe('matchCodes properties', () => {
  it('agrees with the pair-by-pair reference', () => {
    fc.assert(
      fc.property(caseArb, ({ earlier, later }) => {
        expect(pairsOf(matchCodes(earlier, later)).sort()).toEqual(referenceMatch(earlier, later));
      }),
      { numRuns: 1000 },
    );
  });

  it('is symmetric: swapping earlier and later mirrors the pairs, ambiguities and duplicates', () => {
    const flip = (side: 'earlier' | 'later') => (side === 'earlier' ? 'later' : 'earlier');
    fc.assert(
      fc.property(caseArb, ({ earlier, later }) => {
        const ab = matchCodes(earlier, later);
        const ba = matchCodes(later, earlier);
        const mirrored = ba.pairs.map((p) => ({ earlierId: p.laterId, laterId: p.earlierId, kind: p.kind })).sort((a, b) => a.earlierId.localeCompare(b.earlierId));
        expect(mirrored).toEqual(ab.pairs);
        const key = (x: { side: string; id?: string; ids?: string[] }) => `${x.side}:${x.id ?? x.ids!.join(',')}`;
        expect(ba.ambiguous.map((a) => key({ ...a, side: flip(a.side) })).sort()).toEqual(ab.ambiguous.map(key).sort());
        expect(ba.duplicates.map((d) => key({ ...d, side: flip(d.side) })).sort()).toEqual(ab.duplicates.map(key).sort());
      }),
      { numRuns: 1000 },
    );
  });

  it('links nobody twice, and links only within distance 0 (exact) or 1 (one-mismatch)', () => {
    fc.assert(
      fc.property(caseArb, ({ earlier, later }) => {
        const r = matchCodes(earlier, later);
        expect(new Set(r.pairs.map((p) => p.earlierId)).size).toBe(r.pairs.length);
        expect(new Set(r.pairs.map((p) => p.laterId)).size).toBe(r.pairs.length);
        const byId = new Map([...earlier, ...later].map((x) => [x.id, x.components]));
        for (const p of r.pairs) expect(codeDistance(byId.get(p.earlierId)!, byId.get(p.laterId)!)).toBe(p.kind === 'exact' ? 0 : 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('never links an ambiguous candidate or a duplicate', () => {
    fc.assert(
      fc.property(caseArb, ({ earlier, later }) => {
        const r = matchCodes(earlier, later);
        const linked = new Set(r.pairs.flatMap((p) => [`earlier:${p.earlierId}`, `later:${p.laterId}`]));
        for (const a of r.ambiguous) expect(linked.has(`${a.side}:${a.id}`)).toBe(false);
        for (const d of r.duplicates) for (const id of d.ids) expect(linked.has(`${d.side}:${id}`)).toBe(false);
        // A one-mismatch pair: each has exactly one record within distance 1 among the other side's records not linked exactly.
        const exact = new Set(r.pairs.filter((p) => p.kind === 'exact').flatMap((p) => [p.earlierId, p.laterId]));
        const within = (c: CodeRecord['components'], side: CodeRecord[]) => side.filter((o) => !exact.has(o.id) && codeDistance(c, o.components) <= 1).length;
        const byId = new Map([...earlier, ...later].map((x) => [x.id, x.components]));
        for (const p of r.pairs.filter((q) => q.kind === 'one-mismatch')) {
          expect(within(byId.get(p.earlierId)!, later)).toBe(1);
          expect(within(byId.get(p.laterId)!, earlier)).toBe(1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('finds every exact match that is unique on both sides', () => {
    fc.assert(
      fc.property(caseArb, ({ earlier, later }) => {
        const r = matchCodes(earlier, later);
        const count = (rs: CodeRecord[], c: CodeRecord['components']) => rs.filter((x) => JSON.stringify(x.components) === JSON.stringify(c)).length;
        for (const e of earlier) {
          if (e.components.includes(null) || count(earlier, e.components) !== 1 || count(later, e.components) !== 1) continue;
          const l = later.find((x) => JSON.stringify(x.components) === JSON.stringify(e.components))!;
          expect(r.pairs).toContainEqual({ earlierId: e.id, laterId: l.id, kind: 'exact' });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('adding an unrelated record elsewhere never removes a correct exact match', () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), fc.nat(), ({ k, earlier, later }, toEarlier, pick) => {
        // Plant a person with a code no one else has (the letter z), then add a stranger with any other code.
        const code = Array.from({ length: k }, (_, i) => (i === 0 ? 'z' : 'a'));
        const e = [...earlier, { id: 'person-t0', components: code }];
        const l = [...later, { id: 'person-t1', components: code }];
        const stranger = { id: 'stranger', components: [...code.slice(0, k - 1), ['b', 'c', null][pick % 3]!] };
        const before = matchCodes(e, l);
        const after = toEarlier ? matchCodes([...e, stranger], l) : matchCodes(e, [...l, stranger]);
        expect(before.pairs).toContainEqual({ earlierId: 'person-t0', laterId: 'person-t1', kind: 'exact' });
        expect(after.pairs).toContainEqual({ earlierId: 'person-t0', laterId: 'person-t1', kind: 'exact' });
        for (const p of before.pairs.filter((q) => q.kind === 'exact')) expect(after.pairs).toContainEqual(p);
      }),
      { numRuns: 1000 },
    );
  });

  it('does not depend on the order of the records', () => {
    fc.assert(
      fc.property(caseArb, ({ earlier, later }) => {
        expect(matchCodes([...earlier].reverse(), [...later].reverse())).toEqual(matchCodes(earlier, later));
      }),
    );
  });
});
