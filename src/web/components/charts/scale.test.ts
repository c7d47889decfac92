// Chart geometry: scales, axes, wrapping and row layout, with a fixed-width "font" (every character 8 px).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BESIDE_MIN_EMS, daysBetween, labelsFit, layoutRows, linearScale, niceAxis, niceRange, wrapText } from './scale.js';

const mono = (s: string) => s.length * 8;

describe('linearScale', () => {
  it('maps the domain onto the range', () => {
    const x = linearScale([0, 100], [40, 240]);
    expect([x(0), x(50), x(100)]).toEqual([40, 140, 240]);
    const y = linearScale([0, 100], [200, 0]);
    expect(y(25)).toBe(150);
  });
});

describe('niceAxis', () => {
  it('keeps 0–100 on quarters, halves or the ends', () => {
    expect(niceAxis(100, 5)).toEqual({ min: 0, max: 100, ticks: [0, 25, 50, 75, 100] });
    expect(niceAxis(100, 3.4)).toEqual({ min: 0, max: 100, ticks: [0, 50, 100] });
    expect(niceAxis(100, 2)).toEqual({ min: 0, max: 100, ticks: [0, 100] });
  });

  it('rounds counts up to a round step', () => {
    expect(niceAxis(230, 5)).toEqual({ min: 0, max: 300, ticks: [0, 100, 200, 300] });
    expect(niceAxis(7, 6)).toEqual({ min: 0, max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceAxis(0, 5).max).toBeGreaterThan(0);
  });

  it('always covers the data with at most the asked number of ticks, starting at 0', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 12 }), (max, count) => {
        const axis = niceAxis(max, count);
        expect(axis.max).toBeGreaterThanOrEqual(max - 1e-9);
        expect(axis.ticks[0]).toBe(0);
        expect(axis.ticks.at(-1)).toBeCloseTo(axis.max, 6);
        expect(axis.ticks.length).toBeLessThanOrEqual(count);
        expect(axis.ticks.every(Number.isInteger)).toBe(true);
      }),
    );
  });
});

describe('niceRange', () => {
  it('spans the shown values on round steps, without zero', () => {
    expect(niceRange(41.9, 72.3, 5)).toEqual({ min: 40, max: 80, ticks: [40, 50, 60, 70, 80] });
    expect(niceRange(45, 55, 2)).toEqual({ min: 40, max: 60, ticks: [40, 60] });
    // No 2.5 steps below 10: ticks stay whole numbers.
    expect(niceRange(41.9, 72.3, 14).ticks.every(Number.isInteger)).toBe(true);
  });

  it('covers [min, max] with at most the asked number of ticks', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 2, max: 10 }), (a, b, count) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const axis = niceRange(low, high, count);
        expect(axis.min).toBeLessThanOrEqual(low + 1e-9);
        expect(axis.max).toBeGreaterThanOrEqual(high - 1e-9);
        expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
        expect(axis.ticks.length).toBeLessThanOrEqual(count);
      }),
    );
  });
});

describe('labelsFit', () => {
  it('accepts labels side by side with a gap, and refuses overlaps or spills', () => {
    const start = { x: 0, width: 60, anchor: 'start' } as const;
    const end = { x: 200, width: 60, anchor: 'end' } as const;
    expect(labelsFit([start, end], 200, 12)).toBe(true);
    expect(labelsFit([start, { x: 100, width: 60, anchor: 'middle' }, end], 200, 12)).toBe(false);
    expect(labelsFit([start, { ...end, x: 70 }], 200, 12)).toBe(false);
    expect(labelsFit([{ x: 190, width: 60, anchor: 'start' }], 200, 12)).toBe(false);
  });
});

describe('wrapText', () => {
  it('breaks between words within the width', () => {
    expect(wrapText('Hjemmetjenesten i Gol kommune', 128, mono)).toEqual(['Hjemmetjenesten', 'i Gol kommune']);
    expect(wrapText('Kort', 128, mono)).toEqual(['Kort']);
    expect(wrapText('', 128, mono)).toEqual(['']);
  });

  it('keeps no-break spaces together ("n = 46", grouped numbers)', () => {
    expect(wrapText('Legekontoret (n\u00a0=\u00a046)', 120, mono)).toEqual(['Legekontoret', '(n\u00a0=\u00a046)']);
  });

  it('cuts a word longer than a line with a hyphen', () => {
    const lines = wrapText('Helsefagarbeiderutdanningen', 80, mono);
    expect(lines.slice(0, -1).every((line) => line.endsWith('-'))).toBe(true);
    expect(lines.map((line) => line.replace(/-$/, '')).join('')).toBe('Helsefagarbeiderutdanningen');
  });

  it('never makes a line wider than the width, and loses no text', () => {
    const word = fc.stringMatching(/^[a-zæøå]{1,30}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.integer({ min: 16, max: 400 }), (words, width) => {
        const lines = wrapText(words.join(' '), width, mono);
        expect(lines.every((line) => mono(line) <= width)).toBe(true);
        expect(lines.join(' ').replace(/- ?/g, '').replace(/ /g, '')).toBe(words.join(''));
      }),
    );
  });
});

describe('layoutRows', () => {
  const labels = ['Sykehjemmet', 'Hjemmetjenesten og praktisk bistand', 'Legekontoret'];
  const options = { font: 16, measure: mono, gutter: 48, bandHeights: [20, 20, 20] };

  it('puts labels above full-width bars on a phone (320 px)', () => {
    const layout = layoutRows(labels, { ...options, width: 320 });
    expect(layout.labelsBeside).toBe(false);
    expect(layout.plotLeft).toBe(0);
    expect(layout.plotRight).toBe(320 - 48);
    for (const row of layout.rows) expect(row.bandTop).toBeGreaterThan(row.labelLines.at(-1)!.y);
  });

  it('puts labels beside the bars on a wide chart', () => {
    const layout = layoutRows(labels, { ...options, width: BESIDE_MIN_EMS * 16 + 100 });
    expect(layout.labelsBeside).toBe(true);
    expect(layout.plotLeft).toBeGreaterThan(0);
    // The long label wraps inside its column.
    expect(layout.rows[1]!.labelLines.length).toBeGreaterThan(1);
  });

  it('stacks rows without overlap and grows with the font', () => {
    const small = layoutRows(labels, { ...options, width: 320 });
    for (let i = 1; i < small.rows.length; i++) {
      const previous = small.rows[i - 1]!;
      expect(small.rows[i]!.labelLines[0]!.y).toBeGreaterThan(previous.bandTop + previous.bandHeight);
    }
    const large = layoutRows(labels, { ...options, width: 320, font: 24, measure: (s) => s.length * 12, bandHeights: [30, 30, 30] });
    expect(large.height).toBeGreaterThan(small.height);
  });
});

describe('dates', () => {
  it('counts whole days across a month and a DST change', () => {
    expect(daysBetween('2026-03-28', '2026-04-02')).toBe(5);
    expect(daysBetween('2026-03-01', '2026-03-01')).toBe(0);
  });
});
