/**
 * The results report as a PDF (pdfmake 0.3 with its bundled Roboto, embedded as subsets, so the text can be
 * selected, searched and copied): a title page, the method note with every withheld mark explained, then
 * one part per page run. Means are drawn as bars with 95 % CI whiskers in the table rows themselves (pdfmake
 * canvas), beside their figures, so every bar has its number and n. The accessible version is the results
 * page; the PDF says so. No file or network access beyond the font files (pdfmake's access policies).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Block, Cell, ReportModel, Row, Table } from './report-model.js';

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
});
// Only the bundled fonts may be read, and nothing fetched: a document never names files or URLs of its own.
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));
pdfmake.setUrlAccessPolicy(() => false);

/** The web charts' colours (src/web/components/charts/palette.ts): Okabe–Ito, and the heat-map bins. */
const BLUE = '#0072B2';
const DARK_BLUE = '#0F417A';
const VERMILLION = '#D55E00';
const GRID = '#C8C8C8';
const MUTED = '#4D4D4D';
const HEAT = ['#EEF4FA', '#C4DAF0', '#8DB8E2', '#3F78BE', '#0F417A'] as const;
const TOTAL_FILL = '#F3F3F4';

const PAGE_WIDTH = 595.28;
const MARGIN = 48;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** The chart column of a means table: the canvas is this wide, the scale 0–100. */
const CHART_WIDTH = 150;

type Node = Record<string, unknown>;
type Content = Node | string;

export interface PdfOptions {
  /** Uncompressed content streams (tests read the text without a PDF library). */
  compress?: boolean;
}

const LANGUAGE_TAG = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' } as const;

export async function renderReportPdf(model: ReportModel, options: PdfOptions = {}): Promise<Buffer> {
  const content: Content[] = [...titlePage(model), ...methodPages(model), ...model.parts.flatMap((part) => [
    { text: part.title, style: 'h1', pageBreak: 'before', headlineLevel: 1 },
    ...partBlocks(model, part.blocks),
  ])];
  const definition = {
    compress: options.compress ?? true,
    language: LANGUAGE_TAG[model.language],
    displayTitle: true,
    info: { title: `${model.title}: ${model.subject}`, subject: model.subject, author: 'Digikompass', creator: 'Digikompass' },
    pageSize: 'A4',
    pageMargins: [MARGIN, MARGIN, MARGIN, 56],
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15, color: '#1A1A1A' },
    styles: {
      brand: { fontSize: 12, bold: true, color: DARK_BLUE, margin: [0, 0, 0, 6] },
      title: { fontSize: 26, bold: true, margin: [0, 120, 0, 8] },
      subject: { fontSize: 18, margin: [0, 0, 0, 28] },
      h1: { fontSize: 16, bold: true, color: DARK_BLUE, margin: [0, 0, 0, 8] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 2] },
      paragraph: { margin: [0, 0, 0, 6] },
      caption: { bold: true, fontSize: 9, margin: [0, 0, 0, 2] },
      note: { fontSize: 7.5, color: MUTED, margin: [0, 2, 0, 0] },
      th: { bold: true, fontSize: 7.5 },
      footer: { fontSize: 7.5, color: MUTED },
    },
    footer: (page: number, pages: number) => ({
      margin: [MARGIN, 20, MARGIN, 0],
      columns: [
        { text: `${model.title} · ${model.subject}`, style: 'footer' },
        { text: model.pageOf(page, pages), style: 'footer', alignment: 'right', width: 'auto' },
      ],
    }),
    content,
  };
  return pdfmake.createPdf(definition).getBuffer();
}

/**
 * A part's blocks; headings and paragraphs go into the stack of the table after them, so that a table that
 * moves to the next page takes its heading along.
 */
function partBlocks(model: ReportModel, blocks: Block[]): Content[] {
  const out: Content[] = [];
  let pending: Content[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading') pending.push({ text: block.text, style: block.level === 2 ? 'h2' : 'h3', headlineLevel: block.level });
    else if (block.kind === 'paragraph') pending.push({ text: block.text, style: 'paragraph' });
    else {
      const table = tableNode(model, block.table);
      out.push(pending.length > 0 ? { ...table, stack: [...pending, ...table.stack] } : table);
      pending = [];
    }
  }
  return [...out, ...pending];
}

function titlePage(model: ReportModel): Content[] {
  return [
    { text: model.title.split(' – ')[0] ?? model.title, style: 'brand' },
    { text: model.title.split(' – ').slice(1).join(' – ') || model.title, style: 'title' },
    { text: model.subject, style: 'subject' },
    {
      layout: 'noBorders',
      table: { widths: [170, '*'], body: model.facts.map(([label, value]) => [{ text: label, bold: true, margin: [0, 2, 0, 2] }, { text: value, margin: [0, 2, 0, 2] }]) },
      margin: [0, 0, 0, 18],
    },
    ...model.notes.map((text) => ({ text, style: 'paragraph' })),
  ];
}

function methodPages(model: ReportModel): Content[] {
  const m = model.method;
  const out: Content[] = [
    { text: m.heading, style: 'h1', pageBreak: 'before' },
    ...m.paragraphs.map((text) => ({ text, style: 'paragraph' })),
    { text: m.marksHeading, style: 'h2' },
    {
      layout: tableLayout(1),
      table: {
        headerRows: 1,
        widths: [70, '*', 80],
        body: [
          m.marksColumns.map((label) => ({ text: label, style: 'th' })),
          ...m.marks.map((x) => [{ text: x.mark, italics: true, color: MUTED }, { text: x.explain }, { text: x.reason, fontSize: 7.5, color: MUTED }]),
        ],
      },
    },
  ];
  if (m.levels) {
    out.push({ text: m.levels.heading, style: 'h2' }, { text: m.levels.intro, style: 'paragraph' });
    out.push({
      layout: tableLayout(0),
      table: {
        widths: [110, 70, '*'],
        body: m.levels.items.map((l) => [{ text: l.label, bold: true }, { text: l.range ?? '', color: MUTED }, { text: l.description ?? '' }]),
      },
    });
  }
  return out;
}

/** Lines between rows only: a heavier one under the header and at the ends. `pad`: a cell's left and right padding. */
function tableLayout(headerRows: number, pad = 4) {
  return {
    hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === node.table.body.length ? 0.8 : i === headerRows && headerRows > 0 ? 0.8 : 0.3),
    vLineWidth: () => 0,
    hLineColor: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === node.table.body.length || i === headerRows ? '#6E6E6E' : '#D0D0D0'),
    paddingLeft: () => pad,
    paddingRight: () => pad,
    paddingTop: () => 2.5,
    paddingBottom: () => 2.5,
  };
}

function cellNode(model: ReportModel, cell: Cell, small: boolean): Node {
  const f = model.format;
  const size = small ? 7 : 8;
  switch (cell.kind) {
    case 'text':
      return { text: cell.text, fontSize: size };
    case 'count':
      return cell.share === undefined
        ? { text: f.number(cell.n), alignment: 'right', fontSize: size }
        : { text: [f.number(cell.n), { text: `\n${f.percent(cell.share)}`, fontSize: size - 1, color: MUTED }], alignment: 'right', fontSize: size };
    case 'share': {
      const bin = Math.min(HEAT.length - 1, Math.floor(cell.share * HEAT.length));
      const dark = bin >= 3;
      return {
        text: [f.percent(cell.share), { text: `\nn ${f.number(cell.n)}`, fontSize: size - 1.5 }],
        alignment: 'right',
        fontSize: size,
        fillColor: HEAT[bin],
        color: dark ? '#FFFFFF' : '#1A1A1A',
      };
    }
    case 'mean':
      return { text: f.number(cell.value, 1), alignment: 'right', fontSize: size };
    case 'change':
      return { text: f.signed(cell.value, 1), alignment: 'right', fontSize: size };
    case 'withheld':
      return { text: cell.mark, italics: true, color: MUTED, alignment: 'right', fontSize: size - 0.5 };
    case 'none':
      return { text: cell.text, color: MUTED, alignment: 'right', fontSize: size };
  }
}

/** Many figure columns: tighter padding and smaller type, so that the table keeps within the margins. */
const dense = (table: Table) => table.columns.length > 7;
const padOf = (table: Table) => (dense(table) ? 2 : 4);

/**
 * Column widths (pdfmake adds the padding to them): a two-column table stays narrow; otherwise the figure
 * columns share what a first column of at least 110 pt leaves, at most 56 pt each.
 */
function widthsFor(table: Table): (number | string)[] {
  const figures = table.columns.length - 1;
  if (figures === 1) return [240, 70];
  const room = CONTENT_WIDTH - table.columns.length * 2 * padOf(table) - 110;
  const each = Math.max(28, Math.min(56, Math.floor(room / figures)));
  return ['*', ...table.columns.slice(1).map(() => each)];
}

function header(table: Table): Node[] {
  // Narrow columns take a smaller header, so that a long word ("spørsmålet") fits on its line.
  const size = dense(table) ? 6.5 : 7.5;
  return table.columns.map((c, i) => ({
    text: c.n ? [c.label, { text: `\n${c.n}`, color: MUTED }] : c.label,
    style: 'th',
    alignment: i === 0 ? 'left' : 'right',
    ...(i > 0 ? { fontSize: size } : {}),
  }));
}

/** A table with its caption as a first header row (repeated on every page, never left alone at a page's foot). */
function tableNode(model: ReportModel, table: Table): Node & { stack: Content[] } {
  if (table.chart) return meansTable(model, table);
  const small = dense(table);
  const span = table.columns.length;
  const captionRow = [{ text: table.caption, style: 'caption', colSpan: span }, ...Array.from({ length: span - 1 }, () => ({}))];
  const body: Node[][] = [
    captionRow,
    header(table),
    ...table.rows.map((row) =>
      row.heading !== undefined
        ? [{ text: row.heading, bold: true, fontSize: 8, colSpan: span, margin: [0, 3, 0, 0] }, ...Array.from({ length: span - 1 }, () => ({}))]
        : row.cells.map((cell, i) => withRowStyle(cellNode(model, cell, small), row, i)),
    ),
  ];
  return {
    stack: [
      { layout: captionLayout(padOf(table)), table: { headerRows: 2, dontBreakRows: true, keepWithHeaderRows: 1, widths: widthsFor(table), body } },
      ...table.notes.map((text) => ({ text, style: 'note' })),
    ],
    margin: [0, 4, 0, 10],
    // A short table moves to the next page whole rather than leave a few rows behind.
    unbreakable: table.rows.length <= 15,
  };
}

function withRowStyle(node: Node, row: Row, index: number): Node {
  if (row.style === 'total') return { ...node, ...(node.fillColor ? {} : { fillColor: TOTAL_FILL }), ...(index === 0 ? { bold: true } : {}) };
  if (row.style === 'benchmark' && index === 0) return { ...node, italics: true };
  return node;
}

/** Like tableLayout(2), with no line between the caption and the header. */
function captionLayout(pad = 4) {
  const base = tableLayout(2, pad);
  return {
    ...base,
    hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 ? 0 : i === 1 ? 0.8 : base.hLineWidth(i, node)),
    hLineColor: (i: number, node: { table: { body: unknown[] } }) => (i === 1 ? '#6E6E6E' : base.hLineColor(i, node)),
    paddingLeft: (i: number) => (i === 0 ? 0 : pad),
  };
}

/** Group | n | Mean | 95 % CI | a bar to the mean with the CI as a whisker, on one 0–100 scale for every row. */
function meansTable(model: ReportModel, table: Table): Node & { stack: Content[] } {
  const f = model.format;
  const [group, n, mean, , ] = table.columns;
  const columns = [group!.label, n!.label, mean!.label, table.ciLabel ?? ''];
  const body: Node[][] = [
    [{ text: table.caption, style: 'caption', colSpan: 5 }, {}, {}, {}, {}],
    [...columns.map((label, i) => ({ text: label, style: 'th', alignment: i === 0 ? 'left' : 'right' })), { stack: [{ text: table.chartLabel ?? '', style: 'th' }, axis()] }],
    ...table.rows.map((row) => {
      const [label, count, value, low, high] = row.cells as [Cell, Cell, Cell, Cell, Cell];
      const ci: Node =
        low.kind === 'mean' && high.kind === 'mean' ? { text: `${f.number(low.value, 1)}–${f.number(high.value, 1)}`, alignment: 'right', fontSize: 8 } : cellNode(model, low, false);
      return [cellNode(model, label, false), cellNode(model, count, false), cellNode(model, value, false), ci, bar(row)].map((node, i) => withRowStyle(node, row, i));
    }),
  ];
  return {
    stack: [{ layout: captionLayout(), table: { headerRows: 2, dontBreakRows: true, keepWithHeaderRows: 1, widths: ['*', 30, 56, 62, CHART_WIDTH], body } }, ...table.notes.map((text) => ({ text, style: 'note' }))],
    margin: [0, 4, 0, 10],
    unbreakable: table.rows.length <= 12,
  };
}

/** The chart column's header: where 0, 50 and 100 lie on the bars below. */
function axis(): Node {
  return {
    columns: [
      { text: '0', width: '*', fontSize: 7, color: MUTED },
      { text: '50', width: '*', fontSize: 7, color: MUTED, alignment: 'center' },
      { text: '100', width: '*', fontSize: 7, color: MUTED, alignment: 'right' },
    ],
  };
}

function bar(row: Row): Node {
  const h = 11;
  const x = (v: number) => (Math.max(0, Math.min(100, v)) / 100) * CHART_WIDTH;
  const grid = [0, 25, 50, 75, 100].map((v) => ({ type: 'line', x1: x(v), y1: 0, x2: x(v), y2: h, lineWidth: 0.4, lineColor: GRID }));
  if (!row.ci) return { canvas: grid };
  const { mean, low, high } = row.ci;
  const benchmark = row.style === 'benchmark';
  // Own rows filled (the total darker), comparison rows hollow: told apart in greyscale too; the whisker
  // is black on light fills.
  const barShape = benchmark
    ? { type: 'rect', x: 0, y: 2, w: x(mean), h: h - 4, color: '#FFFFFF', lineColor: VERMILLION, lineWidth: 1.2 }
    : { type: 'rect', x: 0, y: 2, w: x(mean), h: h - 4, color: row.style === 'total' ? HEAT[3] : HEAT[2], lineColor: BLUE, lineWidth: 0.6 };
  const whisker = '#1A1A1A';
  return {
    canvas: [
      ...grid,
      barShape,
      { type: 'line', x1: x(low), y1: h / 2, x2: x(high), y2: h / 2, lineWidth: 1, lineColor: whisker },
      { type: 'line', x1: x(low), y1: 2.5, x2: x(low), y2: h - 2.5, lineWidth: 1, lineColor: whisker },
      { type: 'line', x1: x(high), y1: 2.5, x2: x(high), y2: h - 2.5, lineWidth: 1, lineColor: whisker },
    ],
  };
}
