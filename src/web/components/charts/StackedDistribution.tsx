/**
 * One 100 % bar per group over ordered categories (the four proficiency levels, or the answer options of a
 * single-choice question). Ordered categories go light → dark blue; answers outside the scale ("not
 * relevant") are grey and set apart by a gap. Shares are printed in the segments where they fit, and the
 * table gives every count. Hidden counts are drawn together as one hatched segment at the end (their sum
 * is base − shown, which the table's n already tells), a hidden group as a hatched slot.
 * For multiple-choice questions, whose counts do not add up to n, use BarChart with percentages.
 */
import { Table } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/index.js';
import {
  ChartFigure, FigureText, HiddenSlot, Legend, NHeader, RowLabel, rowsWithHidden, useHiddenLegendEntry, useHiddenText,
  type FigureProps, type LegendEntry,
} from './ChartFigure.js';
import { NEUTRALS, categoricalColours, ordinalColours, textOn } from './palette.js';
import { distributionShares, largestShare } from './summary.js';
import { isSuppressed, type Figure } from './types.js';

export interface DistributionCategory {
  id: string;
  label: string;
  /** An answer outside the ordered scale, such as "not relevant" or "don't know": grey, after a gap. */
  outside?: boolean;
}

export interface DistributionGroup {
  id: string;
  label: string;
  /** Answers in this group (the 100 %); hidden: the whole group is a hatched slot. */
  n: Figure;
  /** Count per category id (a missing id counts as 0). */
  counts: Record<string, Figure | undefined>;
}

export interface StackedDistributionProps extends FigureProps {
  /** In order, lowest first; `outside` categories may come anywhere and are drawn last. */
  categories: DistributionCategory[];
  groups: DistributionGroup[];
  /** ordered (default): a light → dark ramp; unordered: the categorical palette. */
  scale?: 'ordered' | 'unordered';
}

export function StackedDistribution({ categories, groups, scale = 'ordered', ...figure }: StackedDistributionProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const hiddenText = useHiddenText(figure.k);
  const hiddenEntry = useHiddenLegendEntry();
  // Scale answers first, in their order, then the ones outside the scale.
  const inside = categories.filter((c) => !c.outside);
  const ordered = [...inside, ...categories.filter((c) => c.outside)];
  const palette = scale === 'ordered' ? ordinalColours(inside.length) : categoricalColours(inside.length);
  // Answers outside the scale each get their own grey, so that the legend tells them apart.
  const colourOf = (index: number) => (index < inside.length ? palette[index]! : NEUTRALS[(index - inside.length) % NEUTRALS.length]!);
  const countsOf = (g: DistributionGroup) => ordered.map((c) => g.counts[c.id] ?? 0);

  const anyHidden = groups.some((g) => isSuppressed(g.n) || countsOf(g).some(isSuppressed));
  const legend: LegendEntry[] = ordered.map((c, i) => ({ key: c.id, label: c.label, swatch: <rect x="1" y="2" width="22" height="12" fill={colourOf(i)} /> }));
  if (anyHidden) legend.push(hiddenEntry);

  const summary = groups
    .map((g) => {
      if (isSuppressed(g.n)) return t('charts.summary.groupHidden', { group: g.label });
      const top = largestShare(countsOf(g), g.n);
      return top ? t('charts.summary.largestShare', { group: g.label, category: ordered[top.index]!.label, share: format.percent(top.share) }) : '';
    })
    .filter(Boolean)
    .join(' ') || t('charts.summary.none');

  const rowText = (g: DistributionGroup) => (typeof g.n === 'number' ? `${g.label} (${t('charts.n', { n: format.number(g.n) })})` : g.label);

  return (
    <ChartFigure
      {...figure}
      summary={summary}
      legend={<Legend entries={legend} />}
      draw={(box, ids) => {
        const bar = 1.6 * box.font;
        const gap = 2;
        const outsideGap = 0.6 * box.font;
        const layout = rowsWithHidden(groups.map(rowText), groups.map((g) => (isSuppressed(g.n) ? hiddenText(g.n) : null)), bar, box, 0);
        const content: ReactNode = groups.map((g, gi) => {
          const row = layout.rows[gi]!;
          if (isSuppressed(g.n)) {
            return (
              <g key={g.id}>
                <RowLabel lines={row.labelLines} x={0} />
                <HiddenSlot x={layout.plotLeft} y={row.bandTop} width={box.width - layout.plotLeft} height={row.bandHeight} text={hiddenText(g.n)} box={box} hatch={ids.hatch} />
              </g>
            );
          }
          const { shares, hidden } = distributionShares(countsOf(g), g.n);
          const hasOutside = ordered.some((c, i) => c.outside && (shares[i] ?? 0) > 0);
          const track = box.width - layout.plotLeft - (hasOutside ? outsideGap : 0);
          const segments: ReactNode[] = [];
          let x = layout.plotLeft;
          const segment = (key: string, share: number, fill: string, text: string | null) => {
            const width = share * track;
            if (width <= 0) return;
            const label = text !== null && box.measure(text) + 0.5 * box.font <= width - gap ? text : null;
            segments.push(
              <g key={key}>
                <rect x={x} y={row.bandTop} width={Math.max(0.5, width - gap)} height={row.bandHeight} fill={fill} />
                {label && (
                  <text x={x + (width - gap) / 2} y={row.bandTop + row.bandHeight / 2} dominantBaseline="central" textAnchor="middle" fill={textOn(fill)} className="chart-text-in-bar">
                    {label}
                  </text>
                )}
              </g>,
            );
            x += width;
          };
          ordered.forEach((c, i) => {
            if (c.outside && i === inside.length && hasOutside) x += outsideGap;
            const share = shares[i];
            if (share != null) segment(c.id, share, colourOf(i), format.percent(share));
          });
          if (hidden > 0) {
            const start = x;
            segment('hidden', hidden, `url(#${ids.hatch})`, null);
            segments.push(<rect key="hidden-edge" x={start} y={row.bandTop} width={Math.max(0.5, hidden * track - gap)} height={row.bandHeight} fill="none" className="chart-hidden__edge" />);
          }
          return (
            <g key={g.id}>
              <RowLabel lines={row.labelLines} x={0} />
              {segments}
            </g>
          );
        });
        return { height: layout.height + 0.25 * box.font, content };
      }}
      table={
        <>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t('charts.group')}</Table.HeaderCell>
              <NHeader />
              {ordered.map((c) => (
                <Table.HeaderCell key={c.id} scope="col" className="num">{c.label}</Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {groups.map((g) => (
              <Table.Row key={g.id}>
                <Table.HeaderCell scope="row">{g.label}</Table.HeaderCell>
                <Table.Cell className="num"><FigureText figure={g.n} format={(v) => format.number(v)} k={figure.k} /></Table.Cell>
                {isSuppressed(g.n) ? (
                  <Table.Cell colSpan={ordered.length}><FigureText figure={g.n} format={String} k={figure.k} /></Table.Cell>
                ) : (
                  ordered.map((c) => {
                    const count = g.counts[c.id] ?? 0;
                    const n = g.n as number;
                    return (
                      <Table.Cell key={c.id} className="num">
                        <FigureText figure={count} format={(v) => `${format.number(v)} (${format.percent(n > 0 ? v / n : 0)})`} k={figure.k} />
                      </Table.Cell>
                    );
                  })
                )}
              </Table.Row>
            ))}
          </Table.Body>
        </>
      }
    />
  );
}
