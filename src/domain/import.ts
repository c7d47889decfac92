/**
 * Importing responses from a CSV file (paper forms typed in, or data from another survey tool): the
 * same variables, names and codes as the research export's data.csv (codebook.ts, docs/export.md), so
 * an exported file's columns can be typed in by hand and read back. Pure: the CSV parser, the mapping
 * of columns to items, and every check a row must pass, each problem with its spreadsheet row (the
 * header is row 1) and column. The import service (src/server/services/import.service.ts) stores the
 * responses only when there is no problem at all.
 *
 * Decisions (docs/export.md, "Import", says them for researchers):
 * - CSV: RFC 4180 (quoted fields with "" for a quote, line breaks inside quotes), comma, semicolon or
 *   tab as the separator (whichever the header row has most of; Excel in Norway writes semicolons),
 *   CRLF, LF or CR, UTF-8 with or without BOM. A blank line is a row (as in a spreadsheet) and skipped.
 * - Municipality: the column `municipality_code`, the SSB code as the export writes it (a code of 1–3
 *   digits gets its leading zeros back: Excel drops them), or one code for the whole file. Unit: the
 *   column `unit`, the unit's name as the export writes it (case and spacing ignored), or one name for the
 *   whole file; empty: no unit. A fixed value and a non-empty cell that differs is a problem.
 * - Questionnaire: the column `instrument` ("id version", as exported) or `form` (1 full, 2 short),
 *   among the wave's questionnaires; else the wave's own. `language` 1–3 (or nb/nn/en), else the
 *   municipality's. `submitted_on` YYYY-MM-DD or DD.MM.YYYY, not after today; else today.
 *   `active_minutes` a whole number 0–1440 or empty.
 * - Items: codes as exported. −9 (not answered) and −8 (not shown) both mean no answer: which questions
 *   were shown is worked out again from the answers, as for the web. −7 is "not applicable" where the
 *   scale has it. Multiple choice: one column per option, 1 chosen, 0 (or empty) not. Numbers may use a
 *   decimal comma. Free text is taken as written.
 * - Then the same rules as web answers (answers.ts validateAnswers): an answer out of range, to a
 *   question hidden by a condition, too long, … is a problem. A row without answers is a problem; so is a
 *   row with exactly the answers of an earlier row (same municipality, unit and form).
 * - Columns the export writes but Digikompass computes (ids, link method, wave, source, scores, …) are
 *   ignored and listed as such, so an exported data.csv can be read; any other unknown column is a problem.
 */
import { NOT_APPLICABLE, languages, type Answers, type AnswerValue, type Instrument, type Language } from '../contracts/instrument.js';
import { validateAnswers, type AnswerIssueCode } from './answers.js';
import { FORM_CODES, LANGUAGE_CODES, csvLine, type Codebook, type MetaField, type Variable } from './codebook.js';
import { pruneHidden } from './conditions.js';
import { answerableItems, type AnswerableItem } from './instrument.js';
import { isLocalItemId } from './local-items.js';

export type ImportProblemCode =
  // the file and its header row
  | 'not_utf8'
  | 'empty_file'
  | 'no_rows'
  | 'unterminated_quote'
  | 'unknown_column'
  | 'duplicate_column'
  | 'missing_column'
  | 'unnamed_column'
  | 'too_many_fields'
  // a row's meta values
  | 'missing_value'
  | 'unknown_municipality'
  | 'unknown_unit'
  | 'differs_from_fixed'
  | 'unknown_instrument'
  | 'form_not_in_wave'
  | 'form_mismatch'
  | 'not_a_date'
  | 'future_date'
  // a cell's value
  | 'not_a_code'
  | 'not_a_number'
  | 'not_in_form'
  // the web's rules for answers (answers.ts)
  | 'hidden'
  | 'out_of_range'
  | 'not_integer'
  | 'too_long'
  | 'too_many'
  | 'exclusive'
  // the row as a whole
  | 'no_answers'
  | 'duplicate_row';

export interface ImportProblem {
  /** 1-based, as a spreadsheet shows it: the header is row 1. */
  row: number;
  /** The column's name as written in the header; null for a problem of the whole row or file. */
  column: string | null;
  code: ImportProblemCode;
  /** The cell as written (cut to 200 characters); null when there is none. */
  value: string | null;
  /** Values for the message: `min`/`max` (out_of_range), `max` (too_long, too_many), `row` (duplicate_row), `fixed` (differs_from_fixed). */
  params?: Record<string, string | number>;
}

export interface ImportMunicipality {
  id: string;
  ssbCode: string;
  name: string;
  defaultLanguage: Language;
  units: readonly { id: string; name: string }[];
}

export interface ImportForm {
  id: string;
  version: string;
  form: string;
}

/** What the rows are read against: one wave of a project. */
export interface ImportTarget {
  /** The wave's codebook, exactly as its export builds it (the same names and codes). */
  codebook: Codebook;
  /** The wave's questionnaires, its own first (then other forms its links serve). */
  forms: readonly ImportForm[];
  /** The questionnaire a municipality's respondents are served on a form: the form plus the municipality's own systems (null: the form alone). */
  served: (municipalityId: string | null, form: ImportForm) => Instrument;
  /** The project's municipalities with their units. */
  municipalities: readonly ImportMunicipality[];
  /** Today in Norway (YYYY-MM-DD): the default and the latest submitted_on. */
  today: string;
}

/** Values for the whole file, instead of (or agreeing with) the columns. */
export interface FixedValues {
  /** SSB code. */
  municipalityCode?: string | undefined;
  /** Unit name. */
  unit?: string | undefined;
}

export interface ImportedResponse {
  row: number;
  municipalityId: string;
  unitId: string | null;
  /** The served questionnaire (with the municipality's own systems). */
  instrument: Instrument;
  language: Language;
  submittedOn: string;
  activeMinutes: number | null;
  /** Valid, and only answers to shown items (pruneHidden): what the web would store. */
  answers: Answers;
}

export interface ImportReading {
  /** Data rows read (blank lines not counted). */
  rows: number;
  /** The rows without a problem, ready to store. */
  responses: ImportedResponse[];
  /** The first `maxProblems` problems, by row. */
  problems: ImportProblem[];
  /** Every problem found, also those not listed. */
  problemCount: number;
  /** Columns written by the export but computed by Digikompass: not read. */
  ignoredColumns: string[];
}

/** Meta variables a file may set. */
const IMPORTED_META: ReadonlySet<MetaField> = new Set<MetaField>(['municipality_code', 'unit', 'instrument', 'form', 'language', 'submitted_on', 'active_minutes']);
/** In the template: the instrument is chosen by form, and a paper form has no measured time. */
const TEMPLATE_META: ReadonlySet<MetaField> = new Set<MetaField>(['municipality_code', 'unit', 'form', 'language', 'submitted_on']);

export const MAX_ACTIVE_MINUTES = 1440;
const VALUE_MAX = 200;
export const DEFAULT_MAX_PROBLEMS = 1000;

// ---- CSV

export interface CsvRecord {
  /** 1-based record number: the spreadsheet row. */
  row: number;
  fields: string[];
  /** The record ended inside a quoted field (the file ended first). */
  unterminated?: true;
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The separator the header row uses most (outside quotes); a comma when there is none. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * RFC 4180 records, leniently as spreadsheets read them: a quote inside an unquoted field is a
 * character, text after a closing quote is kept. A leading BOM is dropped; a final line break does
 * not make an empty record, but a blank line elsewhere is a record with one empty field.
 */
export function parseCsv(input: string, delimiter = detectDelimiter(input.replace(/^\uFEFF/, ''))): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  /** Something (a character or a quote) of the current field has been read. */
  let started = false;
  const endField = () => {
    fields.push(field);
    field = '';
    started = false;
  };
  const endRecord = (unterminated = false) => {
    endField();
    records.push({ row: records.length + 1, fields, ...(unterminated ? { unterminated: true as const } : {}) });
    fields = [];
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && !started) {
      // A quoted field: up to the quote that is not doubled.
      started = true;
      let j = i + 1;
      for (;;) {
        if (j >= n) {
          endRecord(true);
          return records;
        }
        const c = text[j]!;
        if (c === '"' && text[j + 1] === '"') {
          field += '"';
          j += 2;
        } else if (c === '"') {
          j++;
          break;
        } else {
          field += c;
          j++;
        }
      }
      i = j;
    } else if (ch === delimiter) {
      endField();
      i++;
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      started = true;
      i++;
    }
  }
  // A last line without a line break.
  if (started || fields.length > 0) endRecord();
  return records;
}

// ---- Columns

/** The variables a file may give, in the export's order. */
export function importableVariables(codebook: Codebook): Variable[] {
  return codebook.variables.filter((v) => (v.source.kind === 'meta' ? IMPORTED_META.has(v.source.field) : v.source.kind !== 'score'));
}

/**
 * The template: the header row of the columns to type in (UTF-8 with a BOM, so that Excel reads æ, ø and
 * å; comma-separated, CRLF). The form column only when the wave has more than one form. No second
 * row of hints: the codebook explains every column.
 */
export function templateCsv(codebook: Codebook, forms: readonly ImportForm[]): string {
  const names = importableVariables(codebook)
    .filter((v) => v.source.kind !== 'meta' || (TEMPLATE_META.has(v.source.field) && (v.source.field !== 'form' || new Set(forms.map((f) => f.form)).size > 1)))
    .map((v) => v.name);
  return `\uFEFF${csvLine(names).replace(/\n$/, '\r\n')}`;
}

// ---- Values

const cut = (s: string) => (s.length > VALUE_MAX ? `${s.slice(0, VALUE_MAX)}…` : s);

/** A number as written by the export, or with a decimal comma as Norwegian spreadsheets write it. */
export function parseNumber(cell: string): number | null {
  const s = cell.trim().replace(/^−/, '-');
  if (/^[+-]?\d+([.,]\d+)?$/.test(s) || /^[+-]?[.,]\d+$/.test(s)) return Number(s.replace(',', '.'));
  return null;
}

/** YYYY-MM-DD or D.M.YYYY → YYYY-MM-DD, or null when no such day exists. */
export function parseDate(cell: string): string | null {
  const s = cell.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** An SSB code as typed: 1–4 digits, the leading zeros Excel dropped put back. */
export function normalizeSsbCode(cell: string): string {
  const s = cell.trim();
  return /^\d{1,3}$/.test(s) ? s.padStart(4, '0') : s;
}

const unitKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nb');

// ---- Reading

interface Column {
  index: number;
  name: string;
  variable: Variable;
}

interface ItemColumns {
  itemId: string;
  columns: Column[];
}

const ANSWER_CODES: Partial<Record<AnswerIssueCode, ImportProblemCode>> = {
  hidden: 'hidden',
  out_of_range: 'out_of_range',
  not_integer: 'not_integer',
  too_long: 'too_long',
  too_many: 'too_many',
  exclusive: 'exclusive',
  not_an_option: 'not_a_code',
  wrong_type: 'not_a_code',
  unknown_item: 'not_in_form',
};

/** Collects problems, keeping the first `max` but counting all. */
class Problems {
  readonly list: ImportProblem[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  add(p: ImportProblem): void {
    this.count++;
    if (this.list.length < this.max) this.list.push(p.value === null ? p : { ...p, value: cut(p.value) });
  }
}

/** Every problem of the file, and the rows ready to store. */
export function readImport(text: string | null, target: ImportTarget, fixed: FixedValues = {}, options: { maxProblems?: number } = {}): ImportReading {
  const problems = new Problems(options.maxProblems ?? DEFAULT_MAX_PROBLEMS);
  const result = (rows: number, responses: ImportedResponse[], ignoredColumns: string[] = []): ImportReading => ({
    rows,
    responses: problems.count === 0 ? responses : [],
    problems: problems.list,
    problemCount: problems.count,
    ignoredColumns,
  });
  if (text === null) {
    problems.add({ row: 1, column: null, code: 'not_utf8', value: null });
    return result(0, []);
  }
  const records = parseCsv(text);
  const header = records[0];
  if (!header || header.fields.every((f) => f.trim() === '')) {
    problems.add({ row: 1, column: null, code: 'empty_file', value: null });
    return result(0, []);
  }
  for (const r of records) if (r.unterminated) problems.add({ row: r.row, column: null, code: 'unterminated_quote', value: null });

  // The header: each name to its variable.
  const byName = new Map(target.codebook.variables.map((v) => [v.name, v]));
  const importable = new Set(importableVariables(target.codebook).map((v) => v.name));
  const columns: Column[] = [];
  const ignoredColumns: string[] = [];
  const seen = new Set<string>();
  const unnamed: number[] = [];
  header.fields.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (name === '') return void unnamed.push(index);
    if (seen.has(name)) return problems.add({ row: 1, column: raw.trim(), code: 'duplicate_column', value: null });
    seen.add(name);
    const variable = byName.get(name);
    if (!variable) return problems.add({ row: 1, column: raw.trim(), code: 'unknown_column', value: null });
    if (!importable.has(name)) return void ignoredColumns.push(name);
    columns.push({ index, name, variable });
  });
  const meta = new Map<MetaField, Column>();
  for (const c of columns) if (c.variable.source.kind === 'meta') meta.set(c.variable.source.field, c);
  if (!meta.has('municipality_code') && !fixed.municipalityCode) problems.add({ row: 1, column: 'municipality_code', code: 'missing_column', value: null });

  const itemColumns = new Map<string, ItemColumns>();
  for (const c of columns) {
    const s = c.variable.source;
    if (s.kind !== 'item' && s.kind !== 'option') continue;
    const entry = itemColumns.get(s.itemId) ?? { itemId: s.itemId, columns: [] };
    entry.columns.push(c);
    itemColumns.set(s.itemId, entry);
  }

  const municipalityByCode = new Map(target.municipalities.map((m) => [m.ssbCode, m]));
  const fixedCode = fixed.municipalityCode ? normalizeSsbCode(fixed.municipalityCode) : undefined;
  const answerablesCache = new WeakMap<Instrument, Map<string, AnswerableItem>>();
  const answerables = (instrument: Instrument) => {
    let map = answerablesCache.get(instrument);
    if (!map) {
      map = new Map(answerableItems(instrument).map((a) => [a.id, a]));
      answerablesCache.set(instrument, map);
    }
    return map;
  };

  const responses: ImportedResponse[] = [];
  const firstRowOf = new Map<string, number>();
  let rows = 0;
  for (const record of records.slice(1)) {
    if (record.fields.every((f) => f.trim() === '')) continue;
    rows++;
    const row = record.row;
    const before = problems.count;
    const cell = (c: Column | undefined) => (c ? (record.fields[c.index] ?? '') : '');
    const problem = (column: string | null, code: ImportProblemCode, value: string | null, params?: Record<string, string | number>) =>
      problems.add({ row, column, code, value, ...(params ? { params } : {}) });

    if (record.fields.length > header.fields.length && record.fields.slice(header.fields.length).some((f) => f.trim() !== '')) {
      problem(null, 'too_many_fields', null, { fields: record.fields.length, columns: header.fields.length });
    }
    for (const index of unnamed) {
      const value = record.fields[index]?.trim() ?? '';
      if (value !== '') problem(null, 'unnamed_column', value, { column: index + 1 });
    }

    // Municipality and unit.
    const fixedOr = (field: MetaField, fixedValue: string | undefined, same: (a: string, b: string) => boolean): string => {
      const c = meta.get(field);
      const raw = cell(c);
      if (fixedValue === undefined) return raw.trim();
      if (raw.trim() !== '' && !same(raw, fixedValue)) problem(c!.name, 'differs_from_fixed', raw, { fixed: fixedValue });
      return fixedValue;
    };
    const code = fixedOr('municipality_code', fixedCode, (a, b) => normalizeSsbCode(a) === b);
    let municipality: ImportMunicipality | undefined;
    const codeColumn = meta.get('municipality_code')?.name ?? 'municipality_code';
    if (code === '') problem(codeColumn, 'missing_value', null);
    else {
      municipality = municipalityByCode.get(normalizeSsbCode(code));
      if (!municipality) problem(codeColumn, 'unknown_municipality', code);
    }
    const unitName = fixedOr('unit', fixed.unit?.trim() || undefined, (a, b) => unitKey(a) === unitKey(b));
    let unitId: string | null = null;
    if (unitName !== '' && municipality) {
      const unit = municipality.units.find((u) => unitKey(u.name) === unitKey(unitName));
      if (unit) unitId = unit.id;
      else problem(meta.get('unit')?.name ?? 'unit', 'unknown_unit', unitName);
    }

    // Questionnaire: by instrument, else by form, else the wave's own.
    let form: ImportForm | undefined = target.forms[0];
    const instrumentCell = cell(meta.get('instrument')).trim();
    const formCell = cell(meta.get('form')).trim();
    let formByCode: ImportForm | undefined;
    let formCodeOk = true;
    if (formCell !== '') {
      const n = parseNumber(formCell);
      const formName = n !== null && Number.isInteger(n) ? FORM_CODES[n - 1] : undefined;
      if (!formName) {
        formCodeOk = false;
        problem(meta.get('form')!.name, 'not_a_code', formCell);
      } else {
        formByCode = target.forms.find((f) => f.form === formName);
        if (!formByCode) {
          formCodeOk = false;
          problem(meta.get('form')!.name, 'form_not_in_wave', formCell);
        }
      }
    }
    if (instrumentCell !== '') {
      const found = target.forms.find((f) => `${f.id} ${f.version}` === instrumentCell.replace(/\s+/g, ' '));
      if (!found) {
        form = undefined;
        problem(meta.get('instrument')!.name, 'unknown_instrument', instrumentCell);
      } else {
        form = found;
        if (formCell !== '' && formCodeOk && formByCode?.form !== found.form) problem(meta.get('form')!.name, 'form_mismatch', formCell);
      }
    } else if (formCell !== '') {
      form = formByCode;
    }

    // Language, date, minutes.
    let language: Language = municipality?.defaultLanguage ?? 'nb';
    const languageCell = cell(meta.get('language')).trim();
    if (languageCell !== '') {
      const n = parseNumber(languageCell);
      const byCode = n !== null && Number.isInteger(n) ? LANGUAGE_CODES[n - 1] : undefined;
      const byName = languages.find((l) => l === languageCell.toLowerCase());
      if (byCode ?? byName) language = (byCode ?? byName)!;
      else problem(meta.get('language')!.name, 'not_a_code', languageCell);
    }
    let submittedOn = target.today;
    const dateCell = cell(meta.get('submitted_on')).trim();
    if (dateCell !== '') {
      const date = parseDate(dateCell);
      if (date === null) problem(meta.get('submitted_on')!.name, 'not_a_date', dateCell);
      else if (date > target.today) problem(meta.get('submitted_on')!.name, 'future_date', dateCell);
      else submittedOn = date;
    }
    let activeMinutes: number | null = null;
    const minutesCell = cell(meta.get('active_minutes')).trim();
    if (minutesCell !== '') {
      const n = parseNumber(minutesCell);
      const name = meta.get('active_minutes')!.name;
      if (n === null) problem(name, 'not_a_number', minutesCell);
      else if (!Number.isInteger(n)) problem(name, 'not_integer', minutesCell);
      else if (n < 0 || n > MAX_ACTIVE_MINUTES) problem(name, 'out_of_range', minutesCell, { min: 0, max: MAX_ACTIVE_MINUTES });
      else activeMinutes = n;
    }

    // Answers, read against what this row's respondent was served. Without a known municipality, the
    // form alone (municipalities' own systems are then left unread).
    if (!form) continue;
    const instrument = target.served(municipality?.id ?? null, form);
    const items = answerables(instrument);
    const answers: Answers = {};
    const where = new Map<string, { column: string; value: string | null }>();
    for (const { itemId, columns: itemCols } of itemColumns.values()) {
      if (!municipality && isLocalItemId(itemId)) continue;
      const a = items.get(itemId);
      const read = readItem(itemCols, record.fields, a);
      for (const p of read.problems) problem(p.column, p.code, p.value);
      if (read.value !== undefined) {
        answers[itemId] = read.value;
        where.set(itemId, read.where);
      }
    }
    for (const issue of validateAnswers(instrument, answers)) {
      const at = where.get(issue.path);
      const params = issue.params && ('min' in issue.params || 'max' in issue.params) ? issue.params : undefined;
      problem(at?.column ?? null, ANSWER_CODES[issue.code] ?? 'not_a_code', at?.value ?? null, params);
    }
    const kept = pruneHidden(instrument, answers);
    if (Object.keys(kept).length === 0) {
      if (problems.count === before) problem(null, 'no_answers', null);
      continue;
    }
    // Only clean rows are compared: a row with a problem says so already.
    if (!municipality || problems.count !== before) continue;
    const key = JSON.stringify([municipality.id, unitId, form.id, form.version, Object.entries(kept).sort(([x], [y]) => (x < y ? -1 : 1))]);
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      problem(null, 'duplicate_row', null, { row: first });
      continue;
    }
    firstRowOf.set(key, row);
    responses.push({ row, municipalityId: municipality.id, unitId, instrument, language, submittedOn, activeMinutes, answers: kept });
  }
  if (rows === 0) problems.add({ row: 2, column: null, code: 'no_rows', value: null });
  return result(rows, responses, ignoredColumns);
}

interface ItemReading {
  value: AnswerValue | undefined;
  where: { column: string; value: string | null };
  problems: { column: string; code: ImportProblemCode; value: string }[];
}

/**
 * One item's cells → its answer (undefined: none). Format only (is it a number, a code of the
 * variable); whether the answer fits the item is validateAnswers()'s to say. Cells of an item that
 * is not in the row's questionnaire may only be empty or say "not answered" / "not shown".
 */
function readItem(columns: readonly Column[], fields: readonly string[], a: AnswerableItem | undefined): ItemReading {
  const first = columns[0]!;
  const out: ItemReading = { value: undefined, where: { column: first.name, value: null }, problems: [] };
  const raw = (c: Column) => fields[c.index] ?? '';
  const isNoAnswer = (c: Column, cell: string) => {
    const n = parseNumber(cell);
    return n !== null && c.variable.missing.some((m) => m.value === n && m.kind !== 'not_applicable');
  };

  if (!a) {
    for (const c of columns) {
      const cell = raw(c);
      if (cell.trim() !== '' && !isNoAnswer(c, cell)) out.problems.push({ column: c.name, code: 'not_in_form', value: cell });
    }
    return out;
  }

  const s = first.variable.source;
  if (s.kind === 'option') {
    // Multiple choice: chosen options in option order (the item's own order decides).
    const chosen = new Set<string>();
    let answered = false;
    for (const c of columns) {
      const cell = raw(c).trim();
      if (cell === '' || isNoAnswer(c, cell)) continue;
      const n = parseNumber(cell);
      if (n === 1 || n === 0) {
        answered = true;
        if (n === 1 && c.variable.source.kind === 'option') chosen.add(c.variable.source.option);
      } else out.problems.push({ column: c.name, code: 'not_a_code', value: cell });
    }
    if (!answered || out.problems.length > 0) return out;
    const options = a.item.type === 'multi' ? a.item.options.map((o) => o.value) : [...chosen];
    const value = options.filter((o) => chosen.has(o));
    const firstChosen = columns.find((c) => c.variable.source.kind === 'option' && chosen.has(c.variable.source.option));
    out.value = value;
    out.where = { column: (firstChosen ?? first).name, value: value.join(', ') };
    return out;
  }
  if (s.kind !== 'item') return out;

  const cell = raw(first);
  if (s.answer === 'text') {
    if (cell.trim() !== '') {
      out.value = cell;
      out.where.value = cell;
    }
    return out;
  }
  const trimmed = cell.trim();
  if (trimmed === '' || isNoAnswer(first, trimmed)) return out;
  out.where.value = trimmed;
  const n = parseNumber(trimmed);
  if (n === null) {
    out.problems.push({ column: first.name, code: s.answer === 'number' ? 'not_a_number' : 'not_a_code', value: cell });
    return out;
  }
  const notApplicable = first.variable.missing.find((m) => m.kind === 'not_applicable')?.value;
  if (s.answer === 'single') {
    const option = Number.isInteger(n) ? first.variable.options?.[n - 1] : undefined;
    if (option === undefined) out.problems.push({ column: first.name, code: 'not_a_code', value: cell });
    else out.value = option;
  } else if (s.answer === 'likert') {
    out.value = n === notApplicable ? NOT_APPLICABLE : n;
  } else {
    out.value = n;
  }
  return out;
}
