/**
 * Change from one wave to the next per group (T0 → T1): the earlier value as a hollow circle, the later as
 * a filled one, joined by a line, each with its 95 % confidence interval (T0 just above the line, T1 just
 * below), and the change printed at the right. Hollow against filled keeps the two apart in greyscale.
 * The axis spans the values shown (a dot plot needs no zero), so that small changes can be seen.
 * A group where either wave is hidden gets a hatched slot: its change cannot be shown.
 */
import { Table } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/index.js';
import { Whisker } from './BarChart.js';
import {
  ChartFigure, FigureText, HiddenSlot, Legend, RowLabel, ValueAxis, axisHeight, rangeText, rowsWithHidden, tickFormat,
  useHiddenLegendEntry, useHiddenText, useValueLabel, valueFormat, type FigureProps, type LegendEntry,
} from './ChartFigure.js';
import { SERIES } from './palette.js';
import { linearScale, niceRange } from './scale.js';
import { largestChanges } from './summary.js';
import { isSuppressed, type Suppressed } from './types.js';

/** One wave's value for a group. */
export type ChangePoint = { value: number; n: number; ci?: { low: number; high: number } } | Suppressed;

export interface ChangeGroup {
  id: string;
  label: string;
  t0: ChangePoint;
  t1: ChangePoint;
}

export interface ChangeChartProps extends FigureProps {
  groups: ChangeGroup[];
  /** Names of the two waves, e.g. "T0 (mars 2025)" and "T1 (mars 2026)". */
  waves: { t0: string; t1: string };
  /** score: means 0–100 (change in points) · percent: 0–100 % (change in percentage points). */
  kind: 'score' | 'percent';
  /** Column header of the values (defaults to "Mean (0–100)" or "Per cent"). */
  valueLabel?: string;
}

const T0_COLOUR = SERIES.vermillion;
const T1_COLOUR = SERIES.blue;

export function ChangeChart({ groups, waves, kind, valueLabel, ...figure }: ChangeChartProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const hiddenText = useHiddenText(figure.k);
  const hiddenEntry = useHiddenLegendEntry();
  const defaultLabel = useValueLabel(kind);
  const label = valueLabel ?? defaultLabel;
  const fmt = valueFormat(format, kind);
  const digits = kind === 'score' ? 1 : 0;
  const signed = new Intl.NumberFormat(format.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' });
  const changeText = (delta: number) => (kind === 'percent' ? t('charts.percentPoints', { value: signed.format(delta) }) : signed.format(delta));
  const changeOf = (g: ChangeGroup) => (isSuppressed(g.t0) || isSuppressed(g.t1) ? null : g.t1.value - g.t0.value);
  const hiddenOf = (g: ChangeGroup): Suppressed | null => (isSuppressed(g.t1) ? g.t1 : isSuppressed(g.t0) ? g.t0 : null);
  const hasCi = groups.some((g) => (!isSuppressed(g.t0) && g.t0.ci) || (!isSuppressed(g.t1) && g.t1.ci));

  const legend: LegendEntry[] = [
    { key: 't0', label: waves.t0, swatch: <circle cx="12" cy="8" r="5" fill="#ffffff" stroke={T0_COLOUR} strokeWidth="2.5" /> },
    { key: 't1', label: waves.t1, swatch: <circle cx="12" cy="8" r="6" fill={T1_COLOUR} /> },
  ];
  if (hasCi) legend.push({ key: 'ci', label: t('charts.ci'), swatch: <Whisker x1={3} x2={21} y={8} cap={8} /> });
  if (groups.some((g) => hiddenOf(g))) legend.push(hiddenEntry);

  const { rise, fall } = largestChanges(groups, changeOf);
  const hidden = groups.filter((g) => hiddenOf(g)).length;
  const summary = [
    rise ? t('charts.summary.rise', { group: rise.item.label, change: changeText(rise.value) }) : '',
    fall ? t('charts.summary.fall', { group: fall.item.label, change: changeText(fall.value) }) : '',
    !rise && !fall && groups.some((g) => changeOf(g) !== null) ? t('charts.summary.noChange') : '',
    hidden > 0 ? t('charts.summary.hidden', { count: hidden }) : '',
  ].filter(Boolean).join(' ') || t('charts.summary.none');

  const valueHeader = hasCi ? `${label} (${t('charts.ci')})` : label;
  const point = (p: ChangePoint) => (isSuppressed(p) ? p : p.value);
  const pointN = (p: ChangePoint) => (isSuppressed(p) ? p : p.n);

  return (
    <ChartFigure
      {...figure}
      summary={summary}
      legend={<Legend entries={legend} />}
      draw={(box, ids) => {
        const changes = groups.map(changeOf);
        const gutter = Math.max(box.measure(signed.format(kind === 'score' ? -88.8 : -88)), ...changes.map((c) => (c === null ? 0 : box.measure(signed.format(c))))) + 0.75 * box.font;
        const band = 2 * box.font;
        const layout = rowsWithHidden(groups.map((g) => g.label), groups.map((g) => { const h = hiddenOf(g); return h ? hiddenText(h) : null; }), band, box, gutter, 0.25 * box.font);
        // Points need no zero: the axis spans the shown values and intervals (within 0–100), so small changes show.
        const extent = groups.filter((g) => changeOf(g) !== null).flatMap((g) => [g.t0, g.t1]).flatMap((p) => (isSuppressed(p) ? [] : [p.value, p.ci?.low ?? p.value, p.ci?.high ?? p.value]));
        const axis = niceRange(Math.max(0, Math.min(...extent, 100) - 2), Math.min(100, Math.max(...extent, 0) + 2), (layout.plotRight - layout.plotLeft) / (5.5 * box.font));
        const x = linearScale([axis.min, axis.max], [layout.plotLeft, layout.plotRight]);
        const r = 0.4 * box.font;
        const content: ReactNode = (
          <>
            <ValueAxis ticks={axis.ticks} x={x} bands={layout.rows} bottom={layout.height + 0.25 * box.font} format={tickFormat(format, kind)} box={box} />
            {groups.map((g, i) => {
              const row = layout.rows[i]!;
              const mid = row.bandTop + row.bandHeight / 2;
              if (isSuppressed(g.t0) || isSuppressed(g.t1)) {
                return (
                  <g key={g.id}>
                    <RowLabel lines={row.labelLines} x={0} />
                    <HiddenSlot x={layout.plotLeft} y={row.bandTop} width={box.width - layout.plotLeft} height={row.bandHeight} text={hiddenText(hiddenOf(g)!)} box={box} hatch={ids.hatch} />
                  </g>
                );
              }
              const { t0, t1 } = g;
              const offset = 0.45 * box.font;
              return (
                <g key={g.id}>
                  <RowLabel lines={row.labelLines} x={0} />
                  <line x1={x(t0.value)} x2={x(t1.value)} y1={mid} y2={mid} stroke={SERIES.black} strokeWidth="2" />
                  {t0.ci && <Whisker x1={x(t0.ci.low)} x2={x(t0.ci.high)} y={mid - offset} cap={0.5 * box.font} />}
                  {t1.ci && <Whisker x1={x(t1.ci.low)} x2={x(t1.ci.high)} y={mid + offset} cap={0.5 * box.font} />}
                  <circle cx={x(t0.value)} cy={mid} r={r} fill="#ffffff" stroke={T0_COLOUR} strokeWidth="2.5" />
                  <circle cx={x(t1.value)} cy={mid} r={r + 1} fill={T1_COLOUR} stroke="#ffffff" strokeWidth="1" />
                  <text x={box.width} y={mid} dominantBaseline="central" textAnchor="end" className="chart-text">
                    {signed.format(t1.value - t0.value)}
                  </text>
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
              <Table.HeaderCell scope="col" className="num">{`${waves.t0}: n`}</Table.HeaderCell>
              <Table.HeaderCell scope="col" className="num">{`${waves.t0}: ${valueHeader}`}</Table.HeaderCell>
              <Table.HeaderCell scope="col" className="num">{`${waves.t1}: n`}</Table.HeaderCell>
              <Table.HeaderCell scope="col" className="num">{`${waves.t1}: ${valueHeader}`}</Table.HeaderCell>
              <Table.HeaderCell scope="col" className="num">{t('charts.change')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {groups.map((g) => {
              const change = changeOf(g);
              return (
                <Table.Row key={g.id}>
                  <Table.HeaderCell scope="row">{g.label}</Table.HeaderCell>
                  {[g.t0, g.t1].map((p, i) => (
                    <PointCells key={i} n={pointN(p)} value={point(p)} ci={isSuppressed(p) ? undefined : p.ci} fmt={fmt} k={figure.k} />
                  ))}
                  <Table.Cell className="num">{change === null ? '–' : changeText(change)}</Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </>
      }
    />
  );
}

function PointCells({ n, value, ci, fmt, k }: { n: number | Suppressed; value: number | Suppressed; ci?: { low: number; high: number }; fmt: (v: number) => string; k: number }) {
  const format = useFormat();
  return (
    <>
      <Table.Cell className="num"><FigureText figure={n} format={(v) => format.number(v)} k={k} /></Table.Cell>
      <Table.Cell className="num">
        <FigureText figure={value} format={fmt} k={k} />
        {ci && !isSuppressed(value) && <span className="chart-table__ci"> ({rangeText(ci.low, ci.high, fmt)})</span>}
      </Table.Cell>
    </>
  );
}
