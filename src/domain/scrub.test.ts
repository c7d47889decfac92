import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import corpus from './fixtures/scrub-corpus.json';
import { REMOVED, scrub, splitRemoved, type ScrubKind } from './scrub.js';

const kinds: ScrubKind[] = ['national_id', 'phone', 'email', 'name'];

describe('scrub: recall and precision on the planted corpus', () => {
  it('removes at least 95 % of the planted items of each kind, and little else', () => {
    const found = Object.fromEntries(kinds.map((k) => [k, { planted: 0, caught: 0, removed: 0, right: 0 }]));
    const missed: string[] = [];
    const wrong: string[] = [];
    for (const a of corpus.answers) {
      const r = scrub(a.text);
      const planted = a.planted.map((p) => {
        const start = a.text.indexOf(p.text);
        expect(start, `${p.text} in "${a.text}"`).toBeGreaterThanOrEqual(0);
        return { kind: p.kind as ScrubKind, start, end: start + p.text.length, text: p.text };
      });
      for (const p of planted) {
        const f = found[p.kind]!;
        f.planted++;
        // Caught: every character of it lies in removed parts.
        const covered = (i: number) => r.removed.some((s) => s.start <= i && i < s.end);
        if (Array.from({ length: p.end - p.start }, (_, i) => p.start + i).every(covered)) f.caught++;
        else missed.push(`${p.kind}: ${p.text} — ${a.text}`);
      }
      for (const s of r.removed) {
        const f = found[s.kind]!;
        f.removed++;
        if (planted.some((p) => s.start < p.end && s.end > p.start)) f.right++;
        else wrong.push(`${s.kind}: ${a.text.slice(s.start, s.end)} — ${a.text}`);
      }
    }
    const table = kinds.map((k) => {
      const f = found[k]!;
      return `${k}: recall ${f.caught}/${f.planted} = ${(f.caught / f.planted).toFixed(3)}, precision ${f.right}/${f.removed} = ${(f.removed ? f.right / f.removed : 1).toFixed(3)}`;
    });
    console.info(['scrub corpus:', ...table, ...missed.map((m) => `missed ${m}`), ...wrong.map((w) => `removed wrongly ${w}`)].join('\n  '));
    for (const k of kinds) {
      const f = found[k]!;
      expect(f.planted).toBeGreaterThan(0);
      expect(f.caught / f.planted, `recall of ${k}`).toBeGreaterThanOrEqual(0.95);
      expect(f.right / Math.max(1, f.removed), `precision of ${k}`).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe('scrub: rules', () => {
  it('keeps ordinary numbers', () => {
    for (const t of ['1400 tilsette', '2 av 10', 'kl. 14.30', 'i 2025', '50 %', '3-4 timar', '01.01.2025', '2024-2025', '10 000 kr', '1 400 000', 'sak 2025/1234', 'versjon 3.2.1', '12345678901234']) {
      expect(scrub(t).text, t).toBe(t);
    }
  });

  it('removes 11-digit numbers in any grouping, and phone numbers as Norwegians write them', () => {
    for (const [t, kind] of [
      ['01019012345', 'national_id'], ['010190 12345', 'national_id'], ['010190-12345', 'national_id'], ['01.01.90 12345', 'national_id'], ['1234.56.78903', 'national_id'],
      ['98765432', 'phone'], ['987 65 432', 'phone'], ['98 76 54 32', 'phone'], ['9876 5432', 'phone'], ['+47 98765432', 'phone'], ['+47 987 65 432', 'phone'], ['0047 98765432', 'phone'], ['(+47) 22334455', 'phone'],
    ] as const) {
      const r = scrub(`nr ${t}.`);
      expect(r.text, t).toBe(`nr ${REMOVED}.`);
      expect(r.removed[0]!.kind).toBe(kind);
    }
    expect(scrub('12345678').text).toBe('12345678'); // no Norwegian number starts with 1
    expect(scrub('2024 2025').text).toBe('2024 2025'); // two years, not a phone number
  });

  it('removes names in any case and in the genitive, word-like names only when written as names', () => {
    const t = (s: string) => scrub(s).text;
    expect(t('Kari sin leiar og Olsens kontor')).toBe(`${REMOVED} sin leiar og ${REMOVED} kontor`);
    expect(t('spør kari')).toBe(`spør ${REMOVED}`);
    expect(t('Anne-Lise og Lars\' bil')).toBe(`${REMOVED} og ${REMOVED} bil`);
    expect(t('Dag for dag går det betre. To timar per dag.')).toBe('Dag for dag går det betre. To timar per dag.');
    expect(t('Dag og Tone laga lista.')).toBe(`${REMOVED} og ${REMOVED} laga lista.`);
    expect(t('Vi spurte Liv. Liv er viktig.')).toBe(`Vi spurte ${REMOVED}. Liv er viktig.`);
    expect(t('Per Hansen kom. Stein Berg også.')).toBe(`${REMOVED} ${REMOVED} kom. ${REMOVED} ${REMOVED} også.`);
    expect(t('tom for batteri, en stein i skoen')).toBe('tom for batteri, en stein i skoen');
  });

  it('removes extra names from the caller, even word-like ones', () => {
    expect(scrub('Spør Gjertrud på Sol.', { extraNames: ['Gjertrud', 'sol'] }).text).toBe(`Spør ${REMOVED} på ${REMOVED}.`);
  });

  it('removes e-mail addresses whole', () => {
    expect(scrub('skriv til ingrid_olsen85@hotmail.com i dag').text).toBe(`skriv til ${REMOVED} i dag`);
  });
});

describe('scrub: properties', () => {
  const text = fc.array(fc.constantFrom('Kari', 'per', 'dag', 'Dag', '987 65 432', '01019012345', 'a@b.no', '2 av 10', 'kl. 14.30', ' ', '. ', ', ', 'og', 'Per', 'Hansen', 'stein', '1400', '-'), { maxLength: 20 }).map((xs) => xs.join(' '));

  it('touches nothing outside what it removes, and the segments say the same as the text', () => {
    fc.assert(fc.property(text, (s) => {
      const r = scrub(s);
      let rebuilt = '';
      let at = 0;
      for (const span of r.removed) { rebuilt += s.slice(at, span.start) + REMOVED; at = span.end; }
      expect(rebuilt + s.slice(at)).toBe(r.text);
      expect(splitRemoved(r.text)).toEqual(r.segments.filter((x) => !('text' in x) || x.text !== ''));
    }));
  });

  it('is idempotent', () => {
    fc.assert(fc.property(text, (s) => {
      expect(scrub(scrub(s).text).text).toBe(scrub(s).text);
    }));
  });
});
