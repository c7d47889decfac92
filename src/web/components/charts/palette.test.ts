// The chart colours meet WCAG: 3:1 for graphical objects against the page (1.4.11), 4.5:1 for text on a fill (1.4.3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKGROUNDS, CATEGORICAL, HATCH, HEAT, NEUTRALS, ORDERED, contrastRatio, heatBin, ordinalColours, relativeLuminance, textOn } from './palette.js';

describe('contrast', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // #767676 is the well-known lightest grey with 4.5:1 on white.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 4);
  });

  it('is symmetric', () => {
    const colour = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
      .map((rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`);
    fc.assert(fc.property(colour, colour, (a, b) => contrastRatio(a, b) === contrastRatio(b, a) && contrastRatio(a, b) >= 1));
  });
});

describe('palette', () => {
  const graphical = { ...Object.fromEntries(CATEGORICAL.map((c) => [`categorical ${c}`, c])), ...Object.fromEntries(ORDERED.map((c) => [`ordered ${c}`, c])), ...Object.fromEntries(NEUTRALS.map((c) => [`neutral ${c}`, c])), hatch: HATCH };

  it.each(Object.entries(graphical))('%s reaches 3:1 against every Designsystemet background', (_name, colour) => {
    for (const background of BACKGROUNDS) expect(contrastRatio(colour, background)).toBeGreaterThanOrEqual(3);
  });

  it('lets every fill carry a 4.5:1 label in black or white', () => {
    for (const fill of [...CATEGORICAL, ...ORDERED, ...HEAT, ...NEUTRALS]) expect(contrastRatio(fill, textOn(fill))).toBeGreaterThanOrEqual(4.5);
  });

  it('orders the ramps light to dark, so order survives greyscale print', () => {
    const lum = (list: readonly string[]) => list.map(relativeLuminance);
    for (const ramp of [ORDERED, HEAT]) {
      const values = lum(ramp);
      expect([...values].sort((a, b) => b - a)).toEqual(values);
    }
  });

  it('gives ordered categories distinct steps that keep the ends', () => {
    for (let n = 2; n <= ORDERED.length; n++) {
      const colours = ordinalColours(n);
      expect(new Set(colours).size).toBe(n);
      expect(colours[0]).toBe(ORDERED[0]);
      expect(colours.at(-1)).toBe(ORDERED.at(-1));
    }
    expect(ordinalColours(1)).toHaveLength(1);
    expect(ordinalColours(ORDERED.length + 2)).toHaveLength(ORDERED.length + 2);
  });

  it('puts values into the five heat bins, 100 in the top one', () => {
    expect([0, 19.9, 20, 59.9, 80, 100].map((v) => heatBin(v))).toEqual([0, 0, 1, 2, 4, 4]);
    expect(heatBin(-5)).toBe(0);
    expect(heatBin(130)).toBe(HEAT.length - 1);
  });
});
