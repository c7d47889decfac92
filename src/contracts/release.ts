/**
 * The frozen release of a wave's results as the API serves it (docs/disclosure.md): every figure is either
 * shown (`{ shown: true, n }`) or withheld with its reason, never a blank or a zero. Built by
 * src/server/services/release.service.ts from src/domain/release-spec.ts and protectRelease().
 */
import { z } from 'zod';
import { LocalizedText } from './instrument.js';

export const WithheldReason = z.enum(['below_k', 'complementary', 'all_same', 'small_group', 'base_withheld', 'protected']);
export type WithheldReason = z.infer<typeof WithheldReason>;

export const ReleaseFigure = z.union([
  z.object({ shown: z.literal(true), n: z.number().int() }),
  z.object({ shown: z.literal(false), reason: WithheldReason, band: z.enum(['almost_all', 'few']).optional() }),
]);
export type ReleaseFigure = z.infer<typeof ReleaseFigure>;

const Header = z.object({ id: z.string(), members: z.array(z.string()), n: z.number().int() });

export const ReleasedBreakdown = z.object({
  rows: z.array(Header),
  columns: z.array(Header),
  cells: z.record(z.string(), z.record(z.string(), ReleaseFigure)),
  merged: z.record(z.string(), ReleaseFigure),
});
export type ReleasedBreakdown = z.infer<typeof ReleasedBreakdown>;

export const ReleasedAnswer = z.object({
  id: z.string(),
  base: ReleaseFigure,
  categories: z.record(z.string(), ReleaseFigure),
  other: z.object({ members: z.array(z.string()), n: z.number().int() }).nullable(),
  byGroup: z.record(z.string(), ReleasedBreakdown.nullable()),
});
export type ReleasedAnswer = z.infer<typeof ReleasedAnswer>;

export const MeanCell = z.union([
  z.object({ shown: z.literal(true), n: z.number().int(), mean: z.number(), sd: z.number(), low: z.number(), high: z.number() }),
  z.object({ shown: z.literal(false), reason: z.enum(['below_k', 'all_same']) }),
]);
export type MeanCell = z.infer<typeof MeanCell>;

export const ScaleMeans = z.object({
  total: MeanCell,
  byGroup: z.record(z.string(), z.record(z.string(), MeanCell)),
});

/** What an answer is about, with the texts to show it (as they were when the release was built). */
export const AnswerInfo = z.object({
  id: z.string(),
  kind: z.enum(['single', 'likert', 'option', 'level', 'form']),
  /** The item, the multiple-choice item of an option, or the scale of a level. */
  source: z.string(),
  sectionId: z.string(),
  categories: z.array(z.string()),
  text: LocalizedText,
  /** Labels of the respondents' values (special categories such as #missing are translated by the web). */
  labels: z.record(z.string(), LocalizedText),
});
export type AnswerInfo = z.infer<typeof AnswerInfo>;

export const ReleaseBody = z.object({
  kind: z.enum(['municipality', 'region_rest', 'outside_region', 'region']),
  k: z.number().int(),
  respondents: ReleaseFigure,
  /** grouping → groups in display order, with names where the group is a unit or a municipality. */
  groupings: z.record(
    z.string(),
    z.object({
      groups: z.array(z.object({ id: z.string(), name: z.string().nullable(), figure: ReleaseFigure })),
      rest: z.object({ members: z.array(z.string()), n: z.number().int() }).nullable(),
      /** Names of the groups of a background grouping (profession, age, education): the question's option labels. */
      labels: z.record(z.string(), LocalizedText).optional(),
    }),
  ),
  answers: z.record(z.string(), ReleasedAnswer),
  means: z.record(z.string(), ScaleMeans),
  /**
   * Municipality attributes (size_class, county, region, centrality) as they were when the release was built:
   * per dimension, the group all its municipalities share (`same`, '#none' when unknown for all, with the
   * group's name for a county or region), or `same: null` when they differ — then `groupings[dimension]`
   * breaks the release down. Releases built before attributes existed have none.
   */
  attributes: z.record(z.string(), z.object({ same: z.string().nullable(), name: z.string().nullable() })).optional(),
  info: z.array(AnswerInfo),
  sections: z.array(z.object({ id: z.string(), title: LocalizedText })),
  /** `form`: the questionnaire form the scale belongs to (full, short), for the views. */
  scales: z.array(z.object({ id: z.string(), kind: z.string(), label: LocalizedText, form: z.string().optional() })),
  levels: z.array(LocalizedText),
  /** What each level means and where it starts on the 0–100 score (the first form's), for the views' legend. */
  levelDescriptions: z.array(LocalizedText).optional(),
  levelCutPoints: z.array(z.number()).optional(),
});
export type ReleaseBody = z.infer<typeof ReleaseBody>;

export const ReleaseView = z.object({
  waveId: z.string(),
  waveLabel: z.string(),
  /** The municipality (leader, unit leader) or region (coordinator) the view is about. */
  subject: z.object({ kind: z.enum(['municipality', 'region']), id: z.string(), name: z.string() }),
  /** Unit leader: the one unit whose rows they see (other units' rows are left out). */
  unitId: z.string().nullable(),
  status: z.enum(['released', 'not_released']),
  releasedAt: z.string().nullable(),
  early: z.boolean(),
  k: z.number().int(),
  own: ReleaseBody.nullable(),
  /** Comparisons: populations disjoint from `own`, so no figure can be subtracted from another. */
  benchmarks: z.array(ReleaseBody),
  /** The same subject's release of the project's previous wave (for change), if any. */
  previous: z.object({ waveId: z.string(), waveLabel: z.string(), own: ReleaseBody }).nullable(),
});
export type ReleaseView = z.infer<typeof ReleaseView>;

export const ReleaseRequest = z.object({ municipalityId: z.uuid() });
export const ReleaseQueued = z.object({ queued: z.literal(true) });
