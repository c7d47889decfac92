/**
 * Spell-check of bokmål and nynorsk texts against Debian's hunspell dictionaries (package hunspell-no:
 * /usr/share/hunspell/nb_NO.* and nn_NO.*), by running the `hunspell` program.
 *
 * Why the program and not a JavaScript port: the dictionaries are ISO-8859-1 with compounding rules
 * (COMPOUNDFLAG, ONLYINCOMPOUND, …); hunspell itself applies them exactly, reads UTF-8 input with
 * `-i utf-8`, and checks a few thousand distinct words in well under a second. Each text is cut into
 * words here (see rules.ts `words`), the distinct words are sent once per language, one per line, to
 * `hunspell -d <dir>/<lang>_NO -l -i utf-8`, and the words it prints back are the unknown ones.
 * Hyphenated words are checked part by part (as hunspell itself does), unless the whole word is on
 * the allow-list.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { words, type NorwegianLanguage } from './rules';

export interface AllowEntry {
  word: string;
  /** Languages the entry applies to; both when omitted. */
  langs?: NorwegianLanguage[];
  reason: string;
}

/** One text to check: where it comes from (file and path inside it), its language and the text. */
export interface TextEntry {
  source: string;
  path: string;
  lang: NorwegianLanguage;
  text: string;
}

export interface UnknownWord {
  word: string;
  lang: NorwegianLanguage;
  source: string;
  path: string;
  text: string;
}

export const DICTIONARY_DIR = process.env.HUNSPELL_DICT_DIR ?? '/usr/share/hunspell';
const dictionaryName = (lang: NorwegianLanguage) => `${lang}_NO`;

export type DictionaryStatus = { ok: true } | { ok: false; reason: string };

/** Whether the `hunspell` program and both Norwegian dictionaries are present. */
export function dictionaryStatus(dir = DICTIONARY_DIR): DictionaryStatus {
  const probe = spawnSync('hunspell', ['-v'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { ok: false, reason: 'the hunspell program is missing (apt-get install hunspell)' };
  for (const lang of ['nb', 'nn'] as const) {
    for (const ext of ['dic', 'aff']) {
      const file = join(dir, `${dictionaryName(lang)}.${ext}`);
      if (!existsSync(file)) return { ok: false, reason: `${file} is missing (apt-get install hunspell-no)` };
    }
  }
  return { ok: true };
}

/** The words hunspell does not know, of those given (each word as given, once). */
export function hunspellUnknown(lang: NorwegianLanguage, list: readonly string[], dir = DICTIONARY_DIR): Set<string> {
  const distinct = [...new Set(list.filter((w) => w.length > 0))];
  if (distinct.length === 0) return new Set();
  const result = spawnSync('hunspell', ['-d', join(dir, dictionaryName(lang)), '-l', '-i', 'utf-8'], {
    input: distinct.join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`hunspell -d ${lang}_NO failed (${result.status}): ${result.stderr}`);
  return new Set(result.stdout.split('\n').map((l) => l.trim()).filter(Boolean));
}

function allowSet(allow: readonly AllowEntry[], lang: NorwegianLanguage): Set<string> {
  return new Set(allow.filter((e) => !e.langs || e.langs.includes(lang)).map((e) => e.word.toLowerCase()));
}

/**
 * Checks texts against the dictionary of each one's language. Returns every unknown word with the
 * text it came from (a word that occurs in several texts is reported for each).
 */
export function findUnknownWords(entries: readonly TextEntry[], allow: readonly AllowEntry[] = [], dir = DICTIONARY_DIR): UnknownWord[] {
  const findings: UnknownWord[] = [];
  for (const lang of ['nb', 'nn'] as const) {
    const allowed = allowSet(allow, lang);
    const mine = entries.filter((e) => e.lang === lang);
    const tokensOf = new Map<TextEntry, string[]>();
    const parts = new Set<string>();
    for (const entry of mine) {
      const tokens = words(entry.text).filter((t) => !allowed.has(t.toLowerCase()));
      tokensOf.set(entry, tokens);
      for (const t of tokens) for (const p of t.split(/['’-]/)) if (p && !allowed.has(p.toLowerCase())) parts.add(p);
    }
    const unknown = hunspellUnknown(lang, [...parts], dir);
    for (const entry of mine) {
      const seen = new Set<string>();
      for (const token of tokensOf.get(entry) ?? []) {
        const bad = token.split(/['’-]/).some((p) => p && !allowed.has(p.toLowerCase()) && unknown.has(p));
        if (bad && !seen.has(token)) {
          seen.add(token);
          findings.push({ word: token, lang, source: entry.source, path: entry.path, text: entry.text });
        }
      }
    }
  }
  return findings;
}

/** Unknown words of single texts, e.g. for a quick check in a script: `checkTexts('nn', ['Eg veit ikkje'])`. */
export function checkTexts(lang: NorwegianLanguage, texts: readonly string[], allow: readonly AllowEntry[] = []): string[] {
  const entries = texts.map((text, i) => ({ source: 'texts', path: String(i), lang, text }));
  return [...new Set(findUnknownWords(entries, allow).map((f) => f.word))];
}
