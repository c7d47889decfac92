/**
 * A minimal XLSX (SpreadsheetML) writer that streams: each sheet's rows are deflated into the workbook's
 * ZIP (fflate, synchronously) as they are written, and handed to `sink` at once, so no sheet is ever held
 * in memory. Numbers are numbers, text is inline strings, an empty cell is left out; the header row is
 * frozen. Why not exceljs's stream.xlsx.WorkbookWriter: in exceljs 4.4 it keeps a sheet's rows in
 * memory until the workbook is committed unless the event loop gets many turns between rows (exceljs
 * issues #1894 and #2916): 200,000 rows held about 850 MB. The tests read these files back with exceljs.
 */
import { Zip, ZipDeflate } from 'fflate';

export type XlsxCell = number | string | null;

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Flush a sheet's XML to the deflater in pieces of about this many characters. */
const PIECE = 1 << 16;

/** Text for an XML text node: & < > escaped, characters XML 1.0 forbids dropped. */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}
const attr = (text: string) => xmlText(text).replace(/"/g, '&quot;');

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function cellXml(ref: string, cell: XlsxCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? `<c r="${ref}"><v>${cell}</v></c>` : '';
  const space = /^\s|\s$/.test(cell) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${xmlText(cell)}</t></is></c>`;
}

export class XlsxWriter {
  private readonly zip: Zip;
  private sheet: { file: ZipDeflate; rows: number; columns: string[]; buffer: string } | null = null;
  private next = 0;

  /**
   * @param sheetNames the sheets, in order; each is written with startSheet() … endSheet() in this order.
   * @param sink receives the XLSX file's bytes as they are made (`final` on the last chunk).
   */
  constructor(
    private readonly sheetNames: readonly string[],
    sink: (chunk: Uint8Array, final: boolean) => void,
    private readonly mtime = new Date(),
  ) {
    this.zip = new Zip((error, chunk, final) => {
      if (error) throw error;
      sink(chunk, final);
    });
    const sheets = sheetNames.map((_, i) => i + 1);
    this.file('[Content_Types].xml', `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      sheets.map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '</Types>');
    this.file('_rels/.rels', `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    this.file('xl/workbook.xml', `${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>` +
      sheetNames.map((name, i) => `<sheet name="${attr(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>');
    this.file('xl/_rels/workbook.xml.rels', `${XML}<Relationships xmlns="${PKG}">` +
      sheets.map((n) => `<Relationship Id="rId${n}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`);
    // The smallest style sheet spreadsheet programs accept: one font, the two required fills, one border.
    this.file('xl/styles.xml', `${XML}<styleSheet xmlns="${NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>');
  }

  /** Starts the next sheet; its first row is frozen as the header. */
  startSheet(columns: number): void {
    if (this.sheet) throw new Error('end the current sheet first');
    if (this.next >= this.sheetNames.length) throw new Error('no more sheets were declared');
    const file = new ZipDeflate(`xl/worksheets/sheet${++this.next}.xml`, { level: 6 });
    file.mtime = this.mtime;
    this.zip.add(file);
    this.sheet = {
      file,
      rows: 0,
      columns: Array.from({ length: columns }, (_, i) => columnName(i)),
      buffer:
        `${XML}<worksheet xmlns="${NS}"><sheetViews><sheetView workbookViewId="0">` +
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>',
    };
  }

  row(cells: readonly XlsxCell[]): void {
    const sheet = this.sheet;
    if (!sheet) throw new Error('start a sheet first');
    const r = ++sheet.rows;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) xml += cellXml(`${sheet.columns[i] ?? columnName(i)}${r}`, cells[i]!);
    sheet.buffer += `${xml}</row>`;
    if (sheet.buffer.length >= PIECE) this.flush(false);
  }

  endSheet(): void {
    if (!this.sheet) throw new Error('no sheet to end');
    this.sheet.buffer += '</sheetData></worksheet>';
    this.flush(true);
    this.sheet = null;
  }

  /** Ends the file (every declared sheet must have been written). */
  end(): void {
    if (this.sheet || this.next !== this.sheetNames.length) throw new Error('write every declared sheet before ending');
    this.zip.end();
  }

  private flush(final: boolean): void {
    const sheet = this.sheet!;
    sheet.file.push(Buffer.from(sheet.buffer, 'utf8'), final);
    sheet.buffer = '';
  }

  private file(name: string, content: string): void {
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = this.mtime;
    this.zip.add(file);
    file.push(Buffer.from(content, 'utf8'), true);
  }
}
