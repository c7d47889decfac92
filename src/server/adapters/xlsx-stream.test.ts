import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, XlsxWriter, xmlText, type XlsxCell } from './xlsx-stream.js';

/** Writes a workbook and reads it back with exceljs; also returns how many chunks left the writer before it ended. */
async function roundTrip(sheets: { name: string; rows: XlsxCell[][] }[]) {
  const chunks: Uint8Array[] = [];
  let final = false;
  const writer = new XlsxWriter(sheets.map((s) => s.name), (chunk, last) => {
    chunks.push(chunk);
    final = last;
  });
  for (const sheet of sheets) {
    writer.startSheet(Math.max(...sheet.rows.map((r) => r.length)));
    for (const row of sheet.rows) writer.row(row);
    writer.endSheet();
  }
  const chunksBeforeEnd = chunks.length;
  writer.end();
  expect(final).toBe(true);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return { workbook, chunksBeforeEnd };
}

describe('XlsxWriter', () => {
  it('names columns like a spreadsheet', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('escapes text and drops characters XML forbids', () => {
    expect(xmlText('a < b & c > d\u0001')).toBe('a &lt; b &amp; c &gt; d');
  });

  it('writes sheets that exceljs reads back: numbers, text, empty cells, spaces kept', async () => {
    const { workbook } = await roundTrip([
      { name: 'data', rows: [['name', 'value', 'note'], ['æøå <x> & "y"', 3.25, null], [' leading', -9, 'line']] },
      { name: 'vars & more', rows: [['only one']] },
    ]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['data', 'vars & more']);
    const data = workbook.getWorksheet('data')!;
    expect(data.getRow(2).values).toEqual([undefined, 'æøå <x> & "y"', 3.25]);
    expect(data.getRow(3).values).toEqual([undefined, ' leading', -9, 'line']);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('streams: a large sheet leaves the writer in many chunks before the file ends', async () => {
    const rows: XlsxCell[][] = [['a', 'b', 'c']];
    for (let i = 0; i < 20_000; i++) rows.push([`row ${i}`, i, i % 7 === 0 ? null : i / 3]);
    const { workbook, chunksBeforeEnd } = await roundTrip([{ name: 'data', rows }]);
    expect(chunksBeforeEnd).toBeGreaterThan(5);
    const sheet = workbook.getWorksheet('data')!;
    expect(sheet.rowCount).toBe(20_001);
    expect(sheet.getRow(20_000).values).toEqual([undefined, 'row 19998', 19998, 19998 / 3]);
    expect(sheet.getRow(20_001).values).toEqual([undefined, 'row 19999', 19999]); // 19999 = 7 × 2857: empty
  });

  it('refuses rows outside a sheet and an end before every declared sheet', () => {
    const writer = new XlsxWriter(['a', 'b'], () => undefined);
    expect(() => writer.row([1])).toThrow(/start a sheet/);
    writer.startSheet(1);
    writer.endSheet();
    expect(() => writer.end()).toThrow(/every declared sheet/);
  });
});
