import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../contracts/instrument.js';
import {
  buildCodebook,
  csvField,
  csvHeader,
  encodeRow,
  isSafeName,
  itemNameCandidates,
  missingCodes,
  NAME_MAX_LENGTH,
  sanitizeName,
  type Codebook,
  type ExportResponse,
} from './codebook.js';
import { withLocalItems } from './local-items.js';
import { buildInstrument, fixtureInstrument, text } from './test-instrument.js';

const waves = [{ label: 'T0' }, { label: 'T1' }];

function response(instrument: Instrument, answers: ExportResponse['answers'], scores: Record<string, number> = {}): ExportResponse {
  return {
    responseId: 'r0123456789abcdef',
    personId: 'p0123456789abcdef',
    linkMethod: null,
    codeDuplicate: false,
    wave: 2,
    municipalityCode: '0301',
    municipalityName: 'Oslo',
    unitName: 'Heimetenesta',
    instrument,
    form: instrument.form,
    language: 'nn',
    source: 'web',
    submittedOn: '2026-03-16',
    consentVersion: 1,
    activeMinutes: null,
    scoringVersion: 1,
    answers,
    scores,
  };
}

/** The row as a name → cell map. */
function row(codebook: Codebook, r: ExportResponse, scrub?: (t: string) => string) {
  const cells = encodeRow(codebook, r, scrub ? { scrubText: scrub } : {});
  return Object.fromEntries(codebook.variables.map((v, i) => [v.name, cells[i]]));
}

describe('codebook: variables', () => {
  const instrument = fixtureInstrument();
  const codebook = buildCodebook({ instruments: [instrument], waves });
  const byName = new Map(codebook.variables.map((v) => [v.name, v]));

  it('lists meta variables, then items in document order, then scores', () => {
    expect(codebook.variables.map((v) => v.name)).toEqual([
      'response_id', 'person_id', 'link_method', 'code_duplicate', 'wave', 'municipality_code', 'municipality', 'unit',
      'instrument', 'form', 'language', 'source', 'submitted_on', 'consent_version', 'active_minutes', 'scoring_version',
      'single', 'multi_x', 'multi_y', 'multi_z', 'multi_none', 'num', 'r1', 'r2', 'r3', 'l1', 'l2', 'r5', 'txt',
      'score_sc1', 'score_sc2',
    ]);
  });

  it('codes single choice 1..n in option order, with the stored values kept', () => {
    const v = byName.get('single')!;
    expect(v.valueLabels.map((l) => [l.value, l.label.en])).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
    expect(v.options).toEqual(['a', 'b', 'c']);
    expect(v.missing.map((m) => [m.kind, m.value])).toEqual([['not_answered', -9], ['not_shown', -8]]);
  });

  it('gives multiple choice one 0/1 variable per option, labelled with option and question', () => {
    const v = byName.get('multi_none')!;
    expect(v.source).toEqual({ kind: 'option', itemId: 't:multi', option: 'none' });
    expect(v.valueLabels.map((l) => [l.value, l.label.nb])).toEqual([[0, 'Ikke valgt'], [1, 'Valgt']]);
    expect(v.label.en).toBe('none (Multi)');
    expect(v.question?.en).toBe('Multi');
  });

  it('labels Likert items by point value, with the scale’s own "not applicable" as −7', () => {
    const r1 = byName.get('r1')!;
    expect(r1.valueLabels.map((l) => l.value)).toEqual([1, 2, 3, 4, 5]);
    expect(r1.missing.map((m) => [m.value, m.label.en])).toEqual([[-9, 'Not answered'], [-8, 'Not shown'], [-7, 'not relevant']]);
    expect(r1.label.en).toBe('r1 (Grid)');
    // The b4 scale has no "not applicable" answer: no −7.
    expect(byName.get('l1')!.missing.map((m) => m.value)).toEqual([-9, -8]);
  });

  it('records scale membership and reverse keying, and the scales with their score variables', () => {
    expect(byName.get('r2')!.scales).toEqual([{ scale: 'sc1', reverse: true }]);
    expect(byName.get('r1')!.scales).toEqual([{ scale: 'sc1', reverse: false }]);
    expect(byName.get('num')!.scales).toEqual([]);
    expect(codebook.scales.map((s) => [s.id, s.variable, s.items.map((i) => `${i.variable}${i.reverse ? '(r)' : ''}`).join(' ')])).toEqual([
      ['sc1', 'score_sc1', 'r1 r2(r) r3 l1'],
      ['sc2', 'score_sc2', 'l2 r5(r)'],
    ]);
    expect(byName.get('score_sc1')!.decimals).toBe(4);
    expect(byName.get('score_sc1')!.missing.map((m) => m.label.en)).toEqual(['Too few answers to score', 'Not in the form']);
  });

  it('codes the waves 1.. with their labels and types the meta variables', () => {
    expect(byName.get('wave')!.valueLabels.map((l) => [l.value, l.label.nn])).toEqual([[1, 'T0'], [2, 'T1']]);
    expect(byName.get('submitted_on')!.type).toBe('date');
    expect(byName.get('municipality_code')!.type).toBe('string');
    expect(byName.get('link_method')!.valueLabels.map((l) => [l.value, l.label.en])).toEqual([
      [0, 'Not linked'], [1, 'Receipt code'], [2, 'Remembered browser'], [3, 'Own code'],
    ]);
  });

  it('gives text variables a byte width for their longest answer', () => {
    expect(byName.get('txt')).toMatchObject({ type: 'string', width: 50, missing: [] });
  });

  it('merges the forms of a questionnaire: shared items once, each form listed', () => {
    const short = buildInstrument({
      id: 'test-short',
      form: 'short',
      sections: [{ id: 's', title: text('S'), items: [{ id: 't:single', type: 'single', text: text('Single'), options: ['a', 'b', 'c'].map((value) => ({ value, label: text(value) })) }, { id: 't:extra', type: 'number', text: text('Extra'), min: -20, max: 20, integer: false }] }],
    });
    const both = buildCodebook({ instruments: [instrument, short], waves });
    expect(both.variables.filter((v) => v.itemId === 't:single')).toHaveLength(1);
    expect(both.variables.find((v) => v.itemId === 't:single')!.instruments).toEqual(['test@1.0.0', 'test-short@1.0.0']);
    const extra = both.variables.find((v) => v.itemId === 't:extra')!;
    expect(extra.instruments).toEqual(['test-short@1.0.0']);
    // Valid values down to −20: the codes move out of their way.
    expect(extra.missing.map((m) => m.value)).toEqual([-99, -98]);
    expect(extra.decimals).toBe(2);
    expect(both.instruments.map((i) => `${i.id} ${i.form}`)).toEqual(['test full', 'test-short short']);
  });
});

describe('codebook: names', () => {
  it('drops the namespace, prefixing it only on a clash; local items get the municipality prefix', () => {
    const a = buildInstrument({
      sections: [{
        id: 's',
        title: text('S'),
        items: [
          { id: 'dk:wave', type: 'number', text: text('clashes with a meta variable'), min: 0, max: 9 },
          { id: 'dk:age', type: 'number', text: text('Age'), min: 0, max: 99 },
          { id: 'xx:age', type: 'number', text: text('Age again'), min: 0, max: 99 },
          { id: 'dk:if', type: 'number', text: text('reserved word'), min: 0, max: 9 },
        ],
      }],
    });
    const served = withLocalItems(a, 'a1b2c3d4-0000-4000-8000-000000000000', [{ key: 'journal', name: text('Journal') }]);
    const codebook = buildCodebook({ instruments: [served], waves, localPrefix: (ns) => (ns.startsWith('a1b2') ? '4601' : undefined) });
    const names = codebook.variables.filter((v) => v.itemId).map((v) => `${v.itemId}=${v.name}`);
    expect(names).toEqual([
      'dk:wave=dk_wave',
      'dk:age=age',
      'xx:age=xx_age',
      'dk:if=dk_if',
      'local:a1b2c3d4-0000-4000-8000-000000000000:use_journal=local_4601_use_journal',
      'local:a1b2c3d4-0000-4000-8000-000000000000:conf_journal=local_4601_conf_journal',
    ]);
  });

  it('cuts long names to 32 characters and numbers clashes', () => {
    const long = 'a_very_long_item_name_that_goes_on_and_on';
    const inst = buildInstrument({
      sections: [{
        id: 's',
        title: text('S'),
        items: [
          { id: `dk:${long}`, type: 'number', text: text('1'), min: 0, max: 9 },
          { id: `dk:${long}_too`, type: 'number', text: text('2'), min: 0, max: 9 },
          { id: `x:${long}_too`, type: 'number', text: text('3'), min: 0, max: 9 },
        ],
      }],
    });
    const names = buildCodebook({ instruments: [inst], waves }).variables.filter((v) => v.itemId).map((v) => v.name);
    expect(names).toEqual(['a_very_long_item_name_that_goes', 'a_very_long_item_name_that_goe_2', 'a_very_long_item_name_that_goe_3']);
  });

  it('keeps a local prefix that is not given short (the namespace, cut)', () => {
    expect(itemNameCandidates('local:abcdef123456:use_x')).toEqual(['local_abcdef12_use_x']);
  });

  it('sanitizes any text into a safe name', () => {
    expect(sanitizeName('9lives')).toBe('v_9lives');
    expect(sanitizeName('Æ-ø')).toBe('v');
    expect(sanitizeName('Hello World!')).toBe('hello_world');
    expect(isSafeName('str12')).toBe(false);
    expect(isSafeName('with')).toBe(false);
    // A line starting with these begins a comment in SPSS syntax.
    expect([isSafeName('comment'), isSafeName('doc'), isSafeName('document'), isSafeName('commentary')]).toEqual([false, false, false, true]);
  });

  it('always gives safe, unique names (property)', () => {
    const segment = fc.stringMatching(/^[a-z][a-z0-9_]{0,45}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('dk', 'x', 'local:m1', 'local:m2', 'wave'), segment), { minLength: 1, maxLength: 30 }), (ids) => {
        const unique = [...new Map(ids.map(([ns, name]) => [`${ns}:${name}`, null])).keys()];
        const inst = buildInstrument({
          sections: [{ id: 's', title: text('S'), items: unique.map((id) => ({ id, type: 'multi' as const, text: text(id), options: [{ value: 'a-b', label: text('ab') }, { value: 'c', label: text('c') }] })) }],
        });
        const names = buildCodebook({ instruments: [inst], waves }).variables.map((v) => v.name);
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) expect(isSafeName(name), name).toBe(true);
        expect(Math.max(...names.map((n) => n.length))).toBeLessThanOrEqual(NAME_MAX_LENGTH);
      }),
    );
  });
});

describe('codebook: missing codes', () => {
  it('moves the codes below the smallest valid value', () => {
    expect(missingCodes(['not_answered', 'not_shown', 'not_applicable'], 1).map((m) => m.value)).toEqual([-9, -8, -7]);
    expect(missingCodes(['not_answered'], -6).map((m) => m.value)).toEqual([-9]);
    expect(missingCodes(['not_answered', 'not_applicable'], -7).map((m) => m.value)).toEqual([-99, -97]);
    expect(missingCodes(['not_answered'], -500).map((m) => m.value)).toEqual([-999]);
  });

  it('never equals a valid value (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), (min) => {
        for (const m of missingCodes(['not_answered', 'not_shown', 'not_applicable'], min)) expect(m.value).toBeLessThan(min);
      }),
    );
  });
});

describe('codebook: rows', () => {
  const instrument = fixtureInstrument();
  const codebook = buildCodebook({ instruments: [instrument], waves });

  it('codes answers, hidden items (−8), skipped items (−9) and "not applicable" (−7)', () => {
    // t:single = b hides r3; t:multi without x hides l1; t:num 5 shows the third section; l2 = 2 hides r5.
    const r = row(codebook, response(instrument, { 't:single': 'b', 't:multi': ['y', 'z'], 't:num': 5, 't:r1': 'na', 't:l2': 2, 't:txt': 'Hei, "du"\nher' }, { sc1: 37.5, sc2: 25 }));
    expect(r).toMatchObject({
      single: 2,
      multi_x: 0, multi_y: 1, multi_z: 1, multi_none: 0,
      num: 5,
      r1: -7, // "na"
      r2: -9, // shown, skipped
      r3: -8, // hidden: single is not "a"
      l1: -8, // hidden: x not chosen
      l2: 2,
      r5: -8, // hidden: l2 < 3
      txt: 'Hei, "du" her', // one line
      score_sc1: 37.5,
      score_sc2: 25,
    });
  });

  it('codes a skipped multiple choice −9 in every option and a hidden section −8', () => {
    const r = row(codebook, response(instrument, { 't:num': 1 }, {}));
    expect([r.multi_x, r.multi_none, r.single]).toEqual([-9, -9, -9]);
    expect([r.l2, r.r5]).toEqual([-8, -8]);
    expect(r.txt).toBeNull();
    // In the form but not scored: −9; a scale missing from the form: −8 (see below).
    expect(r.score_sc1).toBe(-9);
  });

  it('codes items and scales of another form as not shown', () => {
    const short = buildInstrument({
      id: 'test-short',
      form: 'short',
      sections: [{ id: 's', title: text('S'), items: [{ id: 't:single', type: 'single', text: text('Single'), options: ['a', 'b', 'c'].map((value) => ({ value, label: text(value) })) }] }],
    });
    const both = buildCodebook({ instruments: [instrument, short], waves });
    const r = row(both, response(short, { 't:single': 'c' }));
    expect([r.single, r.r1, r.multi_x, r.score_sc1, r.form, r.instrument]).toEqual([3, -8, -8, -8, 2, 'test-short 1.0.0']);
  });

  it('fills the meta variables', () => {
    const r = row(codebook, { ...response(instrument, {}), linkMethod: 'device', codeDuplicate: true, source: 'import', language: 'en', unitName: null });
    expect(r).toMatchObject({
      response_id: 'r0123456789abcdef', person_id: 'p0123456789abcdef', link_method: 2, code_duplicate: 1, wave: 2,
      municipality_code: '0301', municipality: 'Oslo', unit: null, instrument: 'test 1.0.0', form: 1, language: 3, source: 2,
      submitted_on: '2026-03-16', consent_version: 1, active_minutes: null, scoring_version: 1,
    });
  });

  it('rounds scores to four decimals and runs free text through the scrubber', () => {
    const r = row(codebook, response(instrument, { 't:num': 5, 't:r1': 3, 't:txt': 'Ring Kari' }, { sc1: 100 / 3 }), (t) => t.replace('Kari', '[navn]'));
    expect(r.score_sc1).toBe(33.3333);
    expect(r.txt).toBe('Ring [navn]');
  });

  it('writes CSV: header of names, RFC 4180 quoting, empty for null', () => {
    expect(csvHeader(codebook).startsWith('response_id,person_id,link_method,')).toBe(true);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(csvField(-9)).toBe('-9');
    expect(csvField('æøå')).toBe('æøå');
  });
});
