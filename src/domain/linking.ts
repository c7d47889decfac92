/**
 * Linking one wave's responses to the next by the self-generated identification code (SGIC): the fallback
 * after the receipt code and the device token (docs/linking.md). Pure: the component definitions, the
 * normaliser, the exact text the server feeds to HMAC, and the matching over opaque (already keyed-hashed)
 * component values. The server computes the hashes; nothing here sees a secret.
 */

/** How a component is asked and which values it takes. The web renders a control per kind. */
export type SgicInput =
  /** One letter A–Å (Å folds to A, see normalizeComponent). */
  | { kind: 'letter' }
  /** A day of the month, 1–31. */
  | { kind: 'day' }
  /** A month, 1–12 (the web shows month names). */
  | { kind: 'month' }
  /** A small count 0..max, where max means "max or more". */
  | { kind: 'count'; max: number };

export interface SgicComponent {
  /** Stable id: part of the hashed text, so renaming it breaks matching with earlier waves. */
  id: string;
  input: SgicInput;
  /** i18n key of the short question. */
  questionKey: string;
  /** i18n key of the help text under it. */
  helpKey: string;
}

/**
 * Bump when a component, its order or the normalisation changes: codes of different versions cannot be
 * compared, so a project keeps the version it started with.
 */
export const SGIC_VERSION = 1;

const component = (id: string, input: SgicInput): SgicComponent => ({
  id,
  input,
  questionKey: `survey.linking.code.${id}.question`,
  helpKey: `survey.linking.code.${id}.help`,
});

/**
 * The six questions, in hashing order. Chosen to be stable for life, known to the respondent without
 * looking anything up, and not held in any employer register (so a key holder cannot join them to HR data):
 * hence no own name, birth month or year, e-mail or phone. Reasons and references: docs/linking.md.
 * Every question also offers "I don't know", sent as null.
 */
export const SGIC_COMPONENTS: readonly SgicComponent[] = [
  component('motherInitial', { kind: 'letter' }),
  component('fatherInitial', { kind: 'letter' }),
  component('birthDay', { kind: 'day' }),
  component('motherBirthMonth', { kind: 'month' }),
  component('olderSiblings', { kind: 'count', max: 9 }),
  component('birthPlaceInitial', { kind: 'letter' }),
];

/** i18n key of the "I don't know" choice shared by every component. */
export const SGIC_UNKNOWN_KEY = 'survey.linking.code.unknown';

// ---- Normalisation

/** Letters a component can end up as: A–Z, Æ and Ø (Å is folded into A). */
const LETTER = /^[A-ZÆØ]$/;

/**
 * Spellings of the same letter that people use interchangeably. Å and "AA" are one letter in older
 * Norwegian names (Aase/Åse, Aage/Åge), so both fold to A: the small loss of spread is worth fewer
 * mismatches. Ä/Ö and "AE"/"OE" are the Swedish/German and keyboard-less ways to write Æ/Ø.
 */
const LETTER_EQUIVALENTS: Record<string, string> = { AA: 'A', Å: 'A', AE: 'Æ', Ä: 'Æ', OE: 'Ø', Ö: 'Ø' };

function normalizeLetter(raw: string): string | null {
  const s = raw.trim().replace(/\.$/, '').normalize('NFC').toUpperCase();
  const mapped = LETTER_EQUIVALENTS[s] ?? s;
  if (mapped.length !== 1) return null;
  // Other accents do not make another letter here: É → E, Ü → U. Æ and Ø have no decomposition and stay.
  const plain = mapped.normalize('NFD').replace(/\p{M}/gu, '');
  return LETTER.test(plain) ? plain : null;
}

function normalizeInteger(raw: string | number, min: number, max: number, orMore: boolean): string | null {
  const s = typeof raw === 'number' ? String(raw) : raw.trim().replace(/\.$/, '');
  // Whole numbers only, leading zeros allowed ("07"), and "9+" for "9 or more" on counts.
  const m = /^(\d{1,3})(\+?)$/.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  if (m[2] && !(orMore && n >= max)) return null;
  if (n < min) return null;
  if (n > max) return orMore ? String(max) : null;
  return String(n);
}

/**
 * What a respondent gave → the canonical value that is hashed, or null when it is empty or not a valid
 * answer (null is also how "I don't know" travels). Trims, upper-cases letters, folds letter spellings
 * (see LETTER_EQUIVALENTS), drops leading zeros and a trailing full stop ("7." is how Norwegians write a date).
 */
export function normalizeComponent(def: SgicComponent, raw: string | number | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number' && !Number.isInteger(raw)) return null;
  switch (def.input.kind) {
    case 'letter':
      return typeof raw === 'string' ? normalizeLetter(raw) : null;
    case 'day':
      return normalizeInteger(raw, 1, 31, false);
    case 'month':
      return normalizeInteger(raw, 1, 12, false);
    case 'count':
      return normalizeInteger(raw, 0, def.input.max, true);
  }
}

/** The answers of one respondent, in SGIC_COMPONENTS order, normalised. */
export function normalizeCode(raw: readonly (string | number | null | undefined)[], defs: readonly SgicComponent[] = SGIC_COMPONENTS): (string | null)[] {
  if (raw.length !== defs.length) throw new RangeError(`expected ${defs.length} answers, got ${raw.length}`);
  return defs.map((def, i) => normalizeComponent(def, raw[i]));
}

/**
 * The text the server feeds to HMAC for one component. The component id is part of it, so "A" as the
 * mother's initial and "A" as the father's hash differently (equal hashes would leak that they are equal).
 */
export function componentHashInput(def: SgicComponent, value: string): string {
  return `sgic:v${SGIC_VERSION}:${def.id}:${value}`;
}

/** The text the server feeds to HMAC for the whole code, or null when any component is missing. */
export function wholeCodeHashInput(values: readonly (string | null)[], defs: readonly SgicComponent[] = SGIC_COMPONENTS): string | null {
  if (values.length !== defs.length) throw new RangeError(`expected ${defs.length} values, got ${values.length}`);
  if (values.some((v) => v === null)) return null;
  return `sgic:v${SGIC_VERSION}:${defs.map((d, i) => `${d.id}=${values[i]!}`).join('|')}`;
}

// ---- Matching

/** One response's code: per-component keyed hashes (opaque here) in SGIC_COMPONENTS order, null = not answered. */
export interface CodeRecord {
  id: string;
  components: readonly (string | null)[];
}

export type Side = 'earlier' | 'later';

export interface CodePair {
  earlierId: string;
  laterId: string;
  kind: 'exact' | 'one-mismatch';
}

export interface MatchResult {
  /** Sorted by earlierId. */
  pairs: CodePair[];
  /** Records left unlinked although the other side had a candidate within reach (never linked). */
  ambiguous: { side: Side; id: string; candidateIds: string[] }[];
  /** Records with the same code within one side: for the researcher, never deleted, never linked automatically. */
  duplicates: { side: Side; ids: string[] }[];
}

export interface MatchOptions {
  /** Also link pairs that differ in one component when each is the other's only candidate (default true). */
  allowOneMismatch?: boolean;
}

/**
 * Components that differ between two codes. A missing component (null on either side) counts as a
 * difference: "I don't know" never agrees with anything, so it spends the one mismatch a pair may have.
 */
export function codeDistance(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  if (a.length !== b.length) throw new RangeError(`codes of different length: ${a.length} and ${b.length}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === null || b[i] === null || a[i] !== b[i]) d++;
  return d;
}

/** The records whose id is not already linked (by receipt or device token): run matchCodes on the rest. */
export function withoutLinked<T extends { id: string }>(records: readonly T[], linkedIds: Iterable<string>): T[] {
  const linked = new Set(linkedIds);
  return records.filter((r) => !linked.has(r.id));
}

const nullCount = (c: readonly (string | null)[]) => c.reduce((n, v) => n + (v === null ? 1 : 0), 0);

/**
 * Keys under which two codes meet when they differ in at most one component: for each position i whose
 * other components are all present, the code with position i left out. Two codes within distance 1 share
 * such a key, so candidates are found without comparing every pair.
 */
function leaveOneOutKeys(c: readonly (string | null)[]): string[] {
  const nulls = nullCount(c);
  const keys: string[] = [];
  for (let i = 0; i < c.length; i++) {
    if (nulls === 0 || (nulls === 1 && c[i] === null)) keys.push(JSON.stringify([i, ...c.slice(0, i), ...c.slice(i + 1)]));
  }
  return keys;
}

function validateSide(records: readonly CodeRecord[], side: Side, length: number) {
  const ids = new Set<string>();
  for (const r of records) {
    if (ids.has(r.id)) throw new RangeError(`${side}: id ${r.id} appears twice`);
    ids.add(r.id);
    if (r.components.length !== length) throw new RangeError(`${side}: ${r.id} has ${r.components.length} components, expected ${length}`);
  }
}

/**
 * Links the codes of two waves within one municipality.
 * 1. Duplicates: records with the same code on one side are flagged and never linked (they still count as
 *    candidates, so they make their neighbours ambiguous rather than letting a wrong partner through).
 * 2. Exact: a complete code found once on each side links those two.
 * 3. One mismatch: among the records still unlinked, two codes that differ in one component (or miss one)
 *    link when each is the other's only candidate. Anyone with two or more candidates stays unlinked.
 * Records missing two or more components cannot be matched and are ignored. Symmetric: swapping the
 * sides mirrors the result.
 */
export function matchCodes(earlier: readonly CodeRecord[], later: readonly CodeRecord[], options: MatchOptions = {}): MatchResult {
  const allowOneMismatch = options.allowOneMismatch ?? true;
  const length = earlier[0]?.components.length ?? later[0]?.components.length ?? 0;
  validateSide(earlier, 'earlier', length);
  validateSide(later, 'later', length);

  const usable = (rs: readonly CodeRecord[]) => rs.filter((r) => nullCount(r.components) <= 1);
  const sides = { earlier: usable(earlier), later: usable(later) };

  // 1. Duplicates within a side.
  const duplicates: MatchResult['duplicates'] = [];
  const duplicateIds = new Set<string>();
  for (const side of ['earlier', 'later'] as const) {
    const groups = new Map<string, string[]>();
    for (const r of sides[side]) {
      const key = JSON.stringify(r.components);
      groups.set(key, [...(groups.get(key) ?? []), r.id]);
    }
    for (const ids of groups.values()) {
      if (ids.length < 2) continue;
      ids.sort();
      duplicates.push({ side, ids });
      for (const id of ids) duplicateIds.add(`${side}:${id}`);
    }
  }
  duplicates.sort((a, b) => a.side.localeCompare(b.side) || a.ids[0]!.localeCompare(b.ids[0]!));
  const isDuplicate = (side: Side, id: string) => duplicateIds.has(`${side}:${id}`);

  // 2. Exact: a complete code that is unique on both sides.
  const pairs: CodePair[] = [];
  const laterByCode = new Map<string, CodeRecord>();
  for (const r of sides.later) if (nullCount(r.components) === 0 && !isDuplicate('later', r.id)) laterByCode.set(JSON.stringify(r.components), r);
  const linked = { earlier: new Set<string>(), later: new Set<string>() };
  for (const e of sides.earlier) {
    if (nullCount(e.components) > 0 || isDuplicate('earlier', e.id)) continue;
    const l = laterByCode.get(JSON.stringify(e.components));
    if (!l) continue;
    pairs.push({ earlierId: e.id, laterId: l.id, kind: 'exact' });
    linked.earlier.add(e.id);
    linked.later.add(l.id);
  }

  // 3. Candidates among the records not linked exactly: within distance 1, or 0 when mismatches are off.
  const pool = {
    earlier: sides.earlier.filter((r) => !linked.earlier.has(r.id)),
    later: sides.later.filter((r) => !linked.later.has(r.id)),
  };
  const candidatesOf = (from: readonly CodeRecord[], to: readonly CodeRecord[]) => {
    const index = new Map<string, string[]>();
    for (const r of to) for (const k of leaveOneOutKeys(r.components)) index.set(k, [...(index.get(k) ?? []), r.id]);
    const byId = new Map(to.map((r) => [r.id, r]));
    const out = new Map<string, string[]>();
    for (const r of from) {
      const found = new Set<string>();
      for (const k of leaveOneOutKeys(r.components)) for (const id of index.get(k) ?? []) found.add(id);
      const within = [...found].filter((id) => allowOneMismatch || codeDistance(r.components, byId.get(id)!.components) === 0);
      out.set(r.id, within.sort());
    }
    return out;
  };
  const candidates = { earlier: candidatesOf(pool.earlier, pool.later), later: candidatesOf(pool.later, pool.earlier) };

  if (allowOneMismatch) {
    for (const e of pool.earlier) {
      const mine = candidates.earlier.get(e.id)!;
      if (mine.length !== 1 || isDuplicate('earlier', e.id)) continue;
      const l = mine[0]!;
      const theirs = candidates.later.get(l)!;
      if (theirs.length !== 1 || isDuplicate('later', l)) continue;
      pairs.push({ earlierId: e.id, laterId: l, kind: 'one-mismatch' });
      linked.earlier.add(e.id);
      linked.later.add(l);
    }
  }

  const ambiguous: MatchResult['ambiguous'] = [];
  for (const side of ['earlier', 'later'] as const) {
    for (const r of pool[side]) {
      const c = candidates[side].get(r.id)!;
      if (c.length > 0 && !linked[side].has(r.id) && !isDuplicate(side, r.id)) ambiguous.push({ side, id: r.id, candidateIds: c });
    }
  }
  ambiguous.sort((a, b) => a.side.localeCompare(b.side) || a.id.localeCompare(b.id));
  pairs.sort((a, b) => a.earlierId.localeCompare(b.earlierId));
  return { pairs, ambiguous, duplicates };
}
