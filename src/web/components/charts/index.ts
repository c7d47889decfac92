/**
 * Accessible SVG charts for the results views (see README.md in this folder): each is a <figure> with a
 * caption, base n, a plain-language description and a "Show as table" switch; hidden figures are hatched
 * and say why.
 */
export { BarChart, type BarChartProps, type BarDatum, type BarReference } from './BarChart.js';
export { StackedDistribution, type DistributionCategory, type DistributionGroup, type StackedDistributionProps } from './StackedDistribution.js';
export { HeatmapTable, type HeatCell, type HeatmapColumn, type HeatmapRow, type HeatmapSection, type HeatmapTableProps } from './HeatmapTable.js';
export { LineChart, type LineChartProps, type LinePoint } from './LineChart.js';
export { ChangeChart, type ChangeChartProps, type ChangeGroup, type ChangePoint } from './ChangeChart.js';
export type { FigureProps } from './ChartFigure.js';
export { isSuppressed, type Figure, type Suppressed, type ValueKind } from './types.js';
