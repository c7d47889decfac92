// The three languages stay complete and in step: no missing key, no unused key, keys literal in the
// source (dynamic ones listed in keys.ts), the same placeholders, and nynorsk that is nynorsk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import nb from './nb.json';
import nn from './nn.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.entries(tree).reduce<Record<string, string>>((out, [key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? { ...out, [path]: value } : { ...out, ...flatten(value, path) };
  }, {});
}

const languages = { nb: flatten(nb), nn: flatten(nn), en: flatten(en) };
/** i18next's plural forms (key_one, key_other) are used as `key` with a count. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

const webRoot = join(import.meta.dirname, '..');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}
const sources = sourceFiles(webRoot).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const allSource = sources.map((s) => s.text).join('\n');

/** Every quoted string in the source that looks like a key ("survey.next"). */
const literalKeys = new Set([...allSource.matchAll(/['"`]([a-zA-Z][\w]*(?:\.[\w]+)+)['"`]/g)].map((m) => m[1]!));

/** How t() may be called: a literal key, or a key from one of the lists in keys.ts. */
const allowedDynamic = /^(answerErrorKey\(|formKey\(|roleKeys\[|waveStatusKeys\[|suppressedKeys\[|scaleKindKeys\[|languageNameKeys\[|linkingCodeKeys\[|sizeClassKeys\[)/;

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|%d/g)].map((m) => m[0].replace(/\s/g, '')).sort();
/** Words a reader reads: placeholders, numbers and punctuation do not count. */
const words = (text: string) => text.replace(/\{\{[^}]*\}\}|%d/g, ' ').split(/[^\p{L}]+/u).filter(Boolean);

describe('translations', () => {
  it('have the same keys in nb, nn and en', () => {
    const nbKeys = Object.keys(languages.nb).sort();
    expect(Object.keys(languages.nn).sort()).toEqual(nbKeys);
    expect(Object.keys(languages.en).sort()).toEqual(nbKeys);
  });

  it('have no empty text', () => {
    for (const [language, texts] of Object.entries(languages)) {
      const empty = Object.entries(texts).filter(([, text]) => text.trim() === '').map(([key]) => key);
      expect(empty, `empty texts in ${language}`).toEqual([]);
    }
  });

  it('use the same placeholders in every language', () => {
    const mismatched = Object.keys(languages.nb).filter(
      (key) =>
        placeholders(languages.nn[key]!).join() !== placeholders(languages.nb[key]!).join() ||
        placeholders(languages.en[key]!).join() !== placeholders(languages.nb[key]!).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('are all used in the source', () => {
    const unused = Object.keys(languages.nb).filter((key) => !literalKeys.has(base(key)));
    expect(unused, 'keys in nb.json that no source file mentions (list dynamic keys in keys.ts)').toEqual([]);
  });

  it('exist for every key the source asks for', () => {
    const known = new Set(Object.keys(languages.nb).map(base));
    const calls = [...allSource.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!);
    expect(calls.length).toBeGreaterThan(50);
    expect(calls.filter((key) => !known.has(key))).toEqual([]);
    const listed = [...readFileSync(join(import.meta.dirname, 'keys.ts'), 'utf8').matchAll(/'([a-zA-Z]+\.[\w.]+)'/g)].map((m) => m[1]!);
    expect(listed.filter((key) => !known.has(key))).toEqual([]);
  });

  it('are asked for by literal keys (or the lists in keys.ts), so the checks above see them', () => {
    const offenders = sources.flatMap(({ path, text }) =>
      [...text.matchAll(/\bt\(\s*([^,)\s][^,)]*)/g)]
        .map((m) => m[1]!.trim())
        .filter((arg) => !/^'[^']+'$/.test(arg) && !allowedDynamic.test(arg))
        .map((arg) => `${path.slice(webRoot.length + 1)}: t(${arg}`),
    );
    expect(offenders).toEqual([]);
  });

  it('give nynorsk its own text, not a copy of bokmål, for anything longer than three words', () => {
    const copied = Object.keys(languages.nb).filter((key) => words(languages.nb[key]!).length > 3 && languages.nn[key] === languages.nb[key]);
    expect(copied).toEqual([]);
  });

  it('keep bokmål forms out of nynorsk and nynorsk forms out of bokmål', () => {
    const bokmaal = /\b(ikke|jeg|hva|hvordan|hvem|noen|hvor|hver|fikk|hvis|mye|bare|hele|senere|fortsett|enhet|enheten|ansatte)\b/i;
    const nynorsk = /\b(ikkje|eg|kva|korleis|kven|nokon|kvar|fekk|berre|heile|seinare|eining|tilsette|dersom)\b/i;
    const inNn = Object.entries(languages.nn).filter(([, text]) => bokmaal.test(text)).map(([key, text]) => `${key}: ${text}`);
    const inNb = Object.entries(languages.nb).filter(([, text]) => nynorsk.test(text)).map(([key, text]) => `${key}: ${text}`);
    expect(inNn).toEqual([]);
    expect(inNb).toEqual([]);
  });
});
