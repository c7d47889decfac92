/**
 * Chart colours, chosen so that colour is never needed alone and every graphical object stands out.
 *
 * - SERIES: the Okabe–Ito palette (Okabe & Ito 2008; safe for the common colour-vision deficiencies), with
 *   the hues too light for WCAG 1.4.11 darkened until they reach 3:1 against Designsystemet's page
 *   backgrounds (BACKGROUNDS). Yellow and sky blue are left out: darkened they are too close to orange and blue.
 *   Charts pair these colours with shapes (hollow/filled points, line/diamond markers) so greyscale print works.
 * - ORDERED: one blue hue (OKLCH hue 255, lightness 0.63 → 0.25) for ordered categories such as the
 *   proficiency levels: the order reads light → dark also in greyscale, and every step reaches 3:1.
 * - HEAT: five bins from light to dark blue for the heat-map table. Cells print their value, so the bins need
 *   no contrast with the page; the text on each takes black or white, whichever reaches 4.5:1 (textOn).
 * Contrasts are computed in palette.test.ts.
 */

/** Designsystemet's light backgrounds: neutral background-default and background-tinted (table totals). */
export const BACKGROUNDS = ['#ffffff', '#f3f3f4'] as const;

export const SERIES = {
  /** Okabe–Ito blue, as is. */
  blue: '#0072B2',
  /** Okabe–Ito vermillion, as is. */
  vermillion: '#D55E00',
  /** Okabe–Ito bluish green #009E73, darkened. */
  green: '#008A65',
  /** Okabe–Ito reddish purple #CC79A7, darkened. */
  purple: '#B4628F',
  /** Okabe–Ito orange #E69F00, darkened. */
  orange: '#A36F00',
  black: '#000000',
} as const;

/** Colours for unordered categories, in the order they are handed out. */
export const CATEGORICAL = [SERIES.blue, SERIES.vermillion, SERIES.green, SERIES.purple, SERIES.orange, SERIES.black] as const;

/** Light → dark; ordinalColours() picks evenly spaced steps. */
export const ORDERED = ['#4F8BD6', '#3F78BE', '#2F65A7', '#1F5390', '#0F417A', '#003064', '#001F50'] as const;

/** "Not relevant" and other answers outside the ordered scale: a neutral grey, set apart by a gap. */
export const NEUTRAL = '#6E6E6E';

/** Answers outside an ordered scale ("not relevant", "no answer", "others together"): distinct greys, each 3:1 on the page. */
export const NEUTRALS = [NEUTRAL, '#3B3B3B', '#8C8C8C', '#262626'] as const;

/** Lines of the hatch that marks a hidden figure, and its outline. */
export const HATCH = '#6E6E6E';

/** The heat-map bins, lowest values first. */
export const HEAT = ['#EEF4FA', '#C4DAF0', '#8DB8E2', '#3F78BE', '#0F417A'] as const;

/** Colours for `count` ordered categories: the ramp's ends and evenly spaced steps between (more than 7 reuse CATEGORICAL). */
export function ordinalColours(count: number): string[] {
  if (count > ORDERED.length) return Array.from({ length: count }, (_, i) => CATEGORICAL[i % CATEGORICAL.length]!);
  if (count === 1) return [ORDERED[2]];
  return Array.from({ length: count }, (_, i) => ORDERED[Math.round((i * (ORDERED.length - 1)) / (count - 1))]!);
}

export function categoricalColours(count: number): string[] {
  return Array.from({ length: count }, (_, i) => CATEGORICAL[i % CATEGORICAL.length]!);
}

/** WCAG 2.x relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Black or white, whichever reads better on `fill` (always ≥ 4.5:1, since the two cross at about 4.58:1). */
export function textOn(fill: string): '#000000' | '#ffffff' {
  return contrastRatio(fill, '#000000') >= contrastRatio(fill, '#ffffff') ? '#000000' : '#ffffff';
}

/** The heat-map bin (0–4) of a value within [min, max]. */
export function heatBin(value: number, min = 0, max = 100): number {
  const share = (value - min) / (max - min);
  return Math.min(HEAT.length - 1, Math.max(0, Math.floor(share * HEAT.length)));
}
