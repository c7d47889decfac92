/**
 * Language rules that a dictionary alone cannot enforce: bokmål-only forms in nynorsk text (and the
 * reverse), nn texts that are just copies of the nb text, and plain-language length limits.
 * Pure functions; the hunspell dictionary check lives in spelling.ts.
 */

export type NorwegianLanguage = 'nb' | 'nn';

/**
 * Forms that are bokmål only: wrong in nynorsk. Only words that are never correct nynorsk are listed
 * (e.g. not «også», «blitt», «hjelpe», «uke», «leder», which nynorsk accepts or uses in another sense).
 * Several of these pass the nn_NO hunspell dictionary (fikk, mye, bare, vet, gjør, ble, bruker, trenger,
 * synes), which is why this list exists.
 */
export const BOKMAL_ONLY: readonly string[] = [
  'ikke', 'jeg', 'hva', 'hvordan', 'hvilke', 'hvilken', 'hvilket', 'hvem', 'hvor', 'hvorfor', 'hvis',
  'hver', 'hvert', 'noen', 'noe', 'fikk', 'mye', 'bare', 'fra', 'selv', 'hjem', 'hjemme', 'vet',
  'gjøre', 'gjør', 'mer', 'måned', 'dere', 'ble', 'være', 'vært', 'enhet', 'tjeneste', 'tjenesten',
  'tjenester', 'sykepleier', 'sykehus', 'sykehjem', 'bruker', 'brukere', 'trenger', 'synes', 'mener',
];

/**
 * Forms that are nynorsk only: wrong in bokmål. Forms that bokmål also has (e.g. «heim», «ho») and
 * nynorsk words that are also other bokmål words («veit» a ditch, «kor» a choir, «treng» an imperative)
 * are left out.
 */
export const NYNORSK_ONLY: readonly string[] = [
  'ikkje', 'eg', 'kva', 'korleis', 'kven', 'kvifor', 'nokon', 'noko', 'nokre', 'fekk', 'kvar', 'kvart',
  'berre', 'eit', 'ein', 'dei', 'frå', 'meir', 'mykje', 'sjølv', 'heime', 'gjere', 'vere', 'vore', 'òg',
  'brukar', 'brukarar', 'teneste', 'tenesta', 'tenester', 'eining', 'sjukepleiar', 'sjukeheim', 'leiar',
  'synest', 'meiner', 'ønskjer', 'dykk', 'dykkar',
];

const denyFor: Record<NorwegianLanguage, ReadonlySet<string>> = {
  nn: new Set(BOKMAL_ONLY),
  nb: new Set(NYNORSK_ONLY),
};

/** Removes what is not prose: i18next placeholders and nesting, printf-style %d / %s, HTML tags and entities, URLs, e-mail addresses. */
export function stripMarkup(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .replace(/\$t\([^)]*\)/g, ' ')
    .replace(/%(?:\d+\$)?[sdif]\b/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ')
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g, ' ');
}

/**
 * The words of a text, after stripMarkup: letters with inner hyphens or apostrophes («e-post»,
 * «IKT-kompetanse»); a trailing hyphen of a shared compound («helse- og omsorg») is dropped.
 * Tokens with digits (T0, 12–15) are not words to spell-check.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of stripMarkup(text).matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*-?/gu)) {
    const token = m[0].replace(/-$/, '');
    if (/\p{N}/u.test(token)) continue;
    out.push(token);
  }
  return out;
}

/** Plain-language length: whitespace-separated chunks of the text without markup. */
export function wordCount(text: string): number {
  return stripMarkup(text).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Deny-listed forms in a text of the given language (lower-cased, each once). */
export function denyHits(lang: NorwegianLanguage, text: string): string[] {
  const deny = denyFor[lang];
  const hits = new Set<string>();
  for (const token of words(text)) {
    for (const part of [token, ...token.split(/['’-]/)]) {
      const lower = part.toLowerCase();
      if (deny.has(lower)) hits.add(lower);
    }
  }
  return [...hits];
}

const normalise = (t: string) => stripMarkup(t).replace(/\s+/g, ' ').trim().toLowerCase();

/** True when an nn text of more than three words is the same as its nb text (a copy, not nynorsk). */
export function isCopiedNynorsk(nb: string, nn: string): boolean {
  return wordCount(nn) > 3 && normalise(nb) === normalise(nn);
}

export const PLAIN_LANGUAGE_TARGET = 20;
export const PLAIN_LANGUAGE_LIMIT = 25;
