/**
 * The text of a PDF as a reader extracts it, for tests, without a PDF library: objects are read from the
 * file, streams inflated (FlateDecode), each font's ToUnicode map read (bfchar and bfrange), and the pages'
 * content streams replayed — the font set by Tf, the glyph codes shown by Tj/TJ mapped to Unicode. A new
 * line starts where a text matrix (Tm) moves to another line. Enough for what pdfmake/PDFKit writes
 * (Type0 fonts with Identity-H, two-byte codes); also a check that the text really is extractable.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const text = pdf.toString('latin1');
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    if (streamAt === -1) {
      objects.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    let dataStart = start + streamAt + 'stream'.length;
    if (text[dataStart] === '\r') dataStart++;
    if (text[dataStart] === '\n') dataStart++;
    const length = /\/Length (\d+)/.exec(dict);
    const dataEnd = length ? dataStart + Number(length[1]) : text.indexOf('endstream', dataStart);
    const raw = pdf.subarray(dataStart, dataEnd);
    objects.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
    re.lastIndex = end;
  }
  return objects;
}

const hexToString = (spaced: string) => {
  const hex = spaced.replace(/\s+/g, '');
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCodePoint(parseInt(hex.slice(i, i + 4), 16));
  return out;
};

/** A ToUnicode CMap: glyph code → text. */
function readCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(m[1]!, 16), hexToString(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    // A target may be spaced (<0066 0069> for the ligature "fi").
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      const target = m[3]!;
      if (target.startsWith('[')) {
        const list = [...target.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((x) => hexToString(x[1]!));
        for (let c = from; c <= to; c++) map.set(c, list[c - from] ?? '');
      } else {
        const base = parseInt(target.slice(1, -1).replace(/\s+/g, ''), 16);
        for (let c = from; c <= to; c++) map.set(c, String.fromCodePoint(base + (c - from)));
      }
    }
  }
  return map;
}

export interface PdfText {
  /** Every page's text, in order. */
  pages: string[];
  /** The pages together. */
  text: string;
}

export function pdfText(pdf: Buffer): PdfText {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
  const objects = readObjects(pdf);
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : null;
  };
  interface Font {
    cmap: Map<number, string>;
    /** Glyph code → advance in thousandths of the font size (the CIDFont's /W). */
    widths: Map<number, number>;
  }
  const fontCache = new Map<number, Font>();
  const fontOf = (fontId: number): Font => {
    let font = fontCache.get(fontId);
    if (!font) {
      const dict = objects.get(fontId)?.dict ?? '';
      const toUnicode = ref(dict, 'ToUnicode');
      const descendant = /\/DescendantFonts\s*\[\s*(\d+) 0 R/.exec(dict);
      const cid = descendant ? (objects.get(Number(descendant[1]))?.dict ?? '') : '';
      const widths = new Map<number, number>();
      const w = /\/W\s*\[([\s\S]*)\]/.exec(cid)?.[1] ?? '';
      for (const m of w.matchAll(/(\d+)\s*\[([^\]]*)\]/g)) m[2]!.trim().split(/\s+/).forEach((x, i) => widths.set(Number(m[1]) + i, Number(x)));
      font = { cmap: toUnicode === null ? new Map() : readCmap(objects.get(toUnicode)?.stream?.toString('latin1') ?? ''), widths };
      fontCache.set(fontId, font);
    }
    return font;
  };

  // Pages in order: the Pages tree's Kids.
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  const pageIds: number[] = [];
  const walk = (id: number) => {
    const dict = objects.get(id)?.dict ?? '';
    if (/\/Type\s*\/Pages/.test(dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else pageIds.push(id);
  };
  const root = catalog ? ref(catalog.dict, 'Pages') : null;
  if (root !== null) walk(root);

  const pages = pageIds.map((pageId) => {
    const page = objects.get(pageId)!.dict;
    const resourcesId = ref(page, 'Resources');
    const resources = resourcesId !== null ? (objects.get(resourcesId)?.dict ?? '') : page;
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map([...fontDict.matchAll(/\/(\S+?) (\d+) 0 R/g)].map((m) => [m[1]!, Number(m[2])]));
    const contentIds = /\/Contents\s*\[([^\]]*)\]/.exec(page)?.[1] ?? String(ref(page, 'Contents') ?? '');
    const content = [...contentIds.matchAll(/(\d+)(?: 0 R)?/g)].map((m) => objects.get(Number(m[1]))?.stream?.toString('latin1') ?? '').join('\n');
    let font: Font = { cmap: new Map(), widths: new Map() };
    let size = 0;
    // Where the last shown text ended: a new text line starts a new line; a gap on the same line is a space.
    let endX: number | null = null;
    let lastY: number | null = null;
    let x = 0;
    let out = '';
    const show = (hex: string) => {
      for (let i = 0; i + 4 <= hex.length; i += 4) {
        const code = parseInt(hex.slice(i, i + 4), 16);
        out += font.cmap.get(code) ?? '';
        x += ((font.widths.get(code) ?? 0) / 1000) * size;
      }
    };
    const ops = /\/(\S+) ([\d.]+) Tf|[\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+ ([\d.-]+) ([\d.-]+) Tm|\[((?:<[0-9a-fA-F]*>|[\s\d.-]+)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
    for (const m of content.matchAll(ops)) {
      if (m[1] !== undefined) {
        const id = fonts.get(m[1]);
        font = id === undefined ? { cmap: new Map(), widths: new Map() } : fontOf(id);
        size = Number(m[2]);
      } else if (m[4] !== undefined) {
        const newX = Number(m[3]);
        const y = Number(m[4]);
        if (lastY !== null && Math.abs(y - lastY) > 0.5) out += '\n';
        else if (endX !== null && out !== '' && !/\s$/.test(out) && Math.abs(newX - endX) > 1) out += ' ';
        lastY = y;
        x = newX;
      } else if (m[5] !== undefined) {
        for (const part of m[5].matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
          if (part[1] !== undefined) show(part[1]);
          else x -= (Number(part[2]) / 1000) * size;
        }
        endX = x;
      } else if (m[6] !== undefined) {
        show(m[6]);
        endX = x;
      }
    }
    return out;
  });

  return { pages, text: pages.join('\n') };
}
