/**
 * Municipality attributes for breakdowns like those in national surveys (issue 6): size class from the
 * population (under 5,000 / 5,000–19,999 / 20,000 and over), county (fylke), the network region the
 * municipality belongs to, and SSB's centrality class (1 most central … 6 least central).
 *
 * Also the reader of SSB-style CSV files (StatBank exports and hand-made sheets: semicolon, comma or tab;
 * UTF-8, UTF-16 with a byte-order mark, or Windows-1252 as StatBank's "Latin-1" exports) and the plan of an
 * import: which stored municipality each row changes, matched by its SSB code or by an earlier code.
 * Pure: bytes in, values and problems with codes out (the caller translates the codes).
 */

// ---- the attributes

export const SIZE_CLASSES = ['under_5000', '5000_19999', '20000_plus'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** The size class of a population; null when the population is not known. */
export function sizeClass(population: number | null | undefined): SizeClass | null {
  if (population === null || population === undefined || !Number.isFinite(population) || population < 0) return null;
  if (population < 5000) return 'under_5000';
  if (population < 20000) return '5000_19999';
  return '20000_plus';
}

/** SSB's centrality classes (KLASS 128): 1 the most central municipalities, 6 the least central. */
export const CENTRALITY_CLASSES = [1, 2, 3, 4, 5, 6] as const;
export type CentralityClass = (typeof CENTRALITY_CLASSES)[number];

export function isCentralityClass(value: unknown): value is CentralityClass {
  return typeof value === 'number' && (CENTRALITY_CLASSES as readonly number[]).includes(value);
}

/** The counties (fylker) from 1 January 2024, by number: the first two digits of their municipalities' numbers. */
export const COUNTIES: Readonly<Record<string, string>> = {
  '03': 'Oslo',
  '11': 'Rogaland',
  '15': 'Møre og Romsdal',
  '18': 'Nordland',
  '31': 'Østfold',
  '32': 'Akershus',
  '33': 'Buskerud',
  '34': 'Innlandet',
  '39': 'Vestfold',
  '40': 'Telemark',
  '42': 'Agder',
  '46': 'Vestland',
  '50': 'Trøndelag',
  '55': 'Troms',
  '56': 'Finnmark',
};

/** The largest population we accept (Oslo has about 720,000). */
export const MAX_POPULATION = 2_000_000;

export interface MunicipalityAttributes {
  population: number | null;
  /** The year the population was counted (SSB: as of 1 January). */
  populationYear: number | null;
  /** Two digits, e.g. "33". */
  countyCode: string | null;
  countyName: string | null;
  centrality: CentralityClass | null;
}

export const ATTRIBUTE_FIELDS = ['population', 'populationYear', 'countyCode', 'countyName', 'centrality'] as const;
export type AttributeField = (typeof ATTRIBUTE_FIELDS)[number];

export const EMPTY_ATTRIBUTES: Readonly<MunicipalityAttributes> = Object.freeze({
  population: null,
  populationYear: null,
  countyCode: null,
  countyName: null,
  centrality: null,
});

export type AttributeProblemCode =
  | 'invalid_population'
  | 'invalid_year'
  | 'invalid_county_code'
  | 'invalid_centrality'
  | 'year_without_population'
  | 'county_name_without_code';

export interface AttributeProblem {
  field: AttributeField;
  code: AttributeProblemCode;
}

/** The rules a stored set of attributes keeps (the database has the same CHECKs). */
export function validateAttributes(a: MunicipalityAttributes): AttributeProblem[] {
  const problems: AttributeProblem[] = [];
  if (a.population !== null && !(Number.isInteger(a.population) && a.population >= 0 && a.population <= MAX_POPULATION)) {
    problems.push({ field: 'population', code: 'invalid_population' });
  }
  if (a.populationYear !== null && !(Number.isInteger(a.populationYear) && a.populationYear >= 1900 && a.populationYear <= 2100)) {
    problems.push({ field: 'populationYear', code: 'invalid_year' });
  }
  if (a.populationYear !== null && a.population === null) problems.push({ field: 'populationYear', code: 'year_without_population' });
  if (a.countyCode !== null && !/^\d{2}$/.test(a.countyCode)) problems.push({ field: 'countyCode', code: 'invalid_county_code' });
  if (a.countyName !== null && a.countyCode === null) problems.push({ field: 'countyName', code: 'county_name_without_code' });
  if (a.centrality !== null && !isCentralityClass(a.centrality)) problems.push({ field: 'centrality', code: 'invalid_centrality' });
  return problems;
}

/** Fills a missing county name from the county number, and trims the name. */
export function withCountyName(a: MunicipalityAttributes): MunicipalityAttributes {
  const name = a.countyName?.trim() || null;
  return { ...a, countyName: name ?? (a.countyCode !== null ? (COUNTIES[a.countyCode] ?? null) : null) };
}

/** The attributes that differ between two sets. */
export function changedFields(before: MunicipalityAttributes, after: MunicipalityAttributes): AttributeField[] {
  return ATTRIBUTE_FIELDS.filter((f) => before[f] !== after[f]);
}

// ---- breakdowns

export const BREAKDOWN_DIMENSIONS = ['size_class', 'county', 'region', 'centrality'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** What a breakdown needs to know of one municipality. */
export interface BreakdownMunicipality {
  id: string;
  population: number | null;
  countyCode: string | null;
  centrality: number | null;
  /** The network region it currently belongs to (region_membership), if any. */
  regionId: string | null;
}

/**
 * Per dimension: municipality id → the key of its group. Keys: size_class a SizeClass; county the
 * county number ("33"); region the region id; centrality "1" … "6". A municipality whose attribute is
 * not known is left out of that dimension (it belongs to no group there).
 */
export type BreakdownGroupings = Record<BreakdownDimension, Record<string, string>>;

export function breakdownGroupings(municipalities: readonly BreakdownMunicipality[]): BreakdownGroupings {
  const out: BreakdownGroupings = { size_class: {}, county: {}, region: {}, centrality: {} };
  for (const m of municipalities) {
    const size = sizeClass(m.population);
    if (size) out.size_class[m.id] = size;
    if (m.countyCode) out.county[m.id] = m.countyCode;
    if (m.regionId) out.region[m.id] = m.regionId;
    if (isCentralityClass(m.centrality)) out.centrality[m.id] = String(m.centrality);
  }
  return out;
}

/**
 * One dimension's groups with their municipalities (ids sorted), in a stable order: size classes
 * small to large, centrality 1 to 6, counties and regions by key.
 */
export function groupsOf(groupings: BreakdownGroupings, dimension: BreakdownDimension): { group: string; municipalityIds: string[] }[] {
  const members = new Map<string, string[]>();
  for (const [id, group] of Object.entries(groupings[dimension])) {
    const list = members.get(group) ?? [];
    list.push(id);
    members.set(group, list);
  }
  const rank = (group: string) => (dimension === 'size_class' ? SIZE_CLASSES.indexOf(group as SizeClass) : dimension === 'centrality' ? Number(group) : 0);
  return [...members.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, ids]) => ({ group, municipalityIds: ids.sort() }));
}

/**
 * How a release of these municipalities is split by their attributes: a dimension whose municipalities fall
 * in two or more groups (`none` standing for an unknown attribute) is a grouping of the release; one where
 * they all share a group is not (that group's figures are the release's totals) and is recorded in `same`.
 */
export interface AttributeSplit {
  groupings: { id: BreakdownDimension; groups: string[]; of: Readonly<Record<string, string>> }[];
  same: Partial<Record<BreakdownDimension, string>>;
}

export function splitByAttributes(municipalities: readonly BreakdownMunicipality[], none: string): AttributeSplit {
  const known = breakdownGroupings(municipalities);
  const out: AttributeSplit = { groupings: [], same: {} };
  if (municipalities.length === 0) return out;
  for (const dimension of BREAKDOWN_DIMENSIONS) {
    const of: Record<string, string> = {};
    for (const m of municipalities) of[m.id] = known[dimension][m.id] ?? none;
    const groups = new Set(Object.values(of));
    if (groups.size === 1) out.same[dimension] = [...groups][0]!;
    else out.groupings.push({ id: dimension, groups: groupsOf(known, dimension).map((g) => g.group), of });
  }
  return out;
}

// ---- reading an SSB-style CSV file

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type CsvDelimiter = ';' | ',' | '\t';

/**
 * The file's text. A byte-order mark decides; otherwise UTF-8 when the bytes are valid UTF-8, else
 * Windows-1252 (what StatBank calls "Latin-1": ISO-8859-1 with the printable 0x80–0x9F of Windows).
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    // ignoreBOM: false drops a UTF-8 byte-order mark.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

export interface CsvRow {
  /** The file's line number (from 1) where the row starts. */
  line: number;
  cells: string[];
}

/** RFC 4180 rows: quoted cells may hold the delimiter, line breaks and doubled quotes; CRLF, LF or CR. */
export function splitCsv(text: string, delimiter: CsvDelimiter): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

/** What a column of the file is read as. `county` is one column with both, e.g. "33 Buskerud". */
export type ColumnKind = 'ssbCode' | 'name' | 'population' | 'year' | 'countyCode' | 'countyName' | 'county' | 'centrality';

/** Header names in Norwegian (bokmål and nynorsk) and English, after normalizeHeader(); the first match wins. */
const HEADER_PATTERNS: [ColumnKind, RegExp][] = [
  ['countyCode', /^(fylkes? ?(nummer|nr|kode)|county ?(number|code|no))$/],
  ['countyName', /^(fylkes? ?(navn|namn)|county ?name)$/],
  ['county', /^(fylke|county)$/],
  ['name', /^((kommune|municipality) ?)?(navn|namn|name)$/],
  ['ssbCode', /^(kommune ?(nummer|nr|kode)?|knr|region ?(kode|code)?|municipality ?(number|code|no)?|kode|code)$/],
  ['year', /^(år|aar|year|årstal|årstall)$/],
  ['centrality', /(sentralitet|centrality)/],
  ['population', /(folkemengd|befolkning|population|innbygg|folketal|personer|persons|inhabitants)/],
];

/** Lower case, NFC, separators as single spaces, without a StatBank table number ("07459: Befolkning" → "befolkning"). */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFC')
    .toLowerCase()
    .replace(/^\s*\d{5}\s*:\s*/, '')
    .replace(/[\s_\-.:/]+/g, ' ')
    .trim();
}

export function columnKindOf(header: string): ColumnKind | null {
  const h = normalizeHeader(header);
  if (!h) return null;
  for (const [kind, pattern] of HEADER_PATTERNS) if (pattern.test(h)) return kind;
  return null;
}

/** A year written in a header, e.g. "Folkemengde 1. januar 2025" → 2025 (the last one). */
function yearInHeader(header: string): number | null {
  const years = header.match(/\b(19|20)\d{2}\b/g);
  return years ? Number(years[years.length - 1]) : null;
}

export type CsvProblemCode =
  | 'file_empty'
  | 'header_not_found'
  | 'no_attribute_columns'
  | 'duplicate_column'
  | 'invalid_municipality_code'
  | 'invalid_population'
  | 'invalid_year'
  | 'invalid_county_code'
  | 'county_code_mismatch'
  | 'invalid_centrality'
  | 'duplicate_municipality'
  | 'unknown_municipality'
  | 'municipality_in_several_rows';

export interface CsvProblem {
  /** The file's line; null for the whole file. */
  line: number | null;
  /** The column's header as written in the file; null for the whole row or file. */
  column: string | null;
  code: CsvProblemCode;
  /** The cell as written (trimmed), when it is the problem. */
  value?: string;
}

export interface AttributeRow {
  line: number;
  /** The municipality number as read from the file (four digits). */
  ssbCode: string;
  /** The name in the file, if it has one. */
  name: string | null;
  /**
   * The attributes the row gives. One it does not give — no such column, an empty cell, or StatBank's
   * symbols for a missing figure ("..", ".", ":", "-") — is left as it is.
   */
  values: Partial<MunicipalityAttributes>;
}

export interface AttributesCsv {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /** Which of the file's columns was read as what (the header as written). */
  columns: Partial<Record<ColumnKind, string>>;
  /** The line of the header row; null when none was found. */
  headerLine: number | null;
  rows: AttributeRow[];
  /** Rows that are not municipalities: StatBank's totals for the whole country ("0 Hele landet") and counties ("33 Buskerud"). */
  skippedLines: number[];
  problems: CsvProblem[];
}

/** StatBank's symbols for a figure that is missing, not yet known, cannot occur or is confidential. */
const MISSING = new Set(['', '.', '..', '...', '…', ':', '-', '—', '–']);

const INTEGER = /^\d{1,3}(?:[ \u00a0\u202f]\d{3})+$|^\d+$/;

function parseInteger(cell: string): number | null {
  const s = cell.trim();
  if (!INTEGER.test(s)) return null;
  return Number(s.replace(/[ \u00a0\u202f]/g, ''));
}

/** "3324 Gol", "K-3324 Gol", "3324", "301" (a leading zero lost in a spreadsheet) → code and name; 1–2 digits: a total. */
function parseRegionCell(cell: string): { kind: 'municipality'; code: string; name: string | null } | { kind: 'total' } | { kind: 'invalid' } {
  const m = /^(?:K-)?(\d{1,4})(?:\s+(.*))?$/i.exec(cell.trim());
  if (!m) return { kind: 'invalid' };
  const digits = m[1]!;
  if (digits.length <= 2) return { kind: 'total' };
  const name = (m[2] ?? '').replace(/\s*\(\s*\d{4}\s*[-–]\s*\d{0,4}\s*\)\s*$/, '').trim();
  return { kind: 'municipality', code: digits.padStart(4, '0'), name: name || null };
}

/** "5", "5 - Mindre sentrale kommunar", "Sentralitet 5" → 5. */
function parseCentrality(cell: string): CentralityClass | null {
  const s = cell.trim();
  const m = /^(?:(?:sentralitet(?:sklasse)?|centrality(?: class)?)\s*)?([1-6])(?:\s*(?:[-–:.]\s*.*|\s.*)?)?$/i.exec(s);
  return m ? (Number(m[1]) as CentralityClass) : null;
}

const countyByName = new Map(Object.entries(COUNTIES).map(([code, name]) => [name.toLowerCase(), code]));

interface Header {
  row: CsvRow;
  /** Column index → kind, for the columns that are read. */
  kinds: Map<number, ColumnKind>;
  /** The population column chosen and the year in its header. */
  populationYear: number | null;
  problems: CsvProblem[];
}

/** The first row that names a municipality column, with its columns mapped. */
function findHeader(rows: CsvRow[]): Header | null {
  for (const row of rows) {
    const found = row.cells.map((c, i) => ({ i, header: c.trim(), kind: columnKindOf(c) }));
    if (!found.some((f) => f.kind === 'ssbCode')) continue;
    // "kommune" beside "kommunenummer": the plain one holds the names.
    const codes = found.filter((f) => f.kind === 'ssbCode');
    const explicit = codes.filter((f) => /(nummer|nr|kode|number|code|no|knr)$/.test(normalizeHeader(f.header)));
    if (codes.length === 2 && explicit.length === 1 && !found.some((f) => f.kind === 'name')) {
      codes.find((f) => f !== explicit[0])!.kind = 'name';
    }
    if (row.cells.filter((c) => c.trim()).length < 2) continue;
    const kinds = new Map<number, ColumnKind>();
    const problems: CsvProblem[] = [];
    let populationYear: number | null = null;
    const populations = found.filter((f) => f.kind === 'population');
    if (populations.length > 1 && populations.every((p) => yearInHeader(p.header) !== null)) {
      // A wide StatBank table, one column per year: the latest year counts.
      const latest = populations.reduce((a, b) => (yearInHeader(b.header)! > yearInHeader(a.header)! ? b : a));
      kinds.set(latest.i, 'population');
      populationYear = yearInHeader(latest.header);
    } else if (populations.length === 1) {
      kinds.set(populations[0]!.i, 'population');
      populationYear = yearInHeader(populations[0]!.header);
    }
    for (const f of found) {
      if (!f.kind || f.kind === 'population') continue;
      if ([...kinds.values()].includes(f.kind)) {
        problems.push({ line: row.line, column: f.header, code: 'duplicate_column' });
        continue;
      }
      kinds.set(f.i, f.kind);
    }
    if (populations.length > 1 && populationYear === null) {
      for (const p of populations.slice(1)) problems.push({ line: row.line, column: p.header, code: 'duplicate_column' });
      kinds.set(populations[0]!.i, 'population');
    }
    return { row, kinds, populationYear, problems };
  }
  return null;
}

function headerScore(h: Header | null): number {
  return h ? h.kinds.size * 10 + h.row.cells.length : -1;
}

/** Reads an SSB-style CSV file of municipality attributes: every problem found, by line and column, with a code. */
export function parseAttributesCsv(input: Uint8Array | string): AttributesCsv {
  const { text, encoding } = typeof input === 'string' ? { text: input.replace(/^\ufeff/, ''), encoding: 'utf-8' as const } : decodeCsv(input);
  const empty = (delimiter: CsvDelimiter, problem: CsvProblem): AttributesCsv => ({
    encoding,
    delimiter,
    columns: {},
    headerLine: null,
    rows: [],
    skippedLines: [],
    problems: [problem],
  });
  if (text.trim() === '') return empty(';', { line: null, column: null, code: 'file_empty' });

  // The delimiter whose header reads the most columns.
  let best: { delimiter: CsvDelimiter; rows: CsvRow[]; header: Header | null } | null = null;
  for (const delimiter of [';', '\t', ','] as const) {
    const rows = splitCsv(text, delimiter);
    const header = findHeader(rows);
    if (!best || headerScore(header) > headerScore(best.header)) best = { delimiter, rows, header };
  }
  const { delimiter, rows, header } = best!;
  if (!header) return empty(delimiter, { line: null, column: null, code: 'header_not_found' });

  const columns: Partial<Record<ColumnKind, string>> = {};
  const at: Partial<Record<ColumnKind, number>> = {};
  for (const [i, kind] of header.kinds) {
    columns[kind] = header.row.cells[i]!.trim();
    at[kind] = i;
  }
  const problems: CsvProblem[] = [...header.problems];
  const hasCounty = at.county !== undefined || at.countyCode !== undefined || at.countyName !== undefined;
  if (at.population === undefined && at.centrality === undefined && !hasCounty) {
    problems.push({ line: header.row.line, column: null, code: 'no_attribute_columns' });
  }

  const out: AttributeRow[] = [];
  const skippedLines: number[] = [];
  const seen = new Map<string, { index: number; year: number | null }>();
  for (const row of rows) {
    if (row.line <= header.row.line) continue;
    const cell = (kind: ColumnKind) => (at[kind] === undefined ? '' : (row.cells[at[kind]!] ?? '').trim());
    if (row.cells.every((c) => c.trim() === '')) continue;
    const problem = (kind: ColumnKind | null, code: CsvProblemCode, value?: string) =>
      problems.push({ line: row.line, column: kind ? (columns[kind] ?? null) : null, code, ...(value !== undefined ? { value } : {}) });

    const region = parseRegionCell(cell('ssbCode'));
    const attributeCells = (['population', 'county', 'countyCode', 'countyName', 'centrality'] as const).filter((k) => at[k] !== undefined && !MISSING.has(cell(k)));
    // Totals of a StatBank table, and notes under it ("Kilde: SSB") that give no figures.
    if (region.kind === 'total' || (region.kind === 'invalid' && attributeCells.length === 0)) {
      skippedLines.push(row.line);
      continue;
    }
    if (region.kind === 'invalid') {
      problem('ssbCode', 'invalid_municipality_code', cell('ssbCode'));
      continue;
    }
    const values: Partial<MunicipalityAttributes> = {};
    let ok = true;

    const population = cell('population');
    let year: number | null = header.populationYear;
    if (at.year !== undefined && !MISSING.has(cell('year'))) {
      const y = parseInteger(cell('year'));
      if (y === null || y < 1900 || y > 2100) {
        problem('year', 'invalid_year', cell('year'));
        ok = false;
      } else year = y;
    }
    if (!MISSING.has(population)) {
      const n = parseInteger(population);
      if (n === null || n > MAX_POPULATION) {
        problem('population', 'invalid_population', population);
        ok = false;
      } else {
        values.population = n;
        values.populationYear = year;
      }
    }

    const prefix = region.code.slice(0, 2);
    let countyCode: string | null = null;
    let countyName: string | null = null;
    if (at.county !== undefined && !MISSING.has(cell('county'))) {
      const m = /^(\d{1,2})(?:\s+(.+))?$/.exec(cell('county'));
      if (m) {
        countyCode = m[1]!.padStart(2, '0');
        countyName = m[2]?.trim() ?? null;
      } else {
        countyName = cell('county');
        countyCode = countyByName.get(countyName.toLowerCase()) ?? (COUNTIES[prefix] ? prefix : null);
      }
    }
    if (at.countyCode !== undefined && !MISSING.has(cell('countyCode'))) {
      const c = cell('countyCode');
      if (/^\d{1,2}$/.test(c)) countyCode = c.padStart(2, '0');
      else {
        problem('countyCode', 'invalid_county_code', c);
        ok = false;
      }
    }
    if (at.countyName !== undefined && !MISSING.has(cell('countyName'))) {
      countyName = cell('countyName');
      countyCode ??= countyByName.get(countyName.toLowerCase()) ?? (COUNTIES[prefix] ? prefix : null);
    }
    if (!hasCounty && COUNTIES[prefix]) {
      // A municipality's number begins with its county's.
      countyCode = prefix;
      countyName = COUNTIES[prefix];
    }
    if (countyCode !== null) {
      if (countyCode !== prefix) {
        problem(at.countyCode !== undefined ? 'countyCode' : at.county !== undefined ? 'county' : 'countyName', 'county_code_mismatch', countyCode);
        ok = false;
      } else {
        values.countyCode = countyCode;
        values.countyName = countyName ?? COUNTIES[countyCode] ?? null;
      }
    }

    if (at.centrality !== undefined && !MISSING.has(cell('centrality'))) {
      const c = parseCentrality(cell('centrality'));
      if (c === null) {
        problem('centrality', 'invalid_centrality', cell('centrality'));
        ok = false;
      } else values.centrality = c;
    }
    if (!ok) continue;

    const parsed: AttributeRow = { line: row.line, ssbCode: region.code, name: region.name ?? (cell('name') || null), values };
    const earlier = seen.get(region.code);
    if (earlier) {
      // Long StatBank tables have a row per year: the latest year counts; otherwise a code twice is a mistake.
      const thisYear = at.year !== undefined ? year : null;
      if (earlier.year !== null && thisYear !== null && earlier.year !== thisYear) {
        if (thisYear > earlier.year) {
          out[earlier.index] = parsed;
          seen.set(region.code, { index: earlier.index, year: thisYear });
        }
        continue;
      }
      problem('ssbCode', 'duplicate_municipality', region.code);
      continue;
    }
    seen.set(region.code, { index: out.length, year: at.year !== undefined ? year : null });
    out.push(parsed);
  }
  return { encoding, delimiter, columns, headerLine: header.row.line, rows: out, skippedLines, problems };
}

// ---- planning an import

export interface StoredMunicipality {
  id: string;
  ssbCode: string;
  name: string;
  attributes: MunicipalityAttributes;
}

/** A row of municipality_code_history: the codes a municipality has had. */
export interface CodeHistoryEntry {
  municipalityId: string;
  ssbCode: string;
  /** 'YYYY-MM-DD'; null for the code in use. */
  validTo: string | null;
}

export type MatchedBy = 'current_code' | 'earlier_code';

export interface AttributeChange {
  line: number;
  municipalityId: string;
  /** The municipality's code now. */
  ssbCode: string;
  /** The code in the file (an earlier one when matchedBy is 'earlier_code'). */
  fileCode: string;
  name: string;
  matchedBy: MatchedBy;
  before: MunicipalityAttributes;
  after: MunicipalityAttributes;
  changed: AttributeField[];
}

export interface AttributeImportPlan {
  /** The municipalities whose attributes would change, in file order. */
  changes: AttributeChange[];
  /** Rows that match a municipality whose attributes are already so. */
  unchanged: number;
  /** The file's problems and the plan's (unknown codes, one municipality in several rows), by line. Apply only when empty. */
  problems: CsvProblem[];
}

/**
 * What importing a read file would change: each row matched to a stored municipality by its current SSB
 * code, else by an earlier code (municipality_code_history; the latest holder of the code). A row with
 * nothing to say is passed over.
 */
export function planAttributeImport(
  csv: AttributesCsv,
  municipalities: readonly StoredMunicipality[],
  history: readonly CodeHistoryEntry[],
): AttributeImportPlan {
  const byCode = new Map(municipalities.map((m) => [m.ssbCode, m]));
  const byId = new Map(municipalities.map((m) => [m.id, m]));
  const latest = new Map<string, CodeHistoryEntry>();
  for (const h of history) {
    const known = latest.get(h.ssbCode);
    const later = !known || (known.validTo !== null && (h.validTo === null || h.validTo > known.validTo));
    if (later) latest.set(h.ssbCode, h);
  }
  const problems: CsvProblem[] = [...csv.problems];
  const changes: AttributeChange[] = [];
  const usedBy = new Map<string, number>();
  let unchanged = 0;
  for (const row of csv.rows) {
    if (Object.keys(row.values).length === 0) continue;
    let municipality = byCode.get(row.ssbCode);
    let matchedBy: MatchedBy = 'current_code';
    if (!municipality) {
      const h = latest.get(row.ssbCode);
      municipality = h ? byId.get(h.municipalityId) : undefined;
      matchedBy = 'earlier_code';
    }
    if (!municipality) {
      problems.push({ line: row.line, column: csv.columns.ssbCode ?? null, code: 'unknown_municipality', value: row.name ? `${row.ssbCode} ${row.name}` : row.ssbCode });
      continue;
    }
    if (usedBy.has(municipality.id)) {
      problems.push({ line: row.line, column: csv.columns.ssbCode ?? null, code: 'municipality_in_several_rows', value: `${row.ssbCode} → ${municipality.ssbCode} ${municipality.name}` });
      continue;
    }
    usedBy.set(municipality.id, row.line);
    const before = municipality.attributes;
    const after = withCountyName({ ...before, ...row.values });
    // A new population without a year must not keep the old population's year.
    if (row.values.population !== undefined && row.values.populationYear === undefined) after.populationYear = null;
    const changed = changedFields(before, after);
    if (changed.length === 0) {
      unchanged++;
      continue;
    }
    changes.push({ line: row.line, municipalityId: municipality.id, ssbCode: municipality.ssbCode, fileCode: row.ssbCode, name: municipality.name, matchedBy, before, after, changed });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { changes, unchanged, problems };
}
