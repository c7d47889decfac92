/**
 * The codebook of a research export: the variable list built from the questionnaire versions of a
 * project or wave (plus any municipality's local items), and how one stored response becomes one row
 * of values. Pure; the export service (src/server/services/export.service.ts) streams the rows, and
 * export-syntax.ts / export-documents.ts turn the codebook into SPSS, Stata, R, HTML and README files.
 *
 * Decisions (docs/export.md explains them for researchers):
 * - Names: lower case, [a-z][a-z0-9_]*, at most 32 characters (Stata's limit, the strictest), unique,
 *   and no word reserved in SPSS, Stata or R. An item `dk:care_01` becomes `care_01`; when that name is
 *   taken (by a meta variable or another namespace's item) or reserved, `dk_care_01`. A municipality's
 *   own item `local:<municipality id>:use_x` becomes `local_<SSB code>_use_x`. Multiple choice gives one
 *   variable per option, `<item name>_<option value>`. Scale scores are `score_<scale id>`. A name that
 *   is still taken or too long is cut and given `_2`, `_3`, …: the first in document order keeps the
 *   plain name, so names are stable as long as the questionnaires are.
 * - Codes: single choice 1…n in option order; multiple choice 0 = not chosen, 1 = chosen; Likert items
 *   their point values as stored (reverse-keyed items are NOT turned around; `scales` says which are).
 * - Missing codes on every numeric item and score variable: −9 not answered although shown (a score:
 *   too few items answered to score), −8 not shown to this respondent (hidden by a condition, or not
 *   in the questionnaire version or form they answered), −7 not applicable / don't know (Likert "na").
 *   When a variable's valid values reach down to −7 the codes become −99/−98/−97 (then −999/…), so a
 *   code never equals a real answer. Free-text variables are empty when there is no text. Meta
 *   variables (consent version, minutes) are empty when not recorded.
 * - Identifiers: `response_id` and `person_id` are keyed pseudonyms made by the server (stable within a
 *   project, never the database ids); this module takes them as given.
 */
import {
  NOT_APPLICABLE,
  type Answers,
  type AnswerValue,
  type Instrument,
  type ItemType,
  type Language,
  type LikertScale,
  type LocalizedText,
} from '../contracts/instrument.js';
import { resolveVisibility } from './conditions.js';
import { answerableItems } from './instrument.js';
import { isLocalItemId } from './local-items.js';
import { SCORING_VERSION } from './scoring.js';

/** Bump when the export's variable naming, coding or files change in a way a researcher must know. */
export const CODEBOOK_VERSION = 1;

export const NAME_MAX_LENGTH = 32;
/** Scores have this many decimals in the export (0–100 scale: finer than any use). */
export const SCORE_DECIMALS = 4;

export type MissingKind = 'not_answered' | 'not_shown' | 'not_applicable';
export interface MissingCode {
  kind: MissingKind;
  value: number;
  label: LocalizedText;
}

export type VariableType = 'numeric' | 'string' | 'date';

export type MetaField =
  | 'response_id'
  | 'person_id'
  | 'link_method'
  | 'code_duplicate'
  | 'wave'
  | 'municipality_code'
  | 'municipality'
  | 'unit'
  | 'instrument'
  | 'form'
  | 'language'
  | 'source'
  | 'submitted_on'
  | 'consent_version'
  | 'active_minutes'
  | 'scoring_version';

export type VariableSource =
  | { kind: 'meta'; field: MetaField }
  | { kind: 'item'; itemId: string; answer: 'single' | 'likert' | 'number' | 'text' }
  | { kind: 'option'; itemId: string; option: string }
  | { kind: 'score'; scaleId: string };

export interface ValueLabel {
  value: number;
  label: LocalizedText;
}

/** Codes with their labels as the documents write them (codebook.html, the workbook's variables sheet): "1 = Daily". */
export const codeLabels = (codes: readonly ValueLabel[], language: Language): string[] => codes.map((c) => `${c.value} = ${c.label[language]}`);

export interface Variable {
  name: string;
  label: LocalizedText;
  type: VariableType;
  source: VariableSource;
  /** Numeric: decimals shown (0 for codes and whole numbers). */
  decimals?: number;
  /** String: the widest value in UTF-8 bytes (SPSS reads strings by byte width). */
  width?: number;
  /** Valid values with labels (missing codes are in `missing`, with their own labels). */
  valueLabels: ValueLabel[];
  missing: MissingCode[];
  /** The scales this item belongs to, and whether it is reverse-keyed there. */
  scales: { scale: string; reverse: boolean }[];
  /** Single choice: the stored option values, in code order (code = position + 1). */
  options?: string[];
  /** Items: the item id, its type as written in the questionnaire, and the question of a grid or multiple choice. */
  itemId?: string;
  itemType?: ItemType;
  question?: LocalizedText;
  /** Items and scores: the questionnaire versions that have it (`id@version`). */
  instruments?: string[];
}

export interface CodebookScale {
  id: string;
  label: LocalizedText;
  kind: string;
  /** The score variable's name. */
  variable: string;
  items: { itemId: string; variable: string; reverse: boolean }[];
  minAnsweredShare: number;
  instruments: string[];
}

export interface Codebook {
  codebookVersion: number;
  scoringVersion: number;
  instruments: { id: string; version: string; form: string; title: LocalizedText }[];
  variables: Variable[];
  scales: CodebookScale[];
}

/** Fixed labels in three languages (spell-checked with the questionnaires, src/language). */
export const CODEBOOK_TEXTS = {
  missing: {
    not_answered: { nb: 'Ikke besvart', nn: 'Ikkje svart på', en: 'Not answered' },
    not_shown: { nb: 'Ikke vist', nn: 'Ikkje vist', en: 'Not shown' },
    not_applicable: { nb: 'Ikke aktuelt / vet ikke', nn: 'Ikkje aktuelt / veit ikkje', en: 'Not applicable / don’t know' },
    not_scored: { nb: 'For få svar til en skår', nn: 'For få svar til ein skår', en: 'Too few answers to score' },
    scale_not_asked: { nb: 'Ikke med i skjemaet', nn: 'Ikkje med i skjemaet', en: 'Not in the form' },
  },
  chosen: { nb: 'Valgt', nn: 'Valt', en: 'Chosen' },
  notChosen: { nb: 'Ikke valgt', nn: 'Ikkje valt', en: 'Not chosen' },
  no: { nb: 'Nei', nn: 'Nei', en: 'No' },
  yes: { nb: 'Ja', nn: 'Ja', en: 'Yes' },
  score: { nb: 'Skår', nn: 'Skår', en: 'Score' },
  meta: {
    response_id: { nb: 'Svar (pseudonym)', nn: 'Svar (pseudonym)', en: 'Response (pseudonym)' },
    person_id: { nb: 'Person (pseudonym, lik i koblede runder)', nn: 'Person (pseudonym, lik i kopla rundar)', en: 'Person (pseudonym, same in linked waves)' },
    link_method: { nb: 'Koblet til forrige runde med', nn: 'Kopla til førre runde med', en: 'Linked to the earlier wave by' },
    code_duplicate: { nb: 'Egen kode delt med et annet svar', nn: 'Eigen kode delt med eit anna svar', en: 'Own code shared with another response' },
    wave: { nb: 'Runde', nn: 'Runde', en: 'Wave' },
    municipality_code: { nb: 'Kommunenummer (SSB)', nn: 'Kommunenummer (SSB)', en: 'Municipality number (SSB)' },
    municipality: { nb: 'Kommune', nn: 'Kommune', en: 'Municipality' },
    unit: { nb: 'Enhet', nn: 'Eining', en: 'Unit' },
    instrument: { nb: 'Spørreskjema og versjon', nn: 'Spørjeskjema og versjon', en: 'Questionnaire and version' },
    form: { nb: 'Skjemaform', nn: 'Skjemaform', en: 'Form' },
    language: { nb: 'Språk', nn: 'Språk', en: 'Language' },
    source: { nb: 'Kilde', nn: 'Kjelde', en: 'Source' },
    submitted_on: { nb: 'Dato sendt', nn: 'Dato sendt', en: 'Date submitted' },
    consent_version: { nb: 'Versjon av teksten om samtykke', nn: 'Versjonen av teksten om samtykke', en: 'Consent text version' },
    active_minutes: { nb: 'Aktiv tid til å svare (minutter)', nn: 'Aktiv tid til å svare (minutt)', en: 'Active answering time (minutes)' },
    scoring_version: { nb: 'Versjon av skåringen', nn: 'Versjon av skåringa', en: 'Scoring version' },
  },
  linkMethods: {
    none: { nb: 'Ikke koblet', nn: 'Ikkje kopla', en: 'Not linked' },
    receipt: { nb: 'Kvitteringskode', nn: 'Kvitteringskode', en: 'Receipt code' },
    device: { nb: 'Husket nettleser', nn: 'Hugsa nettlesar', en: 'Remembered browser' },
    code: { nb: 'Egen kode', nn: 'Eigen kode', en: 'Own code' },
  },
  forms: {
    full: { nb: 'Fullt skjema', nn: 'Fullt skjema', en: 'Full form' },
    short: { nb: 'Kort skjema', nn: 'Kort skjema', en: 'Short form' },
  },
  languages: {
    nb: { nb: 'Bokmål', nn: 'Bokmål', en: 'Norwegian Bokmål' },
    nn: { nb: 'Nynorsk', nn: 'Nynorsk', en: 'Norwegian Nynorsk' },
    en: { nb: 'Engelsk', nn: 'Engelsk', en: 'English' },
  },
  sources: {
    web: { nb: 'Nettskjema', nn: 'Nettskjema', en: 'Web form' },
    import: { nb: 'Importert', nn: 'Importert', en: 'Imported' },
  },
} as const satisfies {
  missing: Record<MissingKind | 'not_scored' | 'scale_not_asked', LocalizedText>;
  meta: Record<MetaField, LocalizedText>;
  [key: string]: unknown;
};

// ---- Codes that stand for coded meta values (the order is the code: 1, 2, …; link method starts at 0).

export const LINK_METHOD_CODES = ['none', 'receipt', 'device', 'code'] as const;
export const FORM_CODES = ['full', 'short'] as const;
export const LANGUAGE_CODES = ['nb', 'nn', 'en'] as const;
export const SOURCE_CODES = ['web', 'import'] as const;

// ---- Names

/** Words that cannot name a variable in SPSS, Stata or R (compared in lower case). */
const RESERVED = new Set([
  // SPSS
  'all', 'and', 'by', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'not', 'or', 'to', 'with',
  // Stata
  '_all', '_b', 'byte', '_coef', '_cons', 'double', 'float', 'if', 'in', 'int', 'long', '_n', '_pi', '_pred', '_rc', '_skip', 'strl', 'using',
  // R
  'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'true', 'false', 'null', 'inf', 'nan', 'na',
  'na_integer_', 'na_real_', 'na_character_', 'na_complex_',
]);

/**
 * Stata's str1…str2045 types; and words that begin a comment command in SPSS syntax when a line starts
 * with them (COMMENT, DOCUMENT and its abbreviations): a variable so named breaks the variable lists.
 */
const RESERVED_PATTERN = /^(str\d+|com(m(e(n(t)?)?)?)?|doc(u(m(e(n(t)?)?)?)?)?)$/;

export function isSafeName(name: string): boolean {
  return /^[a-z][a-z0-9_]*$/.test(name) && name.length <= NAME_MAX_LENGTH && !RESERVED.has(name) && !RESERVED_PATTERN.test(name);
}

/** Lower case, only [a-z0-9_], starting with a letter (not yet cut to length). */
function cleanName(raw: string): string {
  const name = raw.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_+/, '');
  return /^[a-z]/.test(name) ? name : `v_${name}`;
}

/** A safe-looking name from any text: cleaned and cut to 32 characters (not yet checked for uniqueness). */
export function sanitizeName(raw: string): string {
  return cleanName(raw).slice(0, NAME_MAX_LENGTH).replace(/_+$/, '') || 'v';
}

/** Hands out unique safe names: the first free candidate, else the first one cut and numbered. */
class NameRegistry {
  private readonly taken = new Set<string>();

  claim(candidates: readonly string[]): string {
    const clean = candidates.map(sanitizeName);
    for (const [i, name] of clean.entries()) {
      // A later candidate only when it fits whole: a cut `dk_…` name says less than a numbered plain one.
      if (i > 0 && cleanName(candidates[i]!).length > NAME_MAX_LENGTH) continue;
      if (isSafeName(name) && !this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
    const base = clean[0]!;
    for (let n = 2; ; n++) {
      const suffix = `_${n}`;
      const name = `${base.slice(0, NAME_MAX_LENGTH - suffix.length).replace(/_+$/, '')}${suffix}`;
      if (isSafeName(name) && !this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
  }
}

/** Name candidates of an item id, best first: `dk:care_01` → care_01, dk_care_01; local items → local_<prefix>_<name>. */
export function itemNameCandidates(itemId: string, localPrefix: (namespace: string) => string | undefined = () => undefined): string[] {
  const parts = itemId.split(':');
  const name = parts.at(-1)!;
  if (isLocalItemId(itemId)) {
    const namespace = parts[1] ?? '';
    return [`local_${localPrefix(namespace) ?? namespace.slice(0, 8)}_${name}`];
  }
  return [name, `${parts[0]}_${name}`];
}

// ---- Missing codes

/** The missing codes of a variable whose smallest valid value is `minValid`: −9/−8/−7, or −99/−98/−97, … below it. */
export function missingCodes(kinds: readonly MissingKind[], minValid: number, labels: Partial<Record<MissingKind, LocalizedText>> = {}): MissingCode[] {
  let magnitude = 10;
  while (-(magnitude - 3) >= minValid) magnitude *= 10;
  const value: Record<MissingKind, number> = { not_answered: -(magnitude - 1), not_shown: -(magnitude - 2), not_applicable: -(magnitude - 3) };
  return kinds.map((kind) => ({ kind, value: value[kind], label: labels[kind] ?? CODEBOOK_TEXTS.missing[kind] }));
}

// ---- Building the codebook

export interface CodebookInput {
  /** The questionnaires in the export, the main one first (served versions: with any local items). */
  instruments: readonly Instrument[];
  /** The waves in the export, in order: `wave` is coded 1, 2, … with these labels. */
  waves: readonly { label: string }[];
  /** The short name of a local item namespace (the municipality's SSB code). */
  localPrefix?: (namespace: string) => string | undefined;
  /** Widest municipality and unit names in UTF-8 bytes (for SPSS string widths). */
  nameBytes?: { municipality: number; unit: number };
}

const same = (text: string): LocalizedText => ({ nb: text, nn: text, en: text });
const join = (a: LocalizedText, b: LocalizedText, pattern: (x: string, y: string) => string): LocalizedText => ({
  nb: pattern(a.nb, b.nb),
  nn: pattern(a.nn, b.nn),
  en: pattern(a.en, b.en),
});
const coded = <T extends string>(codes: readonly T[], labels: Record<T, LocalizedText>, first = 1): ValueLabel[] =>
  codes.map((code, i) => ({ value: i + first, label: labels[code] }));
/**
 * Room for a free-text answer of `chars` characters in UTF-8 bytes, within SPSS's 32767: 4 bytes a
 * character at worst, and a little more for the ⟦removed⟧ marks of scrubbing, which can be longer
 * than the short name they replace.
 */
const bytesFor = (chars: number) => Math.min(32767, Math.max(1, chars * 5));
const keyOf = (i: Instrument) => `${i.id}@${i.version}`;

function metaVariables(input: CodebookInput): Variable[] {
  const t = CODEBOOK_TEXTS;
  const meta = (field: MetaField, type: VariableType, extra: Partial<Variable> = {}): Variable => ({
    name: field,
    label: t.meta[field],
    type,
    source: { kind: 'meta', field },
    valueLabels: [],
    missing: [],
    scales: [],
    ...(type === 'numeric' ? { decimals: 0 } : {}),
    ...extra,
  });
  const longestInstrument = Math.max(1, ...input.instruments.map((i) => `${i.id} ${i.version}`.length));
  return [
    meta('response_id', 'string', { width: 17 }),
    meta('person_id', 'string', { width: 17 }),
    meta('link_method', 'numeric', { valueLabels: coded(LINK_METHOD_CODES, t.linkMethods, 0) }),
    meta('code_duplicate', 'numeric', { valueLabels: [{ value: 0, label: t.no }, { value: 1, label: t.yes }] }),
    meta('wave', 'numeric', { valueLabels: input.waves.map((w, i) => ({ value: i + 1, label: same(w.label) })) }),
    meta('municipality_code', 'string', { width: 4 }),
    meta('municipality', 'string', { width: Math.max(1, input.nameBytes?.municipality ?? 200) }),
    meta('unit', 'string', { width: Math.max(1, input.nameBytes?.unit ?? 200) }),
    meta('instrument', 'string', { width: longestInstrument }),
    meta('form', 'numeric', { valueLabels: coded(FORM_CODES, t.forms) }),
    meta('language', 'numeric', { valueLabels: coded(LANGUAGE_CODES, t.languages) }),
    meta('source', 'numeric', { valueLabels: coded(SOURCE_CODES, t.sources) }),
    meta('submitted_on', 'date', { width: 10 }),
    meta('consent_version', 'numeric'),
    meta('active_minutes', 'numeric'),
    meta('scoring_version', 'numeric'),
  ];
}

export function buildCodebook(input: CodebookInput): Codebook {
  if (input.instruments.length === 0) throw new Error('a codebook needs at least one questionnaire');
  const names = new NameRegistry();
  const variables = metaVariables(input);
  for (const v of variables) names.claim([v.name]);

  // Scale membership of every item, over every questionnaire (scale ids are unique across forms).
  const membership = new Map<string, { scale: string; reverse: boolean }[]>();
  const scaleDefs = new Map<string, { def: Instrument['scales'][number]; instruments: string[] }>();
  for (const instrument of input.instruments) {
    for (const scale of instrument.scales) {
      const known = scaleDefs.get(scale.id);
      if (known) {
        if (!known.instruments.includes(keyOf(instrument))) known.instruments.push(keyOf(instrument));
        continue;
      }
      scaleDefs.set(scale.id, { def: scale, instruments: [keyOf(instrument)] });
      for (const ref of scale.items) {
        const list = membership.get(ref.item) ?? [];
        list.push({ scale: scale.id, reverse: ref.reverse });
        membership.set(ref.item, list);
      }
    }
  }

  // Items in document order of the first questionnaire that has them; one entry per answer key.
  const itemVariables = new Map<string, Variable[]>();
  for (const instrument of input.instruments) {
    for (const a of answerableItems(instrument)) {
      if (a.kind === 'unit') continue; // the unit is a meta variable
      const known = itemVariables.get(a.id);
      if (known) {
        for (const v of known) if (!v.instruments!.includes(keyOf(instrument))) v.instruments!.push(keyOf(instrument));
        continue;
      }
      const common = {
        itemId: a.id,
        itemType: a.item.type,
        scales: membership.get(a.id) ?? [],
        instruments: [keyOf(instrument)],
      };
      const candidates = itemNameCandidates(a.id, input.localPrefix);
      const out: Variable[] = [];
      if (a.item.type === 'multi') {
        const base = names.claim(candidates);
        for (const option of a.item.options) {
          out.push({
            ...common,
            name: names.claim([`${base}_${option.value}`]),
            label: join(option.label, a.text, (o, q) => `${o} (${q})`),
            question: a.text,
            type: 'numeric',
            decimals: 0,
            source: { kind: 'option', itemId: a.id, option: option.value },
            valueLabels: [{ value: 0, label: CODEBOOK_TEXTS.notChosen }, { value: 1, label: CODEBOOK_TEXTS.chosen }],
            missing: missingCodes(['not_answered', 'not_shown'], 0),
          });
        }
      } else if (a.kind === 'likert') {
        const scale = a.scale as LikertScale;
        const kinds: MissingKind[] = scale.notApplicable ? ['not_answered', 'not_shown', 'not_applicable'] : ['not_answered', 'not_shown'];
        out.push({
          ...common,
          name: names.claim(candidates),
          label: a.row ? join(a.text, a.item.text, (r, q) => `${r} (${q})`) : a.text,
          ...(a.row ? { question: a.item.text } : {}),
          type: 'numeric',
          decimals: 0,
          source: { kind: 'item', itemId: a.id, answer: 'likert' },
          valueLabels: scale.points.map((p) => ({ value: p.value, label: p.label })),
          missing: missingCodes(kinds, Math.min(...scale.points.map((p) => p.value)), scale.notApplicable ? { not_applicable: scale.notApplicable } : {}),
        });
      } else if (a.item.type === 'single') {
        out.push({
          ...common,
          name: names.claim(candidates),
          label: a.text,
          type: 'numeric',
          decimals: 0,
          source: { kind: 'item', itemId: a.id, answer: 'single' },
          valueLabels: a.item.options.map((o, i) => ({ value: i + 1, label: o.label })),
          options: a.item.options.map((o) => o.value),
          missing: missingCodes(['not_answered', 'not_shown'], 1),
        });
      } else if (a.item.type === 'number') {
        out.push({
          ...common,
          name: names.claim(candidates),
          label: a.item.unit ? join(a.text, a.item.unit, (q, u) => `${q} (${u})`) : a.text,
          type: 'numeric',
          decimals: a.item.integer ? 0 : 2,
          source: { kind: 'item', itemId: a.id, answer: 'number' },
          valueLabels: [],
          missing: missingCodes(['not_answered', 'not_shown'], a.item.min),
        });
      } else if (a.item.type === 'text') {
        out.push({
          ...common,
          name: names.claim(candidates),
          label: a.text,
          type: 'string',
          width: bytesFor(a.item.maxLength),
          source: { kind: 'item', itemId: a.id, answer: 'text' },
          valueLabels: [],
          missing: [],
        });
      }
      itemVariables.set(a.id, out);
    }
  }
  const items = [...itemVariables.values()].flat();
  variables.push(...items);

  const variableOfItem = new Map(items.filter((v) => v.itemId).map((v) => [v.itemId!, v.name]));
  const scales: CodebookScale[] = [];
  for (const { def, instruments } of scaleDefs.values()) {
    const name = names.claim([`score_${def.id}`]);
    variables.push({
      name,
      label: join(CODEBOOK_TEXTS.score, def.label, (s, l) => `${s}: ${l}`),
      type: 'numeric',
      decimals: SCORE_DECIMALS,
      source: { kind: 'score', scaleId: def.id },
      valueLabels: [],
      missing: missingCodes(['not_answered', 'not_shown'], 0, { not_answered: CODEBOOK_TEXTS.missing.not_scored, not_shown: CODEBOOK_TEXTS.missing.scale_not_asked }),
      scales: [],
      instruments,
    });
    scales.push({
      id: def.id,
      label: def.label,
      kind: def.kind,
      variable: name,
      items: def.items.map((ref) => ({ itemId: ref.item, variable: variableOfItem.get(ref.item) ?? '', reverse: ref.reverse })),
      minAnsweredShare: def.minAnsweredShare,
      instruments,
    });
  }

  return {
    codebookVersion: CODEBOOK_VERSION,
    scoringVersion: SCORING_VERSION,
    instruments: input.instruments
      .filter((inst, i, all) => all.findIndex((x) => keyOf(x) === keyOf(inst)) === i)
      .map((i) => ({ id: i.id, version: i.version, form: i.form, title: i.title })),
    variables,
    scales,
  };
}

// ---- Rows

/** One cell: a number, a string (may be ""), or null for an empty cell. */
export type Cell = number | string | null;

/** One stored response as the export reads it; ids already pseudonymised by the caller. */
export interface ExportResponse {
  responseId: string;
  personId: string;
  linkMethod: 'receipt' | 'device' | 'code' | null;
  codeDuplicate: boolean;
  /** 1-based position of the response's wave in CodebookInput.waves. */
  wave: number;
  municipalityCode: string;
  municipalityName: string;
  unitName: string | null;
  /** The questionnaire the respondent was served (with their municipality's local items). */
  instrument: Instrument;
  form: string;
  language: string;
  source: string;
  submittedOn: string;
  consentVersion: number | null;
  activeMinutes: number | null;
  scoringVersion: number;
  answers: Answers;
  /** Stored scale scores (a scale without a score has no entry). */
  scores: Readonly<Record<string, number>>;
}

export interface EncodeOptions {
  /** Applied to every free-text answer (removes names, phone numbers, …). */
  scrubText?: (text: string) => string;
}

const scaleIdsCache = new WeakMap<Instrument, Set<string>>();
function scaleIds(instrument: Instrument): Set<string> {
  let ids = scaleIdsCache.get(instrument);
  if (!ids) {
    ids = new Set(instrument.scales.map((s) => s.id));
    scaleIdsCache.set(instrument, ids);
  }
  return ids;
}

const codeOf = <T extends string>(codes: readonly T[], value: string, first = 1): number | null => {
  const i = codes.indexOf(value as T);
  return i === -1 ? null : i + first;
};
const round = (x: number, decimals: number) => Number(x.toFixed(decimals));
/** Line breaks in free text become spaces: SPSS and PSPP read one case per line. */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');

/** What one row's cells are computed from. */
interface RowInput {
  r: ExportResponse;
  /** Ids of the items shown to this respondent (never those of another form). */
  shown: ReadonlySet<string>;
  scrub: ((text: string) => string) | undefined;
}
type CellOf = (row: RowInput) => Cell;

const META: Record<MetaField, (r: ExportResponse) => Cell> = {
  response_id: (r) => r.responseId,
  person_id: (r) => r.personId,
  link_method: (r) => codeOf(LINK_METHOD_CODES, r.linkMethod ?? 'none', 0),
  code_duplicate: (r) => (r.codeDuplicate ? 1 : 0),
  wave: (r) => r.wave,
  municipality_code: (r) => r.municipalityCode,
  municipality: (r) => oneLine(r.municipalityName),
  unit: (r) => (r.unitName === null ? null : oneLine(r.unitName)),
  instrument: (r) => `${r.instrument.id} ${r.instrument.version}`,
  form: (r) => codeOf(FORM_CODES, r.form),
  language: (r) => codeOf(LANGUAGE_CODES, r.language),
  source: (r) => codeOf(SOURCE_CODES, r.source),
  submitted_on: (r) => r.submittedOn,
  consent_version: (r) => r.consentVersion,
  active_minutes: (r) => r.activeMinutes,
  scoring_version: (r) => r.scoringVersion,
};

/** One variable's cell as a function, its codes looked up once (export of 200,000 rows × 150 variables). */
function cellOf(v: Variable): CellOf {
  const s = v.source;
  if (s.kind === 'meta') {
    const meta = META[s.field];
    return ({ r }) => meta(r);
  }
  const missing = (kind: MissingKind) => v.missing.find((m) => m.kind === kind)?.value ?? null;
  const notAnswered = missing('not_answered');
  const notShown = missing('not_shown');
  if (s.kind === 'score') {
    return ({ r }) => {
      const score = r.scores[s.scaleId];
      return score !== undefined ? round(score, SCORE_DECIMALS) : scaleIds(r.instrument).has(s.scaleId) ? notAnswered : notShown;
    };
  }
  const id = s.itemId;
  if (s.kind === 'item' && s.answer === 'text') {
    return ({ r, shown, scrub }) => {
      const value = shown.has(id) && Object.hasOwn(r.answers, id) ? r.answers[id] : undefined;
      return typeof value === 'string' && value.trim() !== '' ? oneLine(scrub ? scrub(value) : value) : null;
    };
  }
  const valueOf: (value: AnswerValue) => Cell =
    s.kind === 'option'
      ? (value) => (Array.isArray(value) ? (value.includes(s.option) ? 1 : 0) : null)
      : s.answer === 'single'
        ? (value) => (typeof value === 'string' ? codeOf(v.options ?? [], value) : null)
        : s.answer === 'likert'
          ? ((notApplicable) => (value: AnswerValue) => (value === NOT_APPLICABLE ? notApplicable : typeof value === 'number' ? value : null))(missing('not_applicable'))
          : (value) => (typeof value === 'number' ? value : null);
  return ({ r, shown }) => {
    if (!shown.has(id)) return notShown;
    const value = Object.hasOwn(r.answers, id) ? r.answers[id] : undefined;
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return notAnswered;
    return valueOf(value);
  };
}

const compiled = new WeakMap<Codebook, CellOf[]>();

/**
 * One response as a row of the codebook's variables. Whether an item was shown is recomputed from the
 * stored answers with the same conditions the respondent had (src/domain/conditions.ts): stored answers
 * are exactly those to shown items, so this tells "hidden" (−8) from "skipped" (−9). An item of another
 * form or questionnaire version is never among the shown ones: −8 too.
 */
export function encodeRow(codebook: Codebook, r: ExportResponse, options: EncodeOptions = {}): Cell[] {
  let cells = compiled.get(codebook);
  if (!cells) {
    cells = codebook.variables.map(cellOf);
    compiled.set(codebook, cells);
  }
  const input: RowInput = { r, shown: resolveVisibility(r.instrument, r.answers).items, scrub: options.scrubText };
  return cells.map((cell) => cell(input));
}

// ---- CSV

/** A CSV field (RFC 4180): quoted only when it has a comma, a quote or a line break. */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export const csvLine = (cells: readonly Cell[]) => `${cells.map(csvField).join(',')}\n`;
export const csvHeader = (codebook: Codebook) => csvLine(codebook.variables.map((v) => v.name));
