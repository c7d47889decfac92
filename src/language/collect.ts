/**
 * Collects the texts the language checks run on: every LocalizedText ({ nb, nn, en }) in the instrument
 * files and the nb / nn UI strings of the web app.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { CODEBOOK_TEXTS } from '../domain/codebook';
import { DOCUMENT_TEXTS } from '../domain/export-documents';
import { LOCAL_TEXTS } from '../domain/local-items';
import { reportTexts } from '../server/report-texts';
import type { TextEntry } from './spelling';

export interface LocalizedTextAt {
  source: string;
  /** Readable path inside the file: array elements by their `id` where they have one, e.g. sections[care].items[dk:care_grid].rows[dk:care_01].text */
  path: string;
  nb: string;
  nn: string;
  en: string;
  /** The object holding the text is an item or grid row and the key is `text`: the plain-language limit applies. */
  isItemText: boolean;
}

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const isLocalized = (v: unknown): v is { nb: string; nn: string; en: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) &&
  typeof (v as Record<string, unknown>).nb === 'string' &&
  typeof (v as Record<string, unknown>).nn === 'string' &&
  typeof (v as Record<string, unknown>).en === 'string';

/** Every LocalizedText object in a parsed document, with its path. */
export function localizedTexts(doc: unknown, source: string): LocalizedTextAt[] {
  const out: LocalizedTextAt[] = [];
  const walk = (node: unknown, path: string, parent: Record<string, unknown> | null, key: string) => {
    if (isLocalized(node)) {
      const isItemText = key === 'text' && parent !== null && typeof parent.id === 'string' && /:/.test(parent.id);
      out.push({ source, path, nb: node.nb, nn: node.nn, en: node.en, isItemText });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((el, i) => {
        const id = typeof el === 'object' && el !== null && typeof (el as Record<string, unknown>).id === 'string' ? (el as Record<string, string>).id : String(i);
        walk(el, `${path}[${id}]`, parent, key);
      });
      return;
    }
    if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k, node as Record<string, unknown>, k);
    }
  };
  walk(doc, '', null, '');
  return out;
}

export function instrumentFiles(root = repoRoot): string[] {
  const dir = join(root, 'instruments');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
}

export function instrumentTexts(file: string, root = repoRoot): LocalizedTextAt[] {
  return localizedTexts(parse(readFileSync(file, 'utf8')), relative(root, file));
}

/** Texts written in code rather than in a file: the generated section of a municipality's local systems, and the export's codebook labels. */
/** { nb: { key: text }, … } → { key: { nb, nn, en } }, the shape localizedTexts() walks. */
function byKey(texts: Record<'nb' | 'nn' | 'en', Record<string, string>>): Record<string, { nb: string; nn: string; en: string }> {
  const p = (s: string) => s.replace(/\{(\w+)\}/g, '{{$1}}'); // the report's {name} placeholders, as the rules know them
  return Object.fromEntries(Object.keys(texts.en).map((k) => [k, { nb: p(texts.nb[k]!), nn: p(texts.nn[k]!), en: p(texts.en[k]!) }]));
}

export function generatedTexts(): LocalizedTextAt[] {
  return [
    ...localizedTexts(LOCAL_TEXTS, 'src/domain/local-items.ts'),
    ...localizedTexts(CODEBOOK_TEXTS, 'src/domain/codebook.ts'),
    ...localizedTexts(DOCUMENT_TEXTS, 'src/domain/export-documents.ts'),
    ...localizedTexts(byKey(reportTexts), 'src/server/report-texts.ts'),
  ];
}

/** Flattens a nested i18next resource to dotted keys → strings. */
export function flattenMessages(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof node === 'string') out.set(prefix, node);
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) for (const [kk, vv] of flattenMessages(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  }
  return out;
}

export interface UiMessages {
  nb: { source: string; messages: Map<string, string> } | null;
  nn: { source: string; messages: Map<string, string> } | null;
}

/** The web app's nb and nn UI strings, where the files exist. */
export function uiMessages(root = repoRoot): UiMessages {
  const load = (lang: 'nb' | 'nn') => {
    const file = join(root, 'src', 'web', 'i18n', `${lang}.json`);
    if (!existsSync(file)) return null;
    return { source: relative(root, file), messages: flattenMessages(JSON.parse(readFileSync(file, 'utf8'))) };
  };
  return { nb: load('nb'), nn: load('nn') };
}

/** All nb and nn texts as entries for the spelling and deny-list checks. */
export function allEntries(root = repoRoot): TextEntry[] {
  const entries: TextEntry[] = [];
  for (const t of [...instrumentFiles(root).flatMap((file) => instrumentTexts(file, root)), ...generatedTexts()]) {
    entries.push({ source: t.source, path: t.path, lang: 'nb', text: t.nb }, { source: t.source, path: t.path, lang: 'nn', text: t.nn });
  }
  const ui = uiMessages(root);
  for (const lang of ['nb', 'nn'] as const) {
    const m = ui[lang];
    if (m) for (const [key, text] of m.messages) entries.push({ source: m.source, path: key, lang, text });
  }
  return entries;
}
