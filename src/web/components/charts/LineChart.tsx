/**
 * Participation day by day: a percentage (the response rate) over dates, with an optional target as a
 * dashed line. Dates are placed by calendar day, so a gap in the data shows as a longer segment. A hidden
 * day breaks the line and gets a hatched band.
 */
import { Table } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/index.js';
import { ChartFigure, FigureText, Legend, NHeader, useHiddenLegendEntry, useValueLabel, valueFormat, type FigureProps, type LegendEntry } from './ChartFigure.js';
import { SERIES } from './palette.js';
import { daysBetween, labelsFit, linearScale, niceAxis } from './scale.js';
import { endpoints } from './summary.js';
import { isSuppressed, type Figure } from './types.js';

export interface LinePoint {
  /** A calendar day, YYYY-MM-DD. */
  date: string;
  /** Percentage 0–100 (may pass 100 when staff counts are out of date: the axis grows). */
  value: Figure;
  /** The base n on that day (e.g. responses so far). */
  n: Figure;
}

export interface LineChartProps extends FigureProps {
  /** In date order. */
  points: LinePoint[];
  /** A target percentage, drawn as a dashed line. */
  target?: number;
  /** Name of the value, e.g. "Svarprosent" (defaults to "Per cent"). */
  valueLabel?: string;
}

export function LineChart({ points, target, valueLabel, ...figure }: LineChartProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const hiddenEntry = useHiddenLegendEntry();
  const defaultLabel = useValueLabel('percent');
  const label = valueLabel ?? defaultLabel;
  const fmt = valueFormat(format, 'percent');
  const shortDate = new Intl.DateTimeFormat(format.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const dayLabel = (date: string) => shortDate.format(new Date(`${date}T00:00:00Z`));

  const legend: LegendEntry[] = [
    { key: 'value', label, swatch: <><line x1="1" x2="23" y1="8" y2="8" stroke={SERIES.blue} strokeWidth="3" /><circle cx="12" cy="8" r="3.5" fill={SERIES.blue} /></> },
  ];
  if (target !== undefined) {
    legend.push({ key: 'target', label: t('charts.target', { value: fmt(target) }), swatch: <line x1="1" x2="23" y1="8" y2="8" stroke={SERIES.black} strokeWidth="2" strokeDasharray="5 3" /> });
  }
  if (points.some((p) => isSuppressed(p.value))) legend.push(hiddenEntry);

  const ends = endpoints(points, (p) => p.value);
  const summary = [
    ends ? t('charts.summary.series', { label, first: fmt(ends.first.value), from: format.date(ends.first.item.date), last: fmt(ends.last.value), to: format.date(ends.last.item.date) }) : t('charts.summary.none'),
    target !== undefined ? t('charts.summary.target', { target: fmt(target) }) : '',
  ].filter(Boolean).join(' ');

  return (
    <ChartFigure
      {...figure}
      summary={summary}
      legend={<Legend entries={legend} />}
      draw={(box, ids) => {
        const f = box.font;
        const top = 0.6 * f;
        const plotHeight = Math.min(16 * f, Math.max(10 * f, box.width * 0.45));
        const largest = Math.max(100, target ?? 0, ...points.map((p) => (typeof p.value === 'number' ? p.value : 0)));
        const yAxis = niceAxis(largest, plotHeight / (2.2 * f));
        const left = Math.max(...yAxis.ticks.map((tick) => box.measure(fmt(tick)))) + 0.5 * f;
        const right = box.width - 0.5 * f;
        const bottom = top + plotHeight;
        const y = linearScale([0, yAxis.max], [bottom, top]);
        const first = points[0]?.date ?? '';
        const days = Math.max(1, points.length > 0 ? daysBetween(first, points.at(-1)!.date) : 1);
        const x = linearScale([0, days], [left + 0.5 * f, right - 0.5 * f]);
        const xOf = (p: LinePoint) => x(daysBetween(first, p.date));
        const dayWidth = Math.max(0.5 * f, (right - left - f) / days);

        // The line, broken where a day is hidden.
        const runs: LinePoint[][] = [[]];
        for (const p of points) {
          if (isSuppressed(p.value)) runs.push([]);
          else runs.at(-1)!.push(p);
        }
        const path = runs
          .filter((run) => run.length > 0)
          .map((run) => run.map((p, i) => `${i === 0 ? 'M' : 'L'}${xOf(p)},${y(p.value as number)}`).join(''))
          .join('');
        // Date labels every 1, 2, 7, 14 … days from the first: the smallest step whose labels fit side by side.
        const offsetDate = (offset: number) => new Date(Date.parse(`${first}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
        const labelWidth = (offset: number) => (box.measure(dayLabel(offsetDate(offset))) * 7) / 8;
        // The first label starts at its day, one near the right edge ends there, the others are centred.
        const anchor = (offset: number): 'start' | 'middle' | 'end' =>
          offset === 0 ? 'start' : x(offset) + labelWidth(offset) / 2 > box.width ? 'end' : 'middle';
        let xTicks: number[] = points.length > 0 ? [0] : [];
        for (const step of points.length > 0 ? [1, 2, 7, 14, 28, 56, 91, 182, 364] : []) {
          const offsets = Array.from({ length: Math.floor(days / step) + 1 }, (_, i) => i * step);
          const spans = offsets.map((offset) => ({ x: x(offset), width: labelWidth(offset), anchor: anchor(offset) }));
          if (labelsFit(spans, box.width, 0.75 * f)) {
            xTicks = offsets;
            break;
          }
        }
        const content: ReactNode = (
          <>
            <g className="chart-axis" aria-hidden="true">
              {yAxis.ticks.map((tick) => (
                <g key={tick}>
                  <line x1={left} x2={right} y1={y(tick)} y2={y(tick)} className={tick === 0 ? 'chart-axis__zero' : 'chart-axis__grid'} />
                  <text x={left - 0.3 * f} y={y(tick)} dominantBaseline="central" textAnchor="end" className="chart-text chart-text--small">
                    {fmt(tick)}
                  </text>
                </g>
              ))}
              {xTicks.map((offset) => (
                <text key={offset} x={x(offset)} y={bottom + 0.9 * f} dominantBaseline="central" textAnchor={anchor(offset)} className="chart-text chart-text--small">
                  {dayLabel(offsetDate(offset))}
                </text>
              ))}
            </g>
            {points.filter((p) => isSuppressed(p.value)).map((p) => (
              <rect key={`hidden-${p.date}`} x={xOf(p) - dayWidth / 2} y={top} width={dayWidth} height={plotHeight} fill={`url(#${ids.hatch})`} className="chart-hidden__edge" />
            ))}
            {target !== undefined && (
              <g>
                <line x1={left} x2={right} y1={y(target)} y2={y(target)} stroke={SERIES.black} strokeWidth="2" strokeDasharray="6 4" />
                <text x={left + 0.3 * f} y={y(target) - 0.65 * f} dominantBaseline="central" className="chart-text chart-text--small chart-text--halo">
                  {t('charts.target', { value: fmt(target) })}
                </text>
              </g>
            )}
            <path d={path} fill="none" stroke={SERIES.blue} strokeWidth="3" strokeLinejoin="round" />
            {points.length <= 45 &&
              points.map((p) => (typeof p.value === 'number' ? <circle key={p.date} cx={xOf(p)} cy={y(p.value)} r={0.25 * f} fill={SERIES.blue} stroke="#ffffff" strokeWidth="1" /> : null))}
          </>
        );
        return { height: bottom + 1.8 * f, content };
      }}
      table={
        <>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t('charts.date')}</Table.HeaderCell>
              <NHeader />
              <Table.HeaderCell scope="col" className="num">{label}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {points.map((p) => (
              <Table.Row key={p.date}>
                <Table.HeaderCell scope="row">{format.date(p.date)}</Table.HeaderCell>
                <Table.Cell className="num"><FigureText figure={p.n} format={(v) => format.number(v)} k={figure.k} /></Table.Cell>
                <Table.Cell className="num"><FigureText figure={p.value} format={fmt} k={figure.k} /></Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </>
      }
    />
  );
}
