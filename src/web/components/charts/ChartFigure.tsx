/**
 * The frame every chart shares: a <figure> with a visible caption and base n, a "Show as table" switch,
 * the chart (an SVG with role="img", <title> and a plain-language <desc>) and the same data as a table.
 * Both views stay in the page so that print shows chart and table together (charts.css); on screen the
 * inactive one is display: none, which also hides it from screen readers.
 */
import { Switch, Table } from '@digdir/designsystemet-react';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, type Formatters } from '../../i18n/index.js';
import { suppressedKeys } from '../../i18n/keys.js';
import { HATCH } from './palette.js';
import { layoutRows, wrapText, type RowsLayout } from './scale.js';
import type { Figure, Suppressed, ValueKind } from './types.js';
import { useChartBox, type ChartBox } from './useChartBox.js';
import './charts.css';

/** Props every chart takes. */
export interface FigureProps {
  /** Visible caption: what the figure shows (also the SVG's title and the table's caption). */
  caption: string;
  /** Number of respondents the figure rests on, printed under the caption (or why it is withheld). */
  base: Figure;
  /** The smallest group shown (the project's k), for the "hidden (fewer than k)" texts. */
  k: number;
  /** Extra text under the figure, e.g. what the question was or who was asked. */
  note?: ReactNode;
  /** Start with the table instead of the chart. */
  defaultView?: 'chart' | 'table';
}

interface ChartFigureProps extends FigureProps {
  /** Plain-language summary for the SVG's <desc>. */
  summary: string;
  /** Legend shown above the chart (HTML, so it wraps). */
  legend?: ReactNode;
  /** Draws the SVG's content for the measured box; returns the drawing and its height. */
  draw: (box: ChartBox, ids: { hatch: string }) => { height: number; content: ReactNode };
  /** The table view: head and body, which ChartFigure puts in a Table with the caption. */
  table: ReactNode;
}

export function ChartFigure({ caption, base, k, note, defaultView = 'chart', summary, legend, draw, table }: ChartFigureProps) {
  const { t } = useTranslation();
  const [showTable, setShowTable] = useState(defaultView === 'table');
  const [boxRef, box] = useChartBox<HTMLDivElement>();
  const id = useId().replace(/[^\w-]/g, '');
  const ids = { caption: `${id}-caption`, title: `${id}-title`, desc: `${id}-desc`, hatch: `${id}-hatch`, table: `${id}-table` };
  const drawing = box ? draw(box, { hatch: ids.hatch }) : null;

  return (
    <figure className="chart-figure">
      <figcaption className="chart-figure__caption">
        <span id={ids.caption} className="chart-figure__title">
          {caption}
        </span>
        <BaseText base={base} k={k} />
      </figcaption>
      <Switch
        className="no-print"
        data-size="sm"
        label={t('charts.showTable')}
        checked={showTable}
        onChange={(event) => setShowTable(event.target.checked)}
        aria-describedby={ids.caption}
      />
      <div className="chart-figure__view" data-active={!showTable}>
        {legend}
        <div ref={boxRef} className="chart-figure__plot">
          {box && drawing && (
            <svg
              role="img"
              aria-labelledby={ids.title}
              aria-describedby={ids.desc}
              width={box.width}
              height={Math.ceil(drawing.height)}
              viewBox={`0 0 ${box.width} ${Math.ceil(drawing.height)}`}
              className="chart-figure__svg"
            >
              <title id={ids.title}>{caption}</title>
              <desc id={ids.desc}>{summary}</desc>
              <defs>
                <HatchPattern id={ids.hatch} />
              </defs>
              {drawing.content}
            </svg>
          )}
        </div>
      </div>
      <div className="chart-figure__view" data-active={showTable}>
        <div className="table-scroll" role="region" aria-labelledby={ids.table} tabIndex={0}>
          <Table border zebra data-size="sm" className="chart-table">
            <caption id={ids.table}>{caption}</caption>
            {table}
          </Table>
        </div>
      </div>
      {note && <div className="chart-figure__note">{note}</div>}
    </figure>
  );
}

/** Diagonal grey lines on white: the mark of a hidden figure, in the chart and in its legend. */
export function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
      <rect width="8" height="8" fill="#ffffff" />
      <line x1="0" y1="0" x2="0" y2="8" stroke={HATCH} strokeWidth="3" />
    </pattern>
  );
}

/** The reason text of a hidden slot `width` wide, in lines of the chart's small text. */
function hiddenLines(text: string, width: number, box: ChartBox) {
  const small = box.font * 0.875;
  const measure = (s: string) => (box.measure(s) * small) / box.font;
  const lines = wrapText(text, width - box.font, measure);
  return { lines, lineHeight: small * 1.25, textWidth: Math.max(...lines.map(measure)) };
}

/**
 * A hidden figure in the chart: a hatched slot with its reason on a white label, so that it can never
 * be read as zero or as a short bar.
 */
export function HiddenSlot({ x, y, width, height, text, box, hatch }: { x: number; y: number; width: number; height: number; text: string; box: ChartBox; hatch: string }) {
  const { lines, lineHeight, textWidth } = hiddenLines(text, width, box);
  const labelHeight = lines.length * lineHeight + 0.25 * box.font;
  const top = y + (height - labelHeight) / 2;
  return (
    <g>
      <rect x={x} y={y} width={width} height={height} fill={`url(#${hatch})`} stroke={HATCH} strokeWidth="1" />
      <rect x={x + 0.25 * box.font} y={top} width={Math.min(width - 0.5 * box.font, textWidth + 0.5 * box.font)} height={labelHeight} fill="#ffffff" />
      {lines.map((line, i) => (
        <text key={i} x={x + 0.5 * box.font} y={top + 0.125 * box.font + (i + 0.5) * lineHeight} dominantBaseline="central" className="chart-text chart-text--small">
          {line}
        </text>
      ))}
    </g>
  );
}

/**
 * The rows of a horizontal chart (scale.ts layoutRows) with bands `band` high, or taller where a hidden
 * slot's reason (`reasons[i]`, null when shown) needs more lines to wrap.
 */
export function rowsWithHidden(labels: string[], reasons: (string | null)[], band: number, box: ChartBox, gutter: number, top = 0): RowsLayout {
  const options = { width: box.width, font: box.font, measure: box.measure, gutter, top };
  // Where the plot starts depends on the width only.
  const slotWidth = box.width - layoutRows([], { ...options, bandHeights: [] }).plotLeft;
  const heightFor = (reason: string) => {
    const { lines, lineHeight } = hiddenLines(reason, slotWidth, box);
    return Math.max(band, lines.length * lineHeight + 0.75 * box.font);
  };
  return layoutRows(labels, { ...options, bandHeights: reasons.map((reason) => (reason === null ? band : heightFor(reason))) });
}

/** The translated reason a figure is hidden ("all or almost all" for a band). */
export function useHiddenText(k: number): (figure: Suppressed) => string {
  const { t } = useTranslation();
  return (figure) => {
    if (figure.band === 'almost_all') return t('results.suppressed.almostAll', { k });
    if (figure.band === 'few') return t('results.suppressed.few', { k });
    return t(suppressedKeys[figure.reason], { k, double: 2 * k });
  };
}

/** "Base: 137 answers", or why the base is withheld. */
export function BaseText({ base, k }: { base: Figure; k: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const hidden = useHiddenText(k);
  return (
    <span className="chart-figure__base">
      {typeof base === 'number' ? t('charts.base', { count: base, n: format.number(base) }) : t('charts.baseHidden', { reason: hidden(base) })}
    </span>
  );
}

/** A table cell's content: the formatted figure, or the reason it is hidden. */
export function FigureText({ figure, format, k }: { figure: Figure; format: (value: number) => string; k: number }) {
  const hidden = useHiddenText(k);
  return typeof figure === 'number' ? format(figure) : <span className="chart-table__hidden">{hidden(figure)}</span>;
}

export interface LegendEntry {
  key: string;
  label: string;
  /** A small drawing of the mark (aria-hidden: the label says it). */
  swatch: ReactNode;
}

/** The legend: marks with their labels, as an HTML list so that long labels wrap. */
export function Legend({ entries }: { entries: LegendEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <ul className="chart-legend">
      {entries.map((entry) => (
        <li key={entry.key}>
          <svg className="chart-legend__swatch" viewBox="0 0 24 16" aria-hidden="true" focusable="false">
            {entry.swatch}
          </svg>
          <span>{entry.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** The legend entry for hatched (hidden) slots; the hatch is drawn by a pattern inside the swatch. */
export function useHiddenLegendEntry(): LegendEntry {
  const { t } = useTranslation();
  const id = `${useId().replace(/[^\w-]/g, '')}-legend-hatch`;
  return {
    key: 'hidden',
    label: t('charts.hiddenLegend'),
    swatch: (
      <>
        <defs>
          <HatchPattern id={id} />
        </defs>
        <rect x="1" y="2" width="22" height="12" fill={`url(#${id})`} stroke={HATCH} />
      </>
    ),
  };
}

/** Format values of a kind: scores with one decimal, percentages 0–100 as whole per cent, counts whole. */
export function valueFormat(format: Formatters, kind: ValueKind): (value: number) => string {
  if (kind === 'score') return (value) => format.number(value, 1);
  if (kind === 'percent') return (value) => format.percent(value / 100);
  return (value) => format.number(value);
}

/** Format axis ticks of a kind (whole numbers, as the axes step by whole numbers). */
export function tickFormat(format: Formatters, kind: ValueKind): (value: number) => string {
  return kind === 'percent' ? (value) => format.percent(value / 100) : (value) => format.number(value);
}

/** The default column header of a value of a kind. */
export function useValueLabel(kind: ValueKind): string {
  const { t } = useTranslation();
  if (kind === 'score') return t('charts.kinds.score');
  if (kind === 'percent') return t('charts.kinds.percent');
  return t('charts.kinds.count');
}

/** A confidence interval as text: 58,1–66,7. */
export function rangeText(low: number, high: number, format: (value: number) => string): string {
  return `${format(low)}–${format(high)}`;
}

/**
 * A horizontal value axis: grid lines through each row's band (not through the labels above it) and
 * tick labels below the last row.
 */
export function ValueAxis({ ticks, x, bands, bottom, format, box }: { ticks: number[]; x: (value: number) => number; bands: { bandTop: number; bandHeight: number }[]; bottom: number; format: (value: number) => string; box: ChartBox }) {
  const reach = 0.3 * box.font;
  const path = (value: number) => bands.map((b) => `M${x(value)},${b.bandTop - reach}V${b.bandTop + b.bandHeight + reach}`).join('');
  return (
    <g className="chart-axis" aria-hidden="true">
      {ticks.map((tick, i) => (
        <g key={tick}>
          <path d={path(tick)} className={i === 0 ? 'chart-axis__zero' : 'chart-axis__grid'} />
          <text
            x={x(tick)}
            y={bottom + 0.9 * box.font}
            dominantBaseline="central"
            textAnchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}
            className="chart-text chart-text--small"
          >
            {format(tick)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Room below the rows for the value axis labels. */
export const axisHeight = (box: ChartBox) => 1.8 * box.font;

/** Row labels of a horizontal chart. */
export function RowLabel({ lines, x }: { lines: { text: string; y: number }[]; x: number }) {
  return (
    <>
      {lines.map((line, i) => (
        <text key={i} x={x} y={line.y} dominantBaseline="central" className="chart-text">
          {line.text}
        </text>
      ))}
    </>
  );
}

/** Table header cell for the base n of a row. */
export function NHeader() {
  const { t } = useTranslation();
  return (
    <Table.HeaderCell scope="col" className="num">
      {t('charts.responses')}
    </Table.HeaderCell>
  );
}
