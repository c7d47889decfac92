import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers, Instrument } from '../contracts/instrument.js';
import { validateAnswers } from './answers.js';
import { buildCodebook, csvField, csvHeader, csvLine, encodeRow, type Cell, type Codebook, type ExportResponse } from './codebook.js';
import { pruneHidden } from './conditions.js';
import {
  detectDelimiter,
  importableVariables,
  normalizeSsbCode,
  parseCsv,
  parseDate,
  parseNumber,
  readImport,
  templateCsv,
  type ImportForm,
  type ImportProblem,
  type ImportTarget,
} from './import.js';
import { withLocalItems } from './local-items.js';
import { scoreResponse } from './scoring.js';
import { fixtureInstrument, text } from './test-instrument.js';

// ---- A wave: the fixture questionnaire (full) and a short form; Oslo has one own system.

const full = fixtureInstrument();
const short: Instrument = { ...fixtureInstrument(), id: 'test-short', form: 'short', sections: fixtureInstrument().sections.slice(0, 2), scales: [] };
const OSLO = { id: 'm-oslo', ssbCode: '0301', name: 'Oslo', defaultLanguage: 'nb' as const, units: [{ id: 'u-home', name: 'Heimetenesta' }, { id: 'u-nursing', name: 'Sjukeheimen' }] };
const VINJE = { id: 'm-vinje', ssbCode: '4036', name: 'Vinje', defaultLanguage: 'nn' as const, units: [{ id: 'u-vinje', name: 'Omsorgssenteret' }] };
const osloFull = withLocalItems(full, OSLO.id, [{ key: 'journal', name: text('Journal') }]);
const forms: ImportForm[] = [full, short].map((i) => ({ id: i.id, version: i.version, form: i.form }));
const codebook: Codebook = buildCodebook({
  instruments: [full, short, osloFull],
  waves: [{ label: 'Vår 2026' }],
  localPrefix: (namespace) => (namespace === OSLO.id ? OSLO.ssbCode : undefined),
});
const target: ImportTarget = {
  codebook,
  forms,
  served: (municipalityId, form) => (form.form === 'short' ? short : municipalityId === OSLO.id ? osloFull : full),
  municipalities: [OSLO, VINJE],
  today: '2026-03-16',
};

const LOCAL_USE = `local:${OSLO.id}:use_journal`;
const LOCAL_CONF = `local:${OSLO.id}:conf_journal`;

function exported(instrument: Instrument, answers: Answers, o: Partial<ExportResponse> = {}): ExportResponse {
  return {
    responseId: 'r0123456789abcdef',
    personId: 'p0123456789abcdef',
    linkMethod: null,
    codeDuplicate: false,
    wave: 1,
    municipalityCode: OSLO.ssbCode,
    municipalityName: OSLO.name,
    unitName: 'Heimetenesta',
    instrument,
    form: instrument.form,
    language: 'nn',
    source: 'web',
    submittedOn: '2026-03-10',
    consentVersion: 1,
    activeMinutes: 7,
    scoringVersion: 1,
    answers,
    scores: Object.fromEntries(Object.entries(scoreResponse(instrument, answers)).filter((e): e is [string, number] => e[1] !== null)),
    ...o,
  };
}

/** A file of named columns: header + rows, by column name (missing cells empty). */
function csv(columns: string[], rows: Record<string, string | number>[], delimiter = ','): string {
  const line = (cells: (string | number)[]) => cells.map((c) => (typeof c === 'number' ? String(c) : /[",;\r\n\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter);
  return [line(columns), ...rows.map((r) => line(columns.map((c) => r[c] ?? '')))].join('\n') + '\n';
}

const strip = (problems: ImportProblem[]) => problems.map((p) => ({ row: p.row, column: p.column, code: p.code }));

// ---- CSV

describe('parseCsv', () => {
  it('reads quoted fields with doubled quotes, separators and line breaks inside, and CRLF', () => {
    const records = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n1,,3\r\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['1', '', '3'],
    ]);
    expect(records.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('numbers records as a spreadsheet shows rows: a blank line is a row, a record over two lines is one', () => {
    const records = parseCsv('h\n"a\nb"\n\nc');
    expect(records.map((r) => [r.row, r.fields])).toEqual([
      [1, ['h']],
      [2, ['a\nb']],
      [3, ['']],
      [4, ['c']],
    ]);
  });

  it('drops a BOM, takes semicolons or tabs when the header has more of them, and keeps quotes inside unquoted text', () => {
    expect(detectDelimiter('a;b;"c,d"\n1,2')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
    expect(parseCsv('\uFEFFa;b\r1;2 "inch"\r').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2 "inch"'],
    ]);
  });

  it('keeps an empty quoted last field, and marks a quote that never closes', () => {
    expect(parseCsv('a,""').map((r) => r.fields)).toEqual([['a', '']]);
    const records = parseCsv('a\n"open\nnever closed');
    expect(records.at(-1)).toEqual({ row: 2, fields: ['open\nnever closed'], unterminated: true });
  });

  it('reads back any table csvLine() writes', () => {
    const cell = fc.oneof(fc.string({ unit: fc.constantFrom('a', 'æ', ',', '"', '\n', '\r\n', ' ', ';') }), fc.integer().map(String));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (table) => {
        const width = table[0]!.length;
        const rows = table.map((r) => [...r.slice(0, width), ...Array<string>(Math.max(0, width - r.length)).fill('')]);
        const header = Array.from({ length: width }, (_, i) => `c${i}`);
        const text = [header, ...rows].map((r) => csvLine(r)).join('');
        expect(parseCsv(text).map((r) => r.fields)).toEqual([header, ...rows]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('values', () => {
  it('reads numbers with a decimal point or comma, dates as YYYY-MM-DD or DD.MM.YYYY, SSB codes without their leading zero', () => {
    expect([parseNumber('3'), parseNumber(' -9 '), parseNumber('2,5'), parseNumber('2.5'), parseNumber('−8'), parseNumber('x'), parseNumber('1e3'), parseNumber('')]).toEqual([
      3, -9, 2.5, 2.5, -8, null, null, null,
    ]);
    expect([parseDate('2026-03-01'), parseDate('1.3.2026'), parseDate('31.02.2026'), parseDate('2026-13-01'), parseDate('03/01/2026')]).toEqual([
      '2026-03-01', '2026-03-01', null, null, null,
    ]);
    expect([normalizeSsbCode('301'), normalizeSsbCode('0301'), normalizeSsbCode('4036'), normalizeSsbCode('x')]).toEqual(['0301', '0301', '4036', 'x']);
  });
});

// ---- Round trip: what the export writes, the import reads back

const validAnswers = (instrument: Instrument, local: boolean): fc.Arbitrary<Answers> =>
  fc
    .record(
      {
        't:single': fc.constantFrom('a', 'b', 'c'),
        't:multi': fc.oneof(fc.subarray(['x', 'y', 'z'], { minLength: 1, maxLength: 2 }), fc.constant(['none'])),
        't:num': fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true }).map((x) => Math.round(x * 100) / 100)),
        't:r1': fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('na')),
        't:r2': fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('na')),
        't:r3': fc.integer({ min: 1, max: 5 }),
        't:l1': fc.integer({ min: 0, max: 3 }),
        't:l2': fc.integer({ min: 1, max: 5 }),
        't:r5': fc.integer({ min: 1, max: 5 }),
        't:txt': fc.string({ unit: fc.constantFrom('a', 'ø', ',', ';', '"', ' ', '-', '9'), minLength: 1, maxLength: 10 }).filter((s) => s.trim() !== ''),
        ...(local ? { [LOCAL_USE]: fc.constantFrom('never', 'sometimes', 'weekly', 'daily'), [LOCAL_CONF]: fc.integer({ min: 1, max: 5 }) } : {}),
      },
      { requiredKeys: [] },
    )
    .map((a) => pruneHidden(instrument, a as Answers))
    .filter((a) => Object.keys(a).length > 0 && validateAnswers(instrument, a).length === 0);

const respondent = fc.oneof(
  validAnswers(osloFull, true).map((answers) => ({ instrument: osloFull, municipality: OSLO, answers })),
  validAnswers(full, false).map((answers) => ({ instrument: full, municipality: VINJE, answers })),
  validAnswers(short, false).map((answers) => ({ instrument: short, municipality: OSLO, answers })),
);

/** The same table as Excel in Norway saves it: semicolons, decimal commas, CRLF and a BOM. */
function norwegianExcel(cells: Cell[][]): string {
  const field = (c: Cell) => {
    if (c === null) return '';
    if (typeof c === 'number') return String(c).replace('.', ',');
    return /[";\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
  };
  return `\uFEFF${cells.map((r) => r.map(field).join(';')).join('\r\n')}\r\n`;
}

describe('round trip: export → CSV → import', () => {
  it('reads back the same answers, municipality, unit, form, language and date from the export’s data.csv and from Excel’s semicolon CSV', () => {
    fc.assert(
      fc.property(fc.uniqueArray(respondent, { minLength: 1, maxLength: 6, selector: (r) => JSON.stringify([r.municipality.id, r.instrument.id, r.answers]) }), (people) => {
        const rows = people.map((p) =>
          exported(p.instrument, p.answers, { municipalityCode: p.municipality.ssbCode, municipalityName: p.municipality.name, unitName: p.municipality.units[0]!.name }),
        );
        const cells = rows.map((r) => encodeRow(codebook, r));
        const exportCsv = csvHeader(codebook) + cells.map((c) => csvLine(c)).join('');
        for (const file of [exportCsv, norwegianExcel([codebook.variables.map((v) => v.name), ...cells])]) {
          const reading = readImport(file, target);
          expect(reading.problems).toEqual([]);
          expect(reading.rows).toBe(people.length);
          expect(reading.responses.map((r) => r.answers)).toEqual(people.map((p) => p.answers));
          expect(reading.responses.map((r) => [r.municipalityId, r.unitId, r.instrument.id, r.language, r.submittedOn, r.activeMinutes])).toEqual(
            people.map((p) => [p.municipality.id, p.municipality.units[0]!.id, p.instrument.id, 'nn', '2026-03-10', 7]),
          );
          // The scores the import would store are those the export wrote.
          expect(reading.responses.map((r) => scoreResponse(r.instrument, r.answers))).toEqual(people.map((p) => scoreResponse(p.instrument, p.answers)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('ignores the columns Digikompass computes, and lists them', () => {
    const cells = encodeRow(codebook, exported(osloFull, { 't:single': 'b' }));
    const reading = readImport(csvHeader(codebook) + csvLine(cells), target);
    expect(reading.problems).toEqual([]);
    expect(reading.ignoredColumns).toEqual([
      'response_id', 'person_id', 'link_method', 'code_duplicate', 'wave', 'municipality', 'source', 'consent_version', 'scoring_version', 'score_sc1', 'score_sc2',
    ]);
  });
});

// ---- The template

describe('templateCsv', () => {
  it('is the header of the columns to type in, in the export’s order, read back without a problem', () => {
    const template = templateCsv(codebook, forms);
    expect(template.startsWith('\uFEFF')).toBe(true);
    expect(template.endsWith('\r\n')).toBe(true);
    const names = parseCsv(template)[0]!.fields;
    expect(names.slice(0, 6)).toEqual(['municipality_code', 'unit', 'form', 'language', 'submitted_on', 'single']);
    expect(names).toContain('multi_none');
    expect(names).toContain('local_0301_use_journal');
    expect(names.some((n) => n.startsWith('score_') || n === 'response_id' || n === 'active_minutes')).toBe(false);
    expect(names.every((n) => importableVariables(codebook).some((v) => v.name === n))).toBe(true);
    const filled = `${template}0301,Heimetenesta,1,2,2026-03-01,1\r\n`;
    const reading = readImport(filled, target);
    expect(reading.problems).toEqual([]);
    expect(reading.responses[0]).toMatchObject({ municipalityId: OSLO.id, unitId: 'u-home', language: 'nn', submittedOn: '2026-03-01', answers: { 't:single': 'a' } });
  });

  it('has no form column when the wave has one form only', () => {
    expect(parseCsv(templateCsv(codebook, forms.slice(0, 1)))[0]!.fields).not.toContain('form');
  });
});

// ---- Problems, each by row and column

describe('readImport: problems', () => {
  it('names unknown, repeated and missing columns in row 1', () => {
    const reading = readImport(csv(['unit', 'single', 'Single', 'favourite_colour'], [{ single: 1 }]), target);
    expect(strip(reading.problems)).toEqual([
      { row: 1, column: 'Single', code: 'duplicate_column' },
      { row: 1, column: 'favourite_colour', code: 'unknown_column' },
      { row: 1, column: 'municipality_code', code: 'missing_column' },
      { row: 2, column: 'municipality_code', code: 'missing_value' },
    ]);
    expect(reading.responses).toEqual([]);
  });

  it('takes the municipality and unit for the whole file, and flags a cell that says otherwise', () => {
    const file = csv(['unit', 'single'], [{ single: 1 }, { unit: 'sjukeheimen', single: 2 }]);
    const fixedOslo = readImport(file, target, { municipalityCode: '301' });
    expect(fixedOslo.problems).toEqual([]);
    expect(fixedOslo.responses.map((r) => [r.municipalityId, r.unitId, r.answers['t:single']])).toEqual([
      [OSLO.id, null, 'a'],
      [OSLO.id, 'u-nursing', 'b'],
    ]);
    const fixedUnit = readImport(file, target, { municipalityCode: '0301', unit: 'Heimetenesta' });
    expect(strip(fixedUnit.problems)).toEqual([{ row: 3, column: 'unit', code: 'differs_from_fixed' }]);
    expect(fixedUnit.problems[0]!.params).toEqual({ fixed: 'Heimetenesta' });
  });

  it('lists every wrong value by row and column, with the value as written', () => {
    const file = csv(
      ['municipality_code', 'unit', 'language', 'submitted_on', 'single', 'multi_x', 'multi_none', 'num', 'r1', 'l1', 'txt', 'local_0301_use_journal'],
      [
        { municipality_code: '0301', unit: 'Heimetenesta', single: 4 }, // 2: not a code
        { municipality_code: '9999', single: 1 }, // 3: unknown municipality
        { municipality_code: '4036', unit: 'Heimetenesta', single: 1 }, // 4: not a unit of Vinje
        { municipality_code: '0301', num: 11 }, // 5: out of range
        { municipality_code: '0301', num: 'ti' }, // 6: not a number
        { municipality_code: '0301', multi_x: 1, multi_none: 1 }, // 7: exclusive option combined
        { municipality_code: '0301', multi_none: 1, l1: 2 }, // 8: answer to a hidden question (l1 needs x)
        { municipality_code: '0301', r1: -7, single: 2, multi_x: 2 }, // 9: −7 is fine for r1 (a5 has "na"); 2 is no code of an option
        { municipality_code: '4036', single: 1, local_0301_use_journal: 1 }, // 10: Oslo's own system in Vinje's row
        { municipality_code: '0301', language: 4, submitted_on: '2026-02-30', single: 1 }, // 11: language, date
        { municipality_code: '0301', submitted_on: '2026-04-01', single: 1 }, // 12: after today
        { municipality_code: '0301' }, // 13: no answers
        { municipality_code: '0301', num: 5, r1: 3, txt: 'for lang tekst' }, // 14: too long (max 10)
      ],
    );
    const reading = readImport(file, target);
    expect(reading.rows).toBe(13);
    expect(reading.problems.map((p) => ({ row: p.row, column: p.column, code: p.code, value: p.value }))).toEqual([
      { row: 2, column: 'single', code: 'not_a_code', value: '4' },
      { row: 3, column: 'municipality_code', code: 'unknown_municipality', value: '9999' },
      { row: 4, column: 'unit', code: 'unknown_unit', value: 'Heimetenesta' },
      { row: 5, column: 'num', code: 'out_of_range', value: '11' },
      { row: 6, column: 'num', code: 'not_a_number', value: 'ti' },
      { row: 7, column: 'multi_x', code: 'exclusive', value: 'x, none' },
      { row: 8, column: 'l1', code: 'hidden', value: '2' },
      { row: 9, column: 'multi_x', code: 'not_a_code', value: '2' },
      { row: 10, column: 'local_0301_use_journal', code: 'not_in_form', value: '1' },
      { row: 11, column: 'language', code: 'not_a_code', value: '4' },
      { row: 11, column: 'submitted_on', code: 'not_a_date', value: '2026-02-30' },
      { row: 12, column: 'submitted_on', code: 'future_date', value: '2026-04-01' },
      { row: 13, column: null, code: 'no_answers', value: null },
      { row: 14, column: 'txt', code: 'too_long', value: 'for lang tekst' },
    ]);
    expect(reading.problems.find((p) => p.code === 'out_of_range')!.params).toEqual({ min: 0, max: 10 });
    expect(reading.problemCount).toBe(14);
    expect(reading.responses).toEqual([]);
  });

  it('reads −9 and −8 as no answer, −7 as "not applicable" where the scale has it and as a wrong code where not', () => {
    const file = csv(['municipality_code', 'single', 'r1', 'l1', 'multi_x', 'multi_y'], [
      { municipality_code: '0301', single: -9, r1: -7, l1: -8, multi_x: 1, multi_y: -9 },
      { municipality_code: '0301', multi_x: 1, l1: -7 },
    ]);
    const reading = readImport(file, target);
    expect(strip(reading.problems)).toEqual([{ row: 3, column: 'l1', code: 'not_a_code' }]);
    const ok = readImport(csv(['municipality_code', 'single', 'r1', 'l1', 'multi_x', 'multi_y'], [{ municipality_code: '0301', single: -9, r1: -7, l1: -8, multi_x: 1, multi_y: -9 }]), target);
    expect(ok.responses[0]!.answers).toEqual({ 't:multi': ['x'], 't:r1': 'na' });
  });

  it('flags a row with the same answers as an earlier one, and a row too wide for the header', () => {
    const file = 'municipality_code,unit,single\n0301,Heimetenesta,1\n0301,heimetenesta ,1\n0301,Sjukeheimen,1\n0301,,2,extra\n';
    const reading = readImport(file, target);
    expect(strip(reading.problems)).toEqual([
      { row: 3, column: null, code: 'duplicate_row' },
      { row: 5, column: null, code: 'too_many_fields' },
    ]);
    expect(reading.problems[0]!.params).toEqual({ row: 2 });
  });

  it('chooses the questionnaire by instrument or form, and flags one the wave does not have or that disagrees', () => {
    const file = csv(['municipality_code', 'instrument', 'form', 'single', 'l2'], [
      { municipality_code: '0301', form: 2, single: 1 },
      { municipality_code: '0301', instrument: 'test-short 1.0.0', single: 1, l2: 3 }, // l2 is not in the short form
      { municipality_code: '0301', instrument: 'test 2.0.0', single: 1 },
      { municipality_code: '0301', instrument: 'test 1.0.0', form: 2, single: 2 },
      { municipality_code: '0301', form: 3, single: 2 },
    ]);
    const reading = readImport(file, target);
    expect(strip(reading.problems)).toEqual([
      { row: 3, column: 'l2', code: 'not_in_form' },
      { row: 4, column: 'instrument', code: 'unknown_instrument' },
      { row: 5, column: 'form', code: 'form_mismatch' },
      { row: 6, column: 'form', code: 'not_a_code' },
    ]);
    const short2 = readImport(csv(['municipality_code', 'form', 'single'], [{ municipality_code: '0301', form: 2, single: 1 }]), target);
    expect(short2.responses[0]!.instrument.id).toBe('test-short');
  });

  it('says when the file is empty or not UTF-8, or a quote never closes; and skips blank lines', () => {
    expect(strip(readImport('', target).problems)).toEqual([{ row: 1, column: null, code: 'empty_file' }]);
    expect(strip(readImport(null, target).problems)).toEqual([{ row: 1, column: null, code: 'not_utf8' }]);
    expect(strip(readImport('municipality_code,single\r\n', target).problems)).toEqual([{ row: 2, column: null, code: 'no_rows' }]);
    expect(strip(readImport('municipality_code,txt\n0301,"open\n', target).problems)).toContainEqual({ row: 2, column: null, code: 'unterminated_quote' });
    const blank = readImport('municipality_code;single\r\n;\r\n0301;1\r\n;;\r\n', target);
    expect(blank.problems).toEqual([]);
    expect(blank.rows).toBe(1);
    expect(blank.responses[0]!.row).toBe(3);
  });

  it('keeps the first problems only, but counts them all', () => {
    const rows = Array.from({ length: 30 }, () => ({ municipality_code: '0301', single: 9 }));
    const reading = readImport(csv(['municipality_code', 'single'], rows), target, {}, { maxProblems: 10 });
    expect(reading.problems).toHaveLength(10);
    expect(reading.problemCount).toBe(30);
  });
});

describe('csvField', () => {
  it('is what the round trip relies on: quoting only when needed', () => {
    expect([csvField('a,b'), csvField('plain'), csvField(null), csvField(2.5)]).toEqual(['"a,b"', 'plain', '', '2.5']);
  });
});
