/**
 * The questionnaire format: a versioned data file in instruments/, validated by this schema.
 * Shared by the server (storage, validation, scoring) and the web (rendering, conditional display).
 * Structural rules that zod cannot express alone (unique ids, conditions referring only to earlier
 * items, scale items that exist and are scorable) live in src/domain/instrument.ts: validateInstrument().
 */
import { z } from 'zod';

export const languages = ['nb', 'nn', 'en'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

/** Every text a respondent or leader can see exists in all three languages. */
export const LocalizedText = z.strictObject({
  nb: z.string().min(1),
  nn: z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * Stable, namespaced item id. Core items: `<namespace>:<name>` (e.g. `dk:ict_01`).
 * A municipality's own items: `local:<municipality-slug>:<name>`, reported apart from the core.
 */
export const ItemId = z
  .string()
  .regex(/^(?:[a-z][a-z0-9]*|local:[a-z0-9-]+):[a-z][a-z0-9_]*$/, 'item id must look like "dk:name" or "local:<municipality>:name"');
export type ItemId = z.infer<typeof ItemId>;

const Slug = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _');

export const ChoiceOption = z.strictObject({
  value: z.string().regex(/^[a-z0-9_-]+$/, 'option values are lower-case codes'),
  label: LocalizedText,
  /** A multiple-choice option that clears the others (e.g. "none of these"). */
  exclusive: z.boolean().optional(),
});
export type ChoiceOption = z.infer<typeof ChoiceOption>;

/** A Likert response scale: ordered points with numeric values, worst first. */
export const LikertScale = z.strictObject({
  id: Slug,
  points: z.array(z.strictObject({ value: z.number().int(), label: LocalizedText })).min(2),
  /** Label of the optional "not relevant / don't know" answer; it is stored as "na" and never scored. */
  notApplicable: LocalizedText.optional(),
});
export type LikertScale = z.infer<typeof LikertScale>;

/** The value stored for a "not relevant / don't know" answer to a Likert item. */
export const NOT_APPLICABLE = 'na' as const;

// ---- Conditions: one small AST, evaluated by src/domain/conditions.ts in browser and server alike.
const Scalar = z.union([z.string(), z.number()]);
export type Condition =
  | { item: string; op: 'eq' | 'ne'; value: string | number }
  | { item: string; op: 'in' | 'notIn'; values: (string | number)[] }
  | { item: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  /** Multiple choice: how many options are selected. */
  | { item: string; op: 'countEq' | 'countGte' | 'countLte'; value: number }
  /** Multiple choice: whether a given option is among those selected. */
  | { item: string; op: 'includes'; value: string }
  | { item: string; op: 'answered' | 'unanswered' }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ item: ItemId, op: z.enum(['eq', 'ne']), value: Scalar }),
    z.strictObject({ item: ItemId, op: z.enum(['in', 'notIn']), values: z.array(Scalar).min(1) }),
    z.strictObject({ item: ItemId, op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number() }),
    z.strictObject({ item: ItemId, op: z.enum(['countEq', 'countGte', 'countLte']), value: z.number().int().min(0) }),
    z.strictObject({ item: ItemId, op: z.literal('includes'), value: z.string() }),
    z.strictObject({ item: ItemId, op: z.enum(['answered', 'unanswered']) }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);

// ---- Items
const itemBase = {
  id: ItemId,
  text: LocalizedText,
  help: LocalizedText.optional(),
  /** Shown only when the condition holds; a hidden item's answer is never stored, scored or exported. */
  showIf: Condition.optional(),
};

export const SingleChoiceItem = z.strictObject({ ...itemBase, type: z.literal('single'), options: z.array(ChoiceOption).min(2) });
export const MultipleChoiceItem = z.strictObject({
  ...itemBase,
  type: z.literal('multi'),
  options: z.array(ChoiceOption).min(2),
  maxSelected: z.number().int().min(1).optional(),
});
export const LikertItem = z.strictObject({ ...itemBase, type: z.literal('likert'), scale: Slug });
/** Several Likert items sharing one scale; each row is an item of its own with its own id. */
export const GridItem = z.strictObject({
  ...itemBase,
  type: z.literal('grid'),
  scale: Slug,
  rows: z.array(z.strictObject({ id: ItemId, text: LocalizedText, showIf: Condition.optional() })).min(1),
});
export const NumberItem = z.strictObject({
  ...itemBase,
  type: z.literal('number'),
  min: z.number(),
  max: z.number(),
  integer: z.boolean().default(true),
  unit: LocalizedText.optional(),
});
export const TextItem = z.strictObject({
  ...itemBase,
  type: z.literal('text'),
  multiline: z.boolean().default(false),
  maxLength: z.number().int().min(1).max(4000).default(500),
});
/** The respondent's unit: options come from the survey link's municipality at run time; stored as response.unit_id. */
export const UnitItem = z.strictObject({ ...itemBase, type: z.literal('unit') });

export const Item = z.discriminatedUnion('type', [
  SingleChoiceItem,
  MultipleChoiceItem,
  LikertItem,
  GridItem,
  NumberItem,
  TextItem,
  UnitItem,
]);
export type Item = z.infer<typeof Item>;
export type ItemType = Item['type'];

export const Section = z.strictObject({
  id: Slug,
  title: LocalizedText,
  intro: LocalizedText.optional(),
  showIf: Condition.optional(),
  items: z.array(Item).min(1),
});
export type Section = z.infer<typeof Section>;

/** A scale: a list of Likert items (or grid rows) scored together to 0–100. */
export const ScaleDef = z.strictObject({
  id: Slug,
  label: LocalizedText,
  /** What the scale belongs to, so results can be grouped (competence area, aspect, trust, …). */
  kind: z.enum(['area', 'aspect', 'trust', 'other']),
  items: z.array(z.strictObject({ item: ItemId, reverse: z.boolean().default(false) })).min(1),
  /** Minimum share of the scale's items answered (not "not relevant") to get a score. */
  minAnsweredShare: z.number().gt(0).max(1).default(2 / 3),
});
export type ScaleDef = z.infer<typeof ScaleDef>;

/** Proficiency levels on the 0–100 score: `cutPoints` are the lower bounds of levels 2…n. */
export const Levels = z.strictObject({
  cutPoints: z.array(z.number().gt(0).lt(100)).min(1),
  labels: z.array(LocalizedText).min(2),
  /** One short sentence per level (same order as `labels`) saying what the level means; shown to leaders with the results. */
  descriptions: z.array(LocalizedText).min(2).optional(),
});
export type Levels = z.infer<typeof Levels>;

export const Instrument = z.strictObject({
  /** Family id, e.g. "digikompass"; together with version identifies the file. */
  id: Slug,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version is semantic: 1.0.0'),
  form: z.enum(['full', 'short']).default('full'),
  title: LocalizedText,
  description: LocalizedText.optional(),
  likertScales: z.array(LikertScale).min(1),
  sections: z.array(Section).min(1),
  scales: z.array(ScaleDef).default([]),
  levels: Levels.default({
    cutPoints: [25, 50, 75],
    labels: [
      { nb: 'Nybegynner', nn: 'Nybyrjar', en: 'Beginner' },
      { nb: 'Grunnleggende', nn: 'Grunnleggjande', en: 'Basic' },
      { nb: 'Selvstendig', nn: 'Sjølvstendig', en: 'Independent' },
      { nb: 'Avansert', nn: 'Avansert', en: 'Advanced' },
    ],
    descriptions: [
      { nb: 'Er ofte usikker og trenger veiledning til de fleste oppgavene på området.', nn: 'Er ofte usikker og treng rettleiing til dei fleste oppgåvene på området.', en: 'Often unsure; needs guidance for most tasks in this area.' },
      { nb: 'Klarer kjente oppgaver, men trenger hjelp i nye eller uvanlige situasjoner.', nn: 'Klarar kjende oppgåver, men treng hjelp i nye eller uvanlege situasjonar.', en: 'Manages familiar tasks, but needs help in new or unusual situations.' },
      { nb: 'Klarer de fleste oppgavene selv og løser vanlige problemer på egen hånd.', nn: 'Klarar dei fleste oppgåvene sjølv og løyser vanlege problem på eiga hand.', en: 'Manages most tasks alone and solves common problems without help.' },
      { nb: 'Trygg på hele området og kan veilede kolleger, brukere og pårørende.', nn: 'Trygg på heile området og kan rettleie kollegar, brukarar og pårørande.', en: 'Confident across the area and able to guide colleagues, users and relatives.' },
    ],
  }),
});
export type Instrument = z.infer<typeof Instrument>;
export type InstrumentInput = z.input<typeof Instrument>;

/**
 * One answer. single/text → string; multi → string[]; likert/grid row → number or "na"; number → number.
 * Answers are keyed by item id (grid rows by their row id). The unit item is not an answer: see response.unitId.
 */
export const AnswerValue = z.union([z.string().max(4000), z.number().finite(), z.array(z.string().max(100)).max(100)]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export const Answers = z.record(ItemId, AnswerValue);
export type Answers = z.infer<typeof Answers>;
