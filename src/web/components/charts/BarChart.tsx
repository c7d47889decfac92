/**
 * Horizontal bars, one per category: means 0–100, percentages or counts, with optional 95 % confidence
 * intervals (whiskers) and reference values such as the region and all municipalities (markers of
 * different shapes, named in the legend). A hidden value is a hatched slot with its reason.
 */
import { Table } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/index.js';
import {
  ChartFigure, FigureText, HiddenSlot, Legend, NHeader, RowLabel, ValueAxis, axisHeight, rangeText, rowsWithHidden, tickFormat,
  useHiddenLegendEntry, useHiddenText, useValueLabel, valueFormat, type FigureProps, type LegendEntry,
} from './ChartFigure.js';
import { SERIES } from './palette.js';
import { linearScale, niceAxis } from './scale.js';
import { countHidden, extremes } from './summary.js';
import { isSuppressed, type Figure, type ValueKind } from './types.js';

export interface BarDatum {
  id: string;
  label: string;
  /** The value; a Suppressed marker is drawn as a hatched slot. */
  value: Figure;
  /** Base n of this bar. */
  n: Figure;
  /** 95 % confidence interval of the value. */
  ci?: { low: number; high: number };
  /** Reference values by BarReference id (e.g. region, national). */
  references?: Record<string, Figure | undefined>;
}

export interface BarReference {
  id: string;
  /** Legend and column text, e.g. "Region Hallingdal" or "Alle kommuner". */
  label: string;
}

export interface BarChartProps extends FigureProps {
  data: BarDatum[];
  /** score: mean 0–100 · percent: 0–100 % · count: the axis grows to the largest value. */
  kind: ValueKind;
  /** Column header and legend text of the value (defaults to "Mean (0–100)", "Per cent" or "Count"). */
  valueLabel?: string;
  /** Reference markers, drawn with a different shape each (at most three). */
  references?: BarReference[];
}

/** Marker shapes of the references, in order: a bar across, a diamond, a triangle. */
const REFERENCE_MARKS = [
  { colour: SERIES.black, shape: 'line' },
  { colour: SERIES.vermillion, shape: 'diamond' },
  { colour: SERIES.green, shape: 'triangle' },
] as const;

export function BarChart({ data, kind, valueLabel, references = [], ...figure }: BarChartProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const hiddenText = useHiddenText(figure.k);
  const defaultLabel = useValueLabel(kind);
  const hiddenEntry = useHiddenLegendEntry();
  const label = valueLabel ?? defaultLabel;
  const fmt = valueFormat(format, kind);
  const hasCi = data.some((d) => d.ci && !isSuppressed(d.value));
  const refs = references.slice(0, REFERENCE_MARKS.length);

  const legend: LegendEntry[] = [];
  if (hasCi || refs.length > 0) {
    legend.push({ key: 'value', label, swatch: <rect x="1" y="3" width="22" height="10" fill={SERIES.blue} /> });
  }
  if (hasCi) legend.push({ key: 'ci', label: t('charts.ci'), swatch: <Whisker x1={3} x2={21} y={8} cap={8} /> });
  refs.forEach((ref, i) => legend.push({ key: ref.id, label: ref.label, swatch: <Marker index={i} x={12} y={8} size={10} /> }));
  if (data.some((d) => isSuppressed(d.value))) legend.push(hiddenEntry);

  const ends = extremes(data, (d) => d.value);
  const hidden = countHidden(data, (d) => d.value);
  const summary = [
    ends
      ? t('charts.summary.highLow', { highest: ends.highest.item.label, highestValue: fmt(ends.highest.value), lowest: ends.lowest.item.label, lowestValue: fmt(ends.lowest.value) })
      : data.filter((d) => typeof d.value === 'number').map((d) => t('charts.summary.one', { label: d.label, value: fmt(d.value as number) })).join(' '),
    hidden > 0 ? t('charts.summary.hidden', { count: hidden }) : '',
  ].filter(Boolean).join(' ') || t('charts.summary.none');

  const rowText = (d: BarDatum) => (typeof d.n === 'number' ? `${d.label} (${t('charts.n', { n: format.number(d.n) })})` : d.label);

  return (
    <ChartFigure
      {...figure}
      summary={summary}
      legend={<Legend entries={legend} />}
      draw={(box, ids) => {
        const largest = Math.max(0, ...data.flatMap((d) => [
          typeof d.value === 'number' ? d.value : 0,
          d.ci?.high ?? 0,
          ...refs.map((r) => { const v = d.references?.[r.id]; return typeof v === 'number' ? v : 0; }),
        ]));
        const gutter = Math.max(...data.map((d) => (typeof d.value === 'number' ? box.measure(fmt(d.value)) : 0)), box.measure(fmt(kind === 'count' ? largest : Math.max(100, largest)))) + 0.75 * box.font;
        const bar = 1.3 * box.font;
        const layout = rowsWithHidden(data.map(rowText), data.map((d) => (isSuppressed(d.value) ? hiddenText(d.value) : null)), bar, box, gutter, 0.25 * box.font);
        const axis = niceAxis(kind === 'count' ? largest : Math.max(100, largest), (layout.plotRight - layout.plotLeft) / (5.5 * box.font));
        const x = linearScale([0, axis.max], [layout.plotLeft, layout.plotRight]);
        const content: ReactNode = (
          <>
            <ValueAxis ticks={axis.ticks} x={x} bands={layout.rows} bottom={layout.height + 0.25 * box.font} format={tickFormat(format, kind)} box={box} />
            {data.map((d, i) => {
              const row = layout.rows[i]!;
              const mid = row.bandTop + row.bandHeight / 2;
              return (
                <g key={d.id}>
                  <RowLabel lines={row.labelLines} x={0} />
                  {isSuppressed(d.value) ? (
                    <HiddenSlot x={layout.plotLeft} y={row.bandTop} width={box.width - layout.plotLeft} height={row.bandHeight} text={hiddenText(d.value)} box={box} hatch={ids.hatch} />
                  ) : (
                    <>
                      <rect x={x(0)} y={row.bandTop} width={Math.max(0, x(d.value) - x(0))} height={row.bandHeight} fill={SERIES.blue} />
                      {d.ci && <Whisker x1={x(d.ci.low)} x2={x(d.ci.high)} y={mid} cap={row.bandHeight * 0.6} />}
                      {refs.map((ref, r) => {
                        const v = d.references?.[ref.id];
                        return typeof v === 'number' ? <Marker key={ref.id} index={r} x={x(v)} y={mid} size={row.bandHeight} /> : null;
                      })}
                      <text x={box.width} y={mid} dominantBaseline="central" textAnchor="end" className="chart-text">
                        {fmt(d.value)}
                      </text>
                    </>
                  )}
                </g>
              );
            })}
          </>
        );
        return { height: layout.height + 0.25 * box.font + axisHeight(box), content };
      }}
      table={
        <>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t('charts.group')}</Table.HeaderCell>
              <NHeader />
              <Table.HeaderCell scope="col" className="num">{label}</Table.HeaderCell>
              {hasCi && <Table.HeaderCell scope="col" className="num">{t('charts.ci')}</Table.HeaderCell>}
              {refs.map((ref) => (
                <Table.HeaderCell key={ref.id} scope="col" className="num">{ref.label}</Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {data.map((d) => (
              <Table.Row key={d.id}>
                <Table.HeaderCell scope="row">{d.label}</Table.HeaderCell>
                <Table.Cell className="num"><FigureText figure={d.n} format={(v) => format.number(v)} k={figure.k} /></Table.Cell>
                <Table.Cell className="num"><FigureText figure={d.value} format={fmt} k={figure.k} /></Table.Cell>
                {hasCi && <Table.Cell className="num">{d.ci && !isSuppressed(d.value) ? rangeText(d.ci.low, d.ci.high, fmt) : '–'}</Table.Cell>}
                {refs.map((ref) => {
                  const v = d.references?.[ref.id];
                  return <Table.Cell key={ref.id} className="num">{v === undefined ? '–' : <FigureText figure={v} format={fmt} k={figure.k} />}</Table.Cell>;
                })}
              </Table.Row>
            ))}
          </Table.Body>
        </>
      }
    />
  );
}

/** A confidence interval: a line with a cap at each end, with a white edge so it shows on the bar and off it. */
export function Whisker({ x1, x2, y, cap }: { x1: number; x2: number; y: number; cap: number }) {
  const d = `M${x1},${y}H${x2}M${x1},${y - cap / 2}V${y + cap / 2}M${x2},${y - cap / 2}V${y + cap / 2}`;
  return (
    <g>
      <path d={d} stroke="#ffffff" strokeWidth="4" fill="none" strokeLinecap="square" />
      <path d={d} stroke={SERIES.black} strokeWidth="1.5" fill="none" />
    </g>
  );
}

/** A reference marker: 0 a bar across the row, 1 a diamond, 2 a triangle; each with a white edge. */
function Marker({ index, x, y, size }: { index: number; x: number; y: number; size: number }) {
  const mark = REFERENCE_MARKS[index]!;
  const h = size * 0.55;
  if (mark.shape === 'line') {
    return <rect x={x - 2} y={y - size * 0.7} width="4" height={size * 1.4} fill={mark.colour} stroke="#ffffff" strokeWidth="1" />;
  }
  const points = mark.shape === 'diamond'
    ? `${x},${y - h} ${x + h},${y} ${x},${y + h} ${x - h},${y}`
    : `${x},${y - h} ${x + h},${y + h * 0.8} ${x - h},${y + h * 0.8}`;
  return <polygon points={points} fill={mark.colour} stroke="#ffffff" strokeWidth="1.5" />;
}
