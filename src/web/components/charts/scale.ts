/**
 * Pure geometry for the charts: linear scales, round axis ticks, word wrapping with a measuring
 * function, and the rows of a horizontal chart (label beside the bar on wide screens, above it on
 * narrow ones). Sizes are in CSS pixels computed from the chart's font size, so everything grows
 * with the reader's text size.
 */

export type Scale = (value: number) => number;

export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * A round axis from 0: the step is the smallest 1, 2, 2.5 or 5 × 10^k that keeps to `maxTicks` ticks,
 * and the axis ends on the first step at or above `dataMax` (100 stays 100: 0, 25, 50, 75, 100).
 */
export function niceAxis(dataMax: number, maxTicks: number): { min: number; max: number; ticks: number[] } {
  return niceRange(0, dataMax, maxTicks);
}

/**
 * Like niceAxis, but from the round step at or below `dataMin` (for points, which need no zero). The
 * axis is at least 1 wide: the charts show scores, percentages and counts, not fractions.
 */
export function niceRange(dataMin: number, dataMax: number, maxTicks: number): { min: number; max: number; ticks: number[] } {
  const most = Math.max(2, Math.floor(maxTicks));
  const span = Math.max(1, dataMax - dataMin);
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  // Rounding both ends out can add a tick too many: then the next larger step.
  // Steps are whole numbers: the axes carry scores, percentages and counts.
  for (let step = niceAtLeast(Math.max(1, span / (most - 1))); ; step = niceAtLeast(step * 1.0001)) {
    const min = Math.floor(dataMin / step + 1e-9) * step;
    const max = Math.max(min + step, Math.ceil(dataMax / step - 1e-9) * step);
    const count = Math.round((max - min) / step) + 1;
    if (count > most) continue;
    return { min: round(min), max: round(max), ticks: Array.from({ length: count }, (_, i) => round(min + i * step)) };
  }
}

/** The smallest 1, 2, 2.5 or 5 × 10^k that is ≥ value (2.5 only where it is whole: 25, 250, …). */
function niceAtLeast(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const steps = power >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  return steps.map((s) => s * power).find((s) => s >= value - 1e-9 * power)!;
}

/**
 * Break `text` into lines no wider than `maxWidth`. Words longer than a line (long compounds at 320 px)
 * are cut with a hyphen rather than allowed to overflow.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  // Only ordinary spaces break: no-break spaces hold "n = 46" and grouped numbers together.
  for (const word of text.split(/[ \t\n]+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (measure(line) > maxWidth && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && measure(`${line.slice(0, cut)}-`) > maxWidth) cut--;
      lines.push(`${line.slice(0, cut)}-`);
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

export interface RowGeometry {
  /** Baseline-centre y of each label line (text is drawn with dominant-baseline: central). */
  labelLines: { text: string; y: number }[];
  /** The band of the bar (or of the points) of this row. */
  bandTop: number;
  bandHeight: number;
}

export interface RowsLayout {
  rows: RowGeometry[];
  /** Where the plot begins and ends horizontally (labels are left of plotLeft when beside). */
  plotLeft: number;
  plotRight: number;
  /** Bottom of the last row. */
  height: number;
  labelsBeside: boolean;
}

export interface RowsOptions {
  width: number;
  /** The chart's font size in px; every distance is a multiple of it. */
  font: number;
  measure: (s: string) => number;
  /** Width kept free at the right for value labels. */
  gutter: number;
  /** Band height of each row, in px (rows with wrapped notes may ask for more). */
  bandHeights: number[];
  top?: number;
}

/** Labels go beside the bars only when the chart is at least this many ems wide. */
export const BESIDE_MIN_EMS = 34;

/**
 * Lay out one row per label: on a wide chart the label sits in a left column (at most 38 % of the width
 * or 16 em) and the band is centred on it; on a narrow chart the label wraps above a full-width band.
 */
export function layoutRows(labels: string[], o: RowsOptions): RowsLayout {
  const lineHeight = 1.3 * o.font;
  const rowGap = 0.9 * o.font;
  const labelsBeside = o.width >= BESIDE_MIN_EMS * o.font;
  const labelWidth = labelsBeside ? Math.min(0.38 * o.width, 16 * o.font) : o.width;
  const plotLeft = labelsBeside ? labelWidth + 0.75 * o.font : 0;
  const plotRight = Math.max(plotLeft + 4 * o.font, o.width - o.gutter);
  let y = o.top ?? 0;
  const rows = labels.map((label, index) => {
    // A little slack: canvas measurement and SVG rendering differ by a pixel or so.
    const lines = wrapText(label, labelWidth - 0.25 * o.font, o.measure);
    const band = o.bandHeights[index] ?? o.font;
    const labelHeight = lines.length * lineHeight;
    let row: RowGeometry;
    if (labelsBeside) {
      const height = Math.max(labelHeight, band);
      const labelTop = y + (height - labelHeight) / 2;
      row = {
        labelLines: lines.map((text, i) => ({ text, y: labelTop + (i + 0.5) * lineHeight })),
        bandTop: y + (height - band) / 2,
        bandHeight: band,
      };
      y += height + rowGap;
    } else {
      row = {
        labelLines: lines.map((text, i) => ({ text, y: y + (i + 0.5) * lineHeight })),
        bandTop: y + labelHeight + 0.2 * o.font,
        bandHeight: band,
      };
      y += labelHeight + 0.2 * o.font + band + rowGap;
    }
    return row;
  });
  return { rows, plotLeft, plotRight, height: rows.length > 0 ? y - rowGap : y, labelsBeside };
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whether tick labels, each `width` wide at `x` with its text-anchor, fit side by side inside
 * [0, limit] with at least `gap` between neighbours.
 */
export function labelsFit(labels: { x: number; width: number; anchor: 'start' | 'middle' | 'end' }[], limit: number, gap: number): boolean {
  const spans = labels.map(({ x, width, anchor }) => {
    const start = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
    return [start, start + width] as const;
  });
  return spans.every(([start, end], i) => start >= -0.5 && end <= limit + 0.5 && (i === 0 || start - spans[i - 1]![1] >= gap));
}
