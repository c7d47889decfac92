/**
 * Removes personal data from free-text answers before they are shown or exported (docs/disclosure.md,
 * "Free text"). What goes:
 * - national_id: any 11-digit number, also grouped ("010190 12345", "01.01.90-12345", "0101 9012 345"):
 *   birth numbers mistyped or not, and bank account numbers alike;
 * - phone: 8 digits starting with 2–9, written together or as 3-2-3, 2-2-2-2 or (mobile, 4/9…) 4-4, or after
 *   +47 / 0047 in any grouping;
 * - email: anything@domain.tld;
 * - name: a word in the list of common Norwegian first names and surnames (scrub-names.json) or in the
 *   caller's extra list, in any case, also in the genitive ("Karis", "Olsens", "Lars'") and in double names
 *   ("Anne-Lise"). Names that are also everyday words ("per dag", "stein", "Dag for dag") count only when
 *   written as a name: capitalised and not first in a sentence, or next to another name ("Per Hansen").
 * Ordinary numbers stay: "1400 tilsette", "2 av 10", "kl. 14.30", "i 2025", "50 %", "3-4 timar", dates.
 *
 * The result is both a string, with each removed part replaced by REMOVED, and the same as segments; the
 * web shows a removed part as "[removed]" in the viewer's language (splitRemoved() turns a stored string
 * back into segments).
 */
import names from './scrub-names.json';

export type ScrubKind = 'national_id' | 'phone' | 'email' | 'name';

/** Stands for a removed part in stored and exported text; no respondent types it. */
export const REMOVED = '⟦removed⟧';

export type Segment = { text: string } | { removed: true };

export interface ScrubOptions {
  /** More names to remove (e.g. the municipality's own place or staff names), matched like the default list. */
  extraNames?: readonly string[];
}

export interface ScrubResult {
  text: string;
  segments: Segment[];
  removed: { kind: ScrubKind; start: number; end: number }[];
}

const lower = (s: string) => s.toLocaleLowerCase('nb');
const DEFAULT_NAMES = new Set([...names.firstNames, ...names.surnames].map(lower));
const ALSO_WORDS = new Set(names.alsoWords.map(lower));

export function scrub(text: string, options: ScrubOptions = {}): ScrubResult {
  const spans: { kind: ScrubKind; start: number; end: number }[] = [];
  const taken = (start: number, end: number) => spans.some((s) => start < s.end && end > s.start);
  const add = (kind: ScrubKind, start: number, end: number) => { if (!taken(start, end)) spans.push({ kind, start, end }); };

  for (const m of text.matchAll(EMAIL)) add('email', m.index, m.index + m[0].length);
  for (const s of numberSpans(text)) add(s.kind, s.start, s.end);
  const extra = new Set((options.extraNames ?? []).map(lower));
  for (const s of nameSpans(text, extra)) add('name', s.start, s.end);

  spans.sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start > at) segments.push({ text: text.slice(at, s.start) });
    segments.push({ removed: true });
    out += text.slice(at, s.start) + REMOVED;
    at = s.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  out += text.slice(at);
  return { text: out, segments, removed: spans };
}

/** A stored scrubbed text as segments, for display. */
export function splitRemoved(text: string): Segment[] {
  const out: Segment[] = [];
  text.split(REMOVED).forEach((part, i) => {
    if (i > 0) out.push({ removed: true });
    if (part) out.push({ text: part });
  });
  return out;
}

// ---- E-mail

const EMAIL = /[\p{L}\p{N}_.%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// ---- Numbers

/**
 * Runs of digit groups joined by one separator (space, no-break space, dot, dash, slash), with an optional
 * +47 / 0047 in front. Letters or two separators end a run, so "2 av 10" is two runs.
 */
const NUMBER_RUN = /(\(?\+47\)?[ \u00a0.-]?|(?<![\p{N}])0047[ \u00a0.-]?)?(?<![\p{N}.,])\p{N}+(?:[ \u00a0./-]\p{N}+)*(?![\p{N}])/gu;

function numberSpans(text: string): { kind: ScrubKind; start: number; end: number }[] {
  const out: { kind: ScrubKind; start: number; end: number }[] = [];
  for (const m of text.matchAll(NUMBER_RUN)) {
    const prefix = m[1] ?? '';
    const body = m[0].slice(prefix.length);
    const bodyStart = m.index + prefix.length;
    // Groups of digits with their positions in the text.
    const groups: { digits: string; start: number; end: number }[] = [];
    for (const g of body.matchAll(/\p{N}+/gu)) groups.push({ digits: g[0], start: bodyStart + g.index, end: bodyStart + g.index + g[0].length });
    if (prefix) {
      if (groups.reduce((s, g) => s + g.digits.length, 0) === 8) { out.push({ kind: 'phone', start: m.index, end: groups.at(-1)!.end }); continue; }
    }
    // Left to right, the longest window of whole groups that is an 11-digit number or a phone number.
    for (let i = 0; i < groups.length;) {
      let found = false;
      for (let j = groups.length; j > i && !found; j--) {
        const window = groups.slice(i, j);
        const kind = classify(window.map((g) => g.digits));
        if (kind) {
          out.push({ kind, start: window[0]!.start, end: window.at(-1)!.end });
          i = j;
          found = true;
        }
      }
      if (!found) i++;
    }
  }
  return out;
}

function classify(groups: string[]): ScrubKind | null {
  const digits = groups.join('');
  if (digits.length === 11) return 'national_id';
  if (digits.length !== 8 || !/^[2-9]/.test(digits)) return null;
  const shape = groups.map((g) => g.length).join('-');
  if (shape === '8' || shape === '3-2-3' || shape === '2-2-2-2') return 'phone';
  if (shape === '4-4' && /^[49]/.test(digits)) return 'phone';
  return null;
}

// ---- Names

const CONJUNCTION = /^(?:og|eller|and|or)$/iu;

/** Words (letters, inner apostrophes and hyphens). */
const WORD = /\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*['’]?/gu;

function nameSpans(text: string, extra: Set<string>): { start: number; end: number }[] {
  const isName = (w: string) => DEFAULT_NAMES.has(w) || extra.has(w);
  const words = [...text.matchAll(WORD)].map((m) => {
    const listed = formsOf(m[0]).filter(isName);
    return {
      start: m.index,
      end: m.index + m[0].length,
      listed: listed.length > 0,
      // Extra names are the caller's: never second-guessed as everyday words.
      ambiguous: listed.length > 0 && listed.every((f) => ALSO_WORDS.has(f) && !extra.has(f)),
      capitalised: /^\p{Lu}/u.test(m[0]),
      sentenceStart: startsSentence(text, m.index),
      name: false,
    };
  });
  for (const w of words) w.name = w.listed && !w.ambiguous;
  // The names next to word i: across spaces or a comma ("Per Hansen"), or across "og" / "eller" ("Dag og Tone").
  const between = (a: number, b: number) => (a >= 0 && b < words.length ? text.slice(words[a]!.end, words[b]!.start) : null);
  const beside = (i: number) => [i - 1, i + 1].flatMap((j) => {
    const [a, b] = j < i ? [j, i] : [i, j];
    if (!words[j]) return [];
    if (!CONJUNCTION.test(text.slice(words[j]!.start, words[j]!.end))) return /^[ \u00a0]*[,&]?[ \u00a0]+$/u.test(between(a, b) ?? '-') ? [j] : [];
    const k = j < i ? j - 1 : j + 1;
    const [c, d] = j < i ? [k, j] : [j, k];
    return /^[ \u00a0]+$/u.test(between(a, b) ?? '-') && /^[ \u00a0]+$/u.test(between(c, d) ?? '-') ? [k] : [];
  });
  // A word-like name is a name when written as one, or next to a capitalised name ("Stein Berg", "Per Hansen").
  for (let changed = true; changed;) {
    changed = false;
    words.forEach((w, i) => {
      if (w.name || !w.ambiguous || !w.capitalised) return;
      const besideName = beside(i).some((j) => words[j]!.name && words[j]!.capitalised);
      if (!w.sentenceStart || besideName) { w.name = true; changed = true; }
    });
  }
  return words.filter((w) => w.name).map(({ start, end }) => ({ start, end }));
}

/** The word at `index` begins the text, a sentence or a line (opening quotes, brackets and list marks aside). */
function startsSentence(text: string, index: number): boolean {
  const before = text.slice(0, index).replace(/["«“‘'([–—*•-]*\s*$/u, '');
  return /(^|[.!?…]["»”’)]*\s*|\n\s*)$/u.test(before);
}

/** The word and what it may be a form of: genitive -s or -', and each part of a double name. */
function formsOf(word: string): string[] {
  const w = lower(word).replace(/['’]$/, '');
  const out = new Set([w]);
  const apostrophe = w.match(/^(.+?)['’]s$/);
  if (apostrophe) out.add(apostrophe[1]!);
  if (w.endsWith('s') && w.length > 3) out.add(w.slice(0, -1));
  if (w.includes('-')) for (const part of w.split('-')) out.add(part);
  return [...out];
}
