/**
 * A municipality's own systems in a wave (e.g. the name of its patient record), asked about without
 * touching the stored questionnaire: the served instrument is the base instrument plus one generated
 * section, placed right after the technologies. Each system gets a use item with the national
 * technologies' options (never / sometimes / weekly / daily) and a confidence row shown only when used,
 * in the same style as the full form. Ids live in the municipality's namespace,
 * `local:<namespace>:use_<key>` and `local:<namespace>:conf_<key>`, so they never mix with core items
 * and are reported apart. Pure: the texts below are checked by the language tests (src/language).
 */
import type { Condition, Instrument, Item, LikertScale, LocalizedText, Section } from '../contracts/instrument.js';

export interface LocalItem {
  /** Lower-case letters, digits and _; the last part of the item ids. */
  key: string;
  /** The system's name, as respondents know it. */
  name: LocalizedText;
}

export const LOCAL_SECTION_ID = 'local_systems';
export const LOCAL_CONFIDENCE_SCALE = 'local_confidence5';
/** Use values that make the confidence question appear (as for the national technologies). */
export const USED = ['sometimes', 'weekly', 'daily'] as const;

/** Every fixed text of the generated section; also what the language checks read. */
export const LOCAL_TEXTS = {
  title: { nb: 'Lokale systemer', nn: 'Lokale system', en: 'Local systems' },
  intro: {
    nb: 'Dette er systemer som kommunen din bruker. Hvor ofte bruker du dem i arbeidet? «Av og til» betyr sjeldnere enn hver uke.',
    nn: 'Dette er system som kommunen din brukar. Kor ofte brukar du dei i arbeidet? «Av og til» tyder sjeldnare enn kvar veke.',
    en: 'These are systems your municipality uses. How often do you use them at work? “Sometimes” means less than weekly.',
  },
  confidence: { nb: 'Hvor trygg er du når du bruker disse?', nn: 'Kor trygg er du når du brukar desse?', en: 'How confident are you when you use these?' },
  options: [
    { value: 'never', label: { nb: 'Aldri', nn: 'Aldri', en: 'Never' } },
    { value: 'sometimes', label: { nb: 'Av og til', nn: 'Av og til', en: 'Sometimes' } },
    { value: 'weekly', label: { nb: 'Hver uke', nn: 'Kvar veke', en: 'Every week' } },
    { value: 'daily', label: { nb: 'Hver dag', nn: 'Kvar dag', en: 'Every day' } },
  ],
  points: [
    { value: 1, label: { nb: 'Ikke trygg', nn: 'Ikkje trygg', en: 'Not confident' } },
    { value: 2, label: { nb: 'Litt trygg', nn: 'Litt trygg', en: 'Slightly confident' } },
    { value: 3, label: { nb: 'Middels trygg', nn: 'Middels trygg', en: 'Moderately confident' } },
    { value: 4, label: { nb: 'Ganske trygg', nn: 'Ganske trygg', en: 'Quite confident' } },
    { value: 5, label: { nb: 'Svært trygg', nn: 'Svært trygg', en: 'Very confident' } },
  ],
} as const satisfies {
  title: LocalizedText;
  intro: LocalizedText;
  confidence: LocalizedText;
  options: { value: string; label: LocalizedText }[];
  points: { value: number; label: LocalizedText }[];
};

/** The item ids of one local system in a namespace (the municipality's id). */
export function localItemIds(namespace: string, key: string) {
  return { use: `local:${namespace}:use_${key}`, confidence: `local:${namespace}:conf_${key}` };
}

/** Whether an item id belongs to some municipality's local items. */
export const isLocalItemId = (id: string) => id.startsWith('local:');

/** The base instrument with the local systems' section after the technologies (or at the end). */
export function withLocalItems(base: Instrument, namespace: string, items: readonly LocalItem[]): Instrument {
  if (items.length === 0) return base;
  const ids = items.map((i) => ({ ...localItemIds(namespace, i.key), name: i.name }));
  const used = (id: string): Condition => ({ item: id, op: 'in', values: [...USED] });
  const useItems: Item[] = ids.map((i) => ({
    id: i.use,
    type: 'single',
    text: i.name,
    options: LOCAL_TEXTS.options.map((o) => ({ value: o.value, label: o.label })),
  }));
  const confidence: Item = {
    id: `local:${namespace}:conf`,
    type: 'grid',
    scale: LOCAL_CONFIDENCE_SCALE,
    text: LOCAL_TEXTS.confidence,
    showIf: ids.length === 1 ? used(ids[0]!.use) : { any: ids.map((i) => used(i.use)) },
    rows: ids.map((i) => ({ id: i.confidence, text: i.name, showIf: used(i.use) })),
  };
  const section: Section = { id: LOCAL_SECTION_ID, title: LOCAL_TEXTS.title, intro: LOCAL_TEXTS.intro, items: [...useItems, confidence] };
  const scale: LikertScale = { id: LOCAL_CONFIDENCE_SCALE, points: LOCAL_TEXTS.points.map((p) => ({ value: p.value, label: p.label })) };
  // After the last section that asks how often a technology is used; the training and open questions stay last.
  const technologies = base.sections.findLastIndex((s) => s.items.some((i) => /:use_/.test(i.id)));
  const at = technologies === -1 ? base.sections.length : technologies + 1;
  return {
    ...base,
    likertScales: [...base.likertScales, scale],
    sections: [...base.sections.slice(0, at), section, ...base.sections.slice(at)],
  };
}
