/**
 * A heat-map table, e.g. technology × unit for use or confidence: an HTML table whose cells are coloured
 * by value (five bins, light → dark, named in the legend) AND print the value and its base n, so colour
 * is never the only cue. The table itself is the accessible form, so there is no chart/table switch.
 * Rows come in sections (e.g. the questionnaire's technologies, then the municipality's local systems).
 * A hidden cell is hatched and says why.
 */
import { Table } from '@digdir/designsystemet-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/index.js';
import { BaseText, FigureText, Legend, useHiddenLegendEntry, useHiddenText, valueFormat, type LegendEntry } from './ChartFigure.js';
import { HEAT, heatBin, textOn } from './palette.js';
import { isSuppressed, type Figure, type Suppressed } from './types.js';
import './charts.css';

/** A cell: the value (0–100) and how many answered, or hidden. */
export type HeatCell = { value: number; n: number } | Suppressed;

export interface HeatmapColumn {
  id: string;
  label: string;
  /** Base n of the column (e.g. respondents in the unit). */
  n?: Figure;
}

export interface HeatmapRow {
  id: string;
  label: string;
  /** Cells by column id; a missing cell prints a dash. */
  cells: Record<string, HeatCell | undefined>;
}

export interface HeatmapSection {
  id: string;
  /** A heading row above the section (e.g. "Local systems"); leave out for the first, unnamed section. */
  label?: string;
  rows: HeatmapRow[];
}

export interface HeatmapTableProps {
  /** Visible caption (also the table's caption). */
  caption: string;
  /** Number of respondents the figure rests on (or why it is withheld). */
  base: Figure;
  /** The smallest group shown (the project's k). */
  k: number;
  /** Header of the row labels' column, e.g. "Technology". */
  rowHeader: string;
  columns: HeatmapColumn[];
  sections: HeatmapSection[];
  /** score: means 0–100 · percent: 0–100 %. */
  kind: 'score' | 'percent';
  note?: ReactNode;
  /** Draws a hidden cell's content (default: the reason in words), e.g. a short mark explained in a legend. */
  hiddenCell?: (cell: Suppressed) => ReactNode;
}

export function HeatmapTable({ caption, base, k, rowHeader, columns, sections, kind, note, hiddenCell }: HeatmapTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const hiddenText = useHiddenText(k);
  const hiddenEntry = useHiddenLegendEntry();
  const fmt = valueFormat(format, kind);
  const captionId = `${useId().replace(/[^\w-]/g, '')}-caption`;
  const step = 100 / HEAT.length;
  const bins: LegendEntry[] = HEAT.map((colour, i) => ({
    key: colour,
    label: `${format.number(i * step)}–${fmt((i + 1) * step)}`,
    swatch: <rect x="1" y="1" width="22" height="14" fill={colour} stroke="#77797b" />,
  }));
  const anyHidden = sections.some((s) => s.rows.some((r) => Object.values(r.cells).some((c) => isSuppressed(c))));

  return (
    <figure className="chart-figure">
      <figcaption className="chart-figure__caption">
        <span id={captionId} className="chart-figure__title">{caption}</span>
        <BaseText base={base} k={k} />
      </figcaption>
      <div className="heatmap-legend">
        <span className="heatmap-legend__title">{t('charts.colourScale')}</span>
        <Legend entries={anyHidden ? [...bins, hiddenEntry] : bins} />
      </div>
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <Table border data-size="sm" className="chart-table heatmap">
          <caption>{caption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{rowHeader}</Table.HeaderCell>
              {columns.map((c) => (
                <Table.HeaderCell key={c.id} scope="col" className="num">
                  {c.label}
                  {c.n !== undefined && (
                    <span className="heatmap__n">
                      {typeof c.n === 'number' ? t('charts.n', { n: format.number(c.n) }) : hiddenText(c.n)}
                    </span>
                  )}
                </Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Head>
          {sections.map((section) => (
            <Table.Body key={section.id}>
              {section.label && (
                <Table.Row>
                  <Table.HeaderCell scope="rowgroup" colSpan={columns.length + 1} className="heatmap__section">
                    {section.label}
                  </Table.HeaderCell>
                </Table.Row>
              )}
              {section.rows.map((row) => (
                <Table.Row key={row.id}>
                  <Table.HeaderCell scope="row">{row.label}</Table.HeaderCell>
                  {columns.map((c) => {
                    const cell = row.cells[c.id];
                    if (cell === undefined) return <Table.Cell key={c.id} className="num">–</Table.Cell>;
                    if (isSuppressed(cell)) {
                      return (
                        <Table.Cell key={c.id} className="heatmap__cell heatmap__cell--hidden">
                          {hiddenCell ? hiddenCell(cell) : <FigureText figure={cell} format={fmt} k={k} />}
                        </Table.Cell>
                      );
                    }
                    const fill = HEAT[heatBin(cell.value)]!;
                    return (
                      // Colours are set through the CSSOM by React (allowed by the strict style-src), not a style attribute.
                      <Table.Cell key={c.id} className="heatmap__cell num" style={{ backgroundColor: fill, color: textOn(fill) }}>
                        <span className="heatmap__value">{fmt(cell.value)}</span>
                        <span className="heatmap__n">{t('charts.n', { n: format.number(cell.n) })}</span>
                      </Table.Cell>
                    );
                  })}
                </Table.Row>
              ))}
            </Table.Body>
          ))}
        </Table>
      </div>
      {note && <div className="chart-figure__note">{note}</div>}
    </figure>
  );
}
