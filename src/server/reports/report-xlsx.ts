/**
 * The results report as an XLSX workbook: the PDF's tables as numbers, a "Method" sheet first (the title
 * facts, the method note and the table of marks), then one sheet per part. Counts that carry a share get a
 * percentage column beside them, shares their n; a withheld figure is its mark with its reason code in
 * brackets ("<5 (below_k)"), never an empty cell or 0. Written with the repo's own XLSX writer
 * (adapters/xlsx-stream.ts), so there is no runtime dependency for it.
 */
import { type XlsxCell, XlsxWriter } from '../adapters/xlsx-stream.js';
import type { Cell, Column, ReportModel, Table } from './report-model.js';

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

export function renderReportXlsx(model: ReportModel, now: Date): Buffer {
  const sheets = [model.methodSheet, ...model.parts.map((p) => p.sheet)].map(sheetName);
  const chunks: Uint8Array[] = [];
  const writer = new XlsxWriter(unique(sheets), (chunk) => chunks.push(chunk), now);

  // Method
  writer.startSheet(3);
  writer.row([`${model.title}: ${model.subject}`]);
  for (const [label, value] of model.facts) writer.row([label, value]);
  writer.row([]);
  for (const note of model.notes) writer.row([note]);
  writer.row([model.xlsxNote]);
  writer.row([]);
  writer.row([model.method.heading]);
  for (const p of model.method.paragraphs) writer.row([p]);
  writer.row([]);
  writer.row([model.method.marksHeading]);
  writer.row(model.method.marksColumns);
  for (const m of model.method.marks) writer.row([m.mark, m.explain, m.reason]);
  if (model.method.levels) {
    writer.row([]);
    writer.row([model.method.levels.heading]);
    writer.row([model.method.levels.intro]);
    for (const l of model.method.levels.items) writer.row([l.label, l.range, l.description]);
  }
  writer.endSheet();

  for (const part of model.parts) {
    const widest = Math.max(1, ...part.blocks.map((b) => (b.kind === 'table' ? expand(b.table.columns).length : 1)));
    writer.startSheet(widest);
    writer.row([part.title]);
    for (const block of part.blocks) {
      if (block.kind === 'heading') {
        writer.row([]);
        writer.row([block.text]);
      } else if (block.kind === 'paragraph') writer.row([block.text]);
      else writeTable(writer, block.table);
    }
    writer.endSheet();
  }
  writer.end();
  return Buffer.concat(chunks);
}

/** The columns a model column becomes: a count with shares gets a "%" column, a share its n. */
function expand(columns: Column[]): string[] {
  return columns.flatMap((c) => {
    const label = c.n ? `${c.label} (${c.n})` : c.label;
    return c.kind === 'share' ? [`${label} %`, `${label}: n`] : c.kind === 'count' && c.shares ? [label, `${label} %`] : [label];
  });
}

function writeTable(writer: XlsxWriter, table: Table): void {
  writer.row([]);
  writer.row([table.caption]);
  writer.row(expand(table.columns));
  for (const row of table.rows) {
    if (row.heading !== undefined) {
      writer.row([row.heading]);
      continue;
    }
    writer.row(row.cells.flatMap((cell, i) => cellValues(cell, table.columns[i]!)));
  }
  for (const note of table.notes) writer.row([note]);
}

function cellValues(cell: Cell, column: Column): XlsxCell[] {
  const width = column.kind === 'share' || (column.kind === 'count' && column.shares) ? 2 : 1;
  const pad = (values: XlsxCell[]) => [...values, ...Array.from({ length: width - values.length }, () => null)];
  switch (cell.kind) {
    case 'text':
      return pad([cell.text]);
    case 'count':
      return pad([cell.n, ...(width === 2 && cell.share !== undefined ? [round(cell.share * 100, 1)] : [])]);
    case 'share':
      return [round(cell.share * 100, 1), cell.n];
    case 'mean':
    case 'change':
      return pad([round(cell.value, 2)]);
    case 'withheld': {
      // Both columns of a pair say it: a withheld count has no share either.
      const text = `${cell.mark} (${cell.reason})`;
      return Array.from({ length: width }, () => text);
    }
    case 'none':
      return pad([cell.text]);
  }
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Sheet';
}

function unique(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n.toLowerCase()) ?? 0) + 1;
    seen.set(n.toLowerCase(), count);
    return count === 1 ? n : `${n.slice(0, 28)} ${count}`;
  });
}
