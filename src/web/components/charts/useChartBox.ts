/**
 * The width and font of the box a chart is drawn in, kept up to date as the window, the zoom or the
 * reader's text size change, and a text measurer in that font. Charts lay themselves out in CSS pixels
 * from these, so labels wrap instead of shrinking and the SVG never needs to scroll.
 */
import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';

export interface ChartBox {
  width: number;
  /** The font size in px of text in the chart. */
  font: number;
  /** Width in px of a text in that font (and the given weight). */
  measure: (text: string, weight?: number) => number;
}

interface Box {
  width: number;
  font: number;
  family: string;
  /** Bumped when web fonts finish loading, so text is measured again in the real font. */
  fontsLoaded: number;
}

let canvas: HTMLCanvasElement | undefined;

function measurer(font: number, family: string): ChartBox['measure'] {
  const context = (canvas ??= document.createElement('canvas')).getContext('2d');
  if (!context) return (text) => text.length * 0.6 * font;
  return (text, weight = 400) => {
    context.font = `${weight} ${font}px ${family}`;
    return context.measureText(text).width;
  };
}

export function useChartBox<T extends HTMLElement>(): [RefObject<T | null>, ChartBox | null] {
  const ref = useRef<T>(null);
  const [box, setBox] = useState<Box | null>(null);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    let fontsLoaded = 0;
    const read = () => {
      const width = element.clientWidth;
      // A hidden view (the table is showing) has no width: keep the last layout.
      if (width === 0) return;
      const style = getComputedStyle(element);
      const next = { width, font: parseFloat(style.fontSize) || 16, family: style.fontFamily, fontsLoaded };
      setBox((prev) =>
        prev && prev.width === next.width && prev.font === next.font && prev.family === next.family && prev.fontsLoaded === next.fontsLoaded ? prev : next,
      );
    };
    read();
    const observer = new ResizeObserver(read);
    observer.observe(element);
    // A change of text size alone (no window resize) still changes the figure's caption height.
    if (element.parentElement) observer.observe(element.parentElement);
    let live = true;
    void document.fonts?.ready.then(() => {
      if (!live) return;
      fontsLoaded++;
      read();
    });
    return () => {
      live = false;
      observer.disconnect();
    };
  }, []);

  const measure = useMemo(() => (box ? measurer(box.font, box.family) : null), [box]);
  return [ref, box && measure ? { width: box.width, font: box.font, measure } : null];
}
