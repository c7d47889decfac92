/**
 * HTTP shapes of the researcher's statistics views (permission research:read): the projects a viewer
 * can reach, psychometrics per scale, change between two waves, and the sample description (Table 1).
 * Numbers travel as numbers (the web formats them in the viewer's locale); a statistic that cannot be
 * computed is null. Methods: docs/statistics.md ("The researcher's views").
 */
import { z } from 'zod';
import { Project, Uuid, Wave } from './api.js';
import { LocalizedText } from './instrument.js';

const Num = z.number().nullable();
export const Interval = z.object({ lower: z.number(), upper: z.number(), level: z.number() });

/** A project the viewer may study (platform admin: every project; researcher: their own), with its waves. */
export const ResearchProject = Project.extend({ waves: z.array(Wave) });
export type ResearchProject = z.infer<typeof ResearchProject>;
export const ResearchProjects = z.array(ResearchProject);

// ---- Psychometrics

export const MissingHandling = z.enum(['pairwise', 'complete']);

export const Reliability = z.object({
  /** pairwise: each covariance from those who answered both items (psych's default); complete: only respondents who answered every item. */
  missing: MissingHandling,
  n: z.number().int(),
  k: z.number().int(),
  /** Cronbach's raw alpha (psych::alpha raw_alpha). */
  alpha: Num,
  /** Feldt (1965) 95 % interval. */
  alphaCi: Interval.nullable(),
  /** McDonald's omega total from a one-factor maximum-likelihood factor analysis of the item correlations. */
  omegaTotal: Num,
  omegaConverged: z.boolean().nullable(),
  /** Per item, in the scale's order: corrected item-total (item-rest) correlation, alpha if item deleted, ML loading. */
  items: z.array(z.object({ itemRestCorrelation: Num, alphaIfDeleted: Num, loading: Num })),
  /** Items left out because nobody varied on them. */
  dropped: z.array(z.string()),
});

export const ScalePsychometrics = z.object({
  id: z.string(),
  kind: z.enum(['area', 'aspect', 'trust', 'other']),
  label: LocalizedText,
  /** Item statistics on the Likert values (reverse-keyed items turned round); missing = not answered, "not relevant" or not shown. */
  items: z.array(z.object({ id: z.string(), text: LocalizedText, reverse: z.boolean(), n: z.number().int(), missing: z.number().int(), mean: Num, sd: Num })),
  /** The 0–100 scale score: n with a score, missing without one; quartiles of type 7; floor and ceiling shares 0–1. */
  score: z.object({
    n: z.number().int(),
    missing: z.number().int(),
    mean: Num,
    sd: Num,
    median: Num,
    q1: Num,
    q3: Num,
    iqr: Num,
    min: Num,
    max: Num,
    floorShare: Num,
    ceilingShare: Num,
  }),
  /** Pairwise first, then complete cases. */
  reliability: z.array(Reliability),
});
export type ScalePsychometrics = z.infer<typeof ScalePsychometrics>;

export const PsychometricsMethod = z.object({
  scoreRange: z.object({ min: z.number(), max: z.number() }),
  quantileType: z.literal(7),
  alphaInterval: z.literal('feldt_1965'),
  omega: z.literal('omega_total_one_factor_ml'),
  missing: z.array(MissingHandling),
  /** The same in words (English), for API users. */
  note: z.string(),
});

export const Psychometrics = z.object({
  projectId: Uuid,
  waveId: Uuid,
  waveLabel: z.string(),
  method: PsychometricsMethod,
  /** One entry per form of the questionnaire answered in the wave (the wave's own first); only that form's responses count. */
  forms: z.array(
    z.object({
      instrumentId: z.string(),
      instrumentVersion: z.string(),
      form: z.string(),
      responses: z.number().int(),
      scales: z.array(ScalePsychometrics),
    }),
  ),
});
export type Psychometrics = z.infer<typeof Psychometrics>;

export const PsychometricsQuery = z.object({ waveId: z.uuid() });

// ---- Change

export const ChangeGrouping = z.enum(['none', 'municipality', 'unit', 'profession']);
export type ChangeGrouping = z.infer<typeof ChangeGrouping>;

export const ChangeQuery = z.object({
  from: z.uuid(),
  to: z.uuid(),
  by: ChangeGrouping.default('none'),
});

const WaveSummary = z.object({ n: z.number().int(), mean: Num, sd: Num, ci: Interval.nullable() });
const Withheld = z.object({ withheld: z.literal(true), reason: z.literal('below_k') });

export const PairedChange = z.union([
  z.object({
    withheld: z.literal(false),
    n: z.number().int(),
    from: WaveSummary,
    to: WaveSummary,
    t: z.object({ estimate: z.number(), sdDiff: z.number(), t: z.number(), df: z.number(), p: z.number(), ci: Interval }).nullable(),
    wilcoxon: z.object({ v: z.number(), z: z.number(), p: z.number(), nNonZero: z.number().int() }).nullable(),
    dz: z.object({ estimate: z.number(), ci: Interval }).nullable(),
  }),
  Withheld,
]);
export type PairedChange = z.infer<typeof PairedChange>;

export const UnpairedChange = z.union([
  z.object({
    withheld: z.literal(false),
    from: WaveSummary,
    to: WaveSummary,
    welch: z.object({ estimate: z.number(), t: z.number(), df: z.number(), p: z.number(), ci: Interval }).nullable(),
    mannWhitney: z.object({ w: z.number(), z: z.number(), p: z.number() }).nullable(),
    g: z.object({ estimate: z.number(), ci: Interval }).nullable(),
  }),
  Withheld,
]);
export type UnpairedChange = z.infer<typeof UnpairedChange>;

export const ChangeGroup = z.object({
  /** 'all' without grouping; a municipality or unit id; a profession option value; null = not stated. */
  id: z.string().nullable(),
  /** null for 'all' and for not stated. */
  label: LocalizedText.nullable(),
  paired: PairedChange,
  unpaired: UnpairedChange,
});
export type ChangeGroup = z.infer<typeof ChangeGroup>;

export const Change = z.object({
  projectId: Uuid,
  from: z.object({ id: Uuid, label: z.string() }),
  to: z.object({ id: Uuid, label: z.string() }),
  by: ChangeGrouping,
  /** The project's k: a group's paired figures need k pairs, its unpaired ones k respondents in each wave. */
  kMin: z.number().int(),
  /** Persons with a response in both waves (linked by receipt, device or self-generated code). */
  linkedPersons: z.number().int(),
  method: z.object({
    paired: z.literal('paired_t_wilcoxon_signed_rank_cc_normal_dz_noncentral_t'),
    unpaired: z.literal('welch_t_mann_whitney_cc_normal_hedges_g_noncentral_t'),
    note: z.string(),
  }),
  /** Every scale scored in either wave; `form`: the form of the questionnaire it belongs to (full, short). */
  scales: z.array(z.object({ id: z.string(), kind: z.enum(['area', 'aspect', 'trust', 'other']), label: LocalizedText, form: z.string(), groups: z.array(ChangeGroup) })),
});
export type Change = z.infer<typeof Change>;

// ---- Sample description

export const NumericSummary = z.enum(['mean_range', 'median_iqr']);
export type NumericSummary = z.infer<typeof NumericSummary>;

export const SampleDescriptionQuery = z.object({
  waveId: z.uuid(),
  /** 'municipality' (no subgroups), 'unit', or the id of a categorical background item (e.g. dk:profession). */
  by: z.string().min(1).max(200).default('municipality'),
  numeric: NumericSummary.default('mean_range'),
  /** csv: the same table as a CSV file (UTF-8 with BOM, plain numbers). */
  format: z.enum(['json', 'csv']).default('json'),
});

export const SampleVariable = z.object({
  id: z.string(),
  text: LocalizedText,
  kind: z.enum(['numeric', 'categorical']),
  options: z.array(z.object({ value: z.string(), label: LocalizedText })),
  unit: LocalizedText.nullable(),
});
export type SampleVariable = z.infer<typeof SampleVariable>;

export const SampleCell = z.union([
  z.object({ kind: z.literal('numeric'), n: z.number().int(), missing: z.number().int(), center: Num, low: Num, high: Num }),
  z.object({
    kind: z.literal('categorical'),
    n: z.number().int(),
    missing: z.number().int(),
    counts: z.array(z.object({ value: z.string(), n: z.number().int(), share: Num })),
  }),
]);
export type SampleCell = z.infer<typeof SampleCell>;

export const SampleRow = z.object({
  kind: z.enum(['total', 'municipality', 'group']),
  municipalityId: Uuid.nullable(),
  group: z.string().nullable(),
  /** null for the total row and for "not stated". */
  label: LocalizedText.nullable(),
  n: z.number().int(),
  /** One per variable, in `variables` order. */
  cells: z.array(SampleCell),
});
export type SampleRow = z.infer<typeof SampleRow>;

export const SampleDescription = z.object({
  projectId: Uuid,
  waveId: Uuid,
  waveLabel: z.string(),
  by: z.string(),
  /** mean_range: numeric variables as mean (min | max); median_iqr: median (P25–P75). */
  numeric: NumericSummary,
  variables: z.array(SampleVariable),
  /** What `by` may be: municipality, unit and the categorical background items. */
  groupings: z.array(z.object({ id: z.string(), text: LocalizedText.nullable() })),
  rows: z.array(SampleRow),
});
export type SampleDescription = z.infer<typeof SampleDescription>;
