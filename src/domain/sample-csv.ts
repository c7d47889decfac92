/**
 * The sample-description table (research-views.ts describeSample) as a CSV file: UTF-8 with a byte-order
 * mark (so spreadsheet programs read the letters right), comma-separated (RFC 4180 quoting), one column
 * per figure, headers in the viewer's language, and plain numbers — decimal point, no thousands
 * separator, means and quantiles to 2 decimals, shares as per cent to 1 decimal — so that R, SPSS, Stata
 * and spreadsheets read them as numbers whatever their locale. The web shows the same table in the
 * viewer's locale (decimal comma in nb and nn).
 */
import type { Language, LocalizedText } from '../contracts/instrument.js';
import { csvLine, type Cell } from './codebook.js';
import type { BackgroundVariable, NumericSummary, SampleRow } from './research-views.js';

export const SAMPLE_CSV_TEXTS: Record<Language, Record<'row' | 'municipality' | 'group' | 'total' | 'notStated' | 'answered' | 'mean' | 'min' | 'max' | 'median' | 'p25' | 'p75', string>> = {
  nb: { row: 'rad', municipality: 'kommune', group: 'gruppe', total: 'Totalt', notStated: 'Ikke oppgitt', answered: 'n svar', mean: 'gjennomsnitt', min: 'min', max: 'maks', median: 'median', p25: 'P25', p75: 'P75' },
  nn: { row: 'rad', municipality: 'kommune', group: 'gruppe', total: 'Totalt', notStated: 'Ikkje oppgitt', answered: 'n svar', mean: 'gjennomsnitt', min: 'min', max: 'maks', median: 'median', p25: 'P25', p75: 'P75' },
  en: { row: 'row', municipality: 'municipality', group: 'group', total: 'Total', notStated: 'Not stated', answered: 'n answered', mean: 'mean', min: 'min', max: 'max', median: 'median', p25: 'P25', p75: 'P75' },
};

const round = (x: number | null, digits: number): Cell => (x === null ? null : Number(x.toFixed(digits)));

export function sampleDescriptionCsv(
  variables: readonly BackgroundVariable[],
  rows: readonly SampleRow[],
  numeric: NumericSummary,
  language: Language,
  municipalityName: (id: string) => string,
): string {
  const t = SAMPLE_CSV_TEXTS[language];
  const text = (l: LocalizedText) => l[language];
  const [center, low, high] = numeric === 'mean_range' ? [t.mean, t.min, t.max] : [t.median, t.p25, t.p75];
  const header: Cell[] = [t.row, t.municipality, t.group, 'n'];
  for (const v of variables) {
    if (v.kind === 'numeric') header.push(...[center, low, high, t.answered].map((s) => `${text(v.text)} – ${s}`));
    else for (const o of v.options) header.push(`${text(v.text)}: ${text(o.label)} – n`, `${text(v.text)}: ${text(o.label)} – %`);
  }
  let out = `\uFEFF${csvLine(header)}`;
  for (const row of rows) {
    const municipality = row.kind === 'total' ? t.total : row.municipalityId ? municipalityName(row.municipalityId) : '';
    const group = row.kind === 'group' ? (row.label ? text(row.label) : t.notStated) : '';
    const cells: Cell[] = [row.kind, municipality, group, row.n];
    for (const cell of row.cells) {
      if (cell.kind === 'numeric') cells.push(round(cell.center, 2), round(cell.low, 2), round(cell.high, 2), cell.n);
      else for (const c of cell.counts) cells.push(c.n, c.share === null ? null : round(100 * c.share, 1));
    }
    out += csvLine(cells);
  }
  return out;
}
