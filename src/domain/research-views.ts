/**
 * The researcher's statistics views, assembled from stored responses with the checked functions in
 * statistics.ts (nothing is computed twice): psychometrics of each scale, change between two waves
 * (linked pairs and all respondents, by group with the k rule), and a sample-description table in the
 * manner of a paper's Table 1. Pure; research.service.ts reads the rows and calls these.
 * Results are JSON-ready: a statistic that cannot be computed is null, never NaN.
 * Methods, missing-data handling and estimators: docs/statistics.md ("The researcher's views").
 */
import { type Answers, type Instrument, type LocalizedText, type ScaleDef } from '../contracts/instrument.js';
import { answerableItems } from './instrument.js';
import {
  cohensDz,
  cronbachAlpha,
  describe,
  describeScale,
  hedgesG,
  mannWhitney,
  mean,
  omegaTotal,
  pairedTTest,
  qt,
  sd,
  welchTTest,
  wilcoxonSignedRank,
  type ItemMatrix,
  type Maybe,
  type MissingHandling,
} from './statistics.js';

/** A number for JSON: NaN and ±Infinity become null. */
export function finite(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** Scale scores run from 0 to 100 (scoring.ts). */
export const SCORE_RANGE = { min: 0, max: 100 } as const;

// ---- Psychometrics

/**
 * A scale's items as a respondents × items matrix of Likert values, reverse-keyed items turned round
 * (min + max − value, as scoring does); "not relevant", unanswered, hidden and off-scale answers are null.
 */
export function scaleItemMatrix(instrument: Instrument, scale: ScaleDef, answers: readonly Answers[]): Maybe[][] {
  const likert = new Map(answerableItems(instrument).filter((a) => a.kind === 'likert' && a.scale).map((a) => [a.id, a.scale!]));
  const columns = scale.items.map((ref) => {
    const points = likert.get(ref.item)?.points.map((p) => p.value) ?? [];
    const min = Math.min(...points);
    const max = Math.max(...points);
    return { id: ref.item, reverse: ref.reverse, points: new Set(points), min, max };
  });
  return answers.map((a) =>
    columns.map((c) => {
      const v = Object.hasOwn(a, c.id) ? a[c.id] : undefined;
      // "na" is a string, so it is missing here like an unanswered item.
      if (typeof v !== 'number' || !c.points.has(v)) return null;
      return c.reverse ? c.min + c.max - v : v;
    }),
  );
}

export interface ReliabilityView {
  missing: MissingHandling;
  /** Respondents used (with any answer to the scale: pairwise; with every answer: complete). */
  n: number;
  /** Items used. */
  k: number;
  alpha: number | null;
  alphaCi: { lower: number; upper: number; level: number } | null;
  omegaTotal: number | null;
  /** Whether the one-factor ML fit converged (null without omega). */
  omegaConverged: boolean | null;
  /** Per item, in the scale's order. */
  items: { itemRestCorrelation: number | null; alphaIfDeleted: number | null; loading: number | null }[];
  /** Items left out because nobody varied on them. */
  dropped: string[];
}

export interface ScalePsychometricsView {
  id: string;
  kind: ScaleDef['kind'];
  label: LocalizedText;
  /** The scale's items: n answered, missing (null), mean and SD on the Likert values (reverse-keyed turned round). */
  items: { id: string; text: LocalizedText; reverse: boolean; n: number; missing: number; mean: number | null; sd: number | null }[];
  /** The 0–100 scale scores of the responses (null: too few items answered, or not shown). */
  score: {
    n: number;
    missing: number;
    mean: number | null;
    sd: number | null;
    median: number | null;
    q1: number | null;
    q3: number | null;
    iqr: number | null;
    min: number | null;
    max: number | null;
    floorShare: number | null;
    ceilingShare: number | null;
  };
  reliability: ReliabilityView[];
}

/** Alpha (Feldt CI, item-rest r, alpha if deleted) and omega total of one item matrix, with one missing-data handling. */
export function reliabilityOf(matrix: ItemMatrix, itemIds: readonly string[], missing: MissingHandling): ReliabilityView {
  const alpha = cronbachAlpha(matrix, missing);
  const omega = omegaTotal(matrix, missing);
  const dropped = new Set([...(alpha?.dropped ?? []), ...(omega?.dropped ?? [])]);
  const answered = matrix.filter((row) => (missing === 'complete' ? row.every((v) => v !== null) : row.some((v) => v !== null))).length;
  return {
    missing,
    n: alpha?.n ?? omega?.n ?? answered,
    k: alpha?.k ?? omega?.k ?? itemIds.length - dropped.size,
    alpha: finite(alpha?.alpha),
    alphaCi: alpha ? { lower: alpha.ci.lower, upper: alpha.ci.upper, level: alpha.ci.level } : null,
    omegaTotal: finite(omega?.omegaTotal),
    omegaConverged: omega ? omega.converged : null,
    items: itemIds.map((_, i) => ({
      itemRestCorrelation: finite(alpha?.itemRestCorrelation[i]),
      alphaIfDeleted: finite(alpha?.alphaIfDeleted[i]),
      loading: finite(omega?.loadings[i]),
    })),
    dropped: [...dropped].sort((a, b) => a - b).map((i) => itemIds[i]!),
  };
}

/**
 * One scale's psychometrics over the responses given on `instrument`: item descriptives, score
 * descriptives (0–100, stored scores), and reliability with pairwise and with complete cases.
 */
export function scalePsychometrics(instrument: Instrument, scale: ScaleDef, rows: readonly { answers: Answers; score: number | null }[]): ScalePsychometricsView {
  const matrix = scaleItemMatrix(instrument, scale, rows.map((r) => r.answers));
  const texts = new Map(answerableItems(instrument).map((a) => [a.id, a.text]));
  const d = describeScale(rows.map((r) => r.score), matrix, SCORE_RANGE);
  const itemIds = scale.items.map((ref) => ref.item);
  return {
    id: scale.id,
    kind: scale.kind,
    label: scale.label,
    items: scale.items.map((ref, j) => {
      const column = describe(matrix.map((row) => row[j] ?? null));
      return { id: ref.item, text: texts.get(ref.item) ?? { nb: ref.item, nn: ref.item, en: ref.item }, reverse: ref.reverse, n: column.n, missing: d.missingPerItem[j] ?? 0, mean: finite(column.mean), sd: finite(column.sd) };
    }),
    score: {
      n: d.n,
      missing: d.missing,
      mean: finite(d.mean),
      sd: finite(d.sd),
      median: finite(d.median),
      q1: finite(d.q1),
      q3: finite(d.q3),
      iqr: finite(d.iqr),
      min: finite(d.min),
      max: finite(d.max),
      floorShare: finite(d.floorShare),
      ceilingShare: finite(d.ceilingShare),
    },
    reliability: [reliabilityOf(matrix, itemIds, 'pairwise'), reliabilityOf(matrix, itemIds, 'complete')],
  };
}

// ---- Background variables and groupings

export interface BackgroundVariable {
  id: string;
  text: LocalizedText;
  kind: 'numeric' | 'categorical';
  /** Categorical: the options in the questionnaire's order. */
  options: { value: string; label: LocalizedText }[];
  /** Numeric: the unit of the number (e.g. hours), if the questionnaire gives one. */
  unit: LocalizedText | null;
}

/**
 * The variables a sample description shows: the single-choice and number items of the questionnaire's
 * first section (where respondents describe themselves), then the number items of the other sections.
 */
export function backgroundVariables(instrument: Instrument): BackgroundVariable[] {
  const first = instrument.sections[0]?.id;
  const out: BackgroundVariable[] = [];
  const later: BackgroundVariable[] = [];
  for (const a of answerableItems(instrument)) {
    const item = a.item;
    if (item.type === 'single' && a.sectionId === first) {
      out.push({ id: a.id, text: a.text, kind: 'categorical', options: item.options.map((o) => ({ value: String(o.value), label: o.label })), unit: null });
    } else if (item.type === 'number') {
      (a.sectionId === first ? out : later).push({ id: a.id, text: a.text, kind: 'numeric', options: [], unit: item.unit ?? null });
    }
  }
  return [...out, ...later];
}

/** The profession question: the first single-choice item of the first section whose id names a profession, occupation or role. */
export function professionItem(instrument: Instrument): BackgroundVariable | null {
  return backgroundVariables(instrument).find((v) => v.kind === 'categorical' && /(profession|occupation|yrke|role)/i.test(v.id.split(':').pop() ?? '')) ?? null;
}

// ---- Sample description (Table 1)

export type NumericSummary = 'mean_range' | 'median_iqr';

export type SampleCell =
  /** center (low | high): mean (min | max) or median (P25–P75) of the answers given. */
  | { kind: 'numeric'; n: number; missing: number; center: number | null; low: number | null; high: number | null }
  /** n (%) per option; the share is of those who answered the item. */
  | { kind: 'categorical'; n: number; missing: number; counts: { value: string; n: number; share: number | null }[] };

export interface SampleRow {
  kind: 'total' | 'municipality' | 'group';
  municipalityId: string | null;
  /** For a group row: the group's value (unit id, option value); null = not stated. */
  group: string | null;
  label: LocalizedText | null;
  n: number;
  cells: SampleCell[];
}

export interface SampleInput {
  municipalityId: string;
  /** The respondent's group (unit id or option value); null when not stated. */
  group: string | null;
  answers: Answers;
}

function cellsOf(variables: readonly BackgroundVariable[], rows: readonly SampleInput[], numeric: NumericSummary): SampleCell[] {
  return variables.map((v) => {
    const values = rows.map((r) => (Object.hasOwn(r.answers, v.id) ? r.answers[v.id] : undefined));
    if (v.kind === 'numeric') {
      const d = describe(values.map((x) => (typeof x === 'number' ? x : null)));
      const [center, low, high] = numeric === 'mean_range' ? [d.mean, d.min, d.max] : [d.median, d.q1, d.q3];
      return { kind: 'numeric', n: d.n, missing: d.missing, center: finite(center), low: finite(low), high: finite(high) };
    }
    const given = values.filter((x) => x !== undefined && x !== null && v.options.some((o) => o.value === String(x)));
    return {
      kind: 'categorical',
      n: given.length,
      missing: rows.length - given.length,
      counts: v.options.map((o) => {
        const n = given.filter((x) => String(x) === o.value).length;
        return { value: o.value, n, share: given.length ? n / given.length : null };
      }),
    };
  });
}

/**
 * A Table-1-style description: the total, then each municipality (in the given order) and, when
 * `groups` is given, its respondents by group (in the groups' order, "not stated" last); rows without
 * respondents are left out. It describes the researcher's own sample: no k rule here.
 */
export function describeSample(
  variables: readonly BackgroundVariable[],
  rows: readonly SampleInput[],
  municipalities: readonly { id: string; name: string }[],
  groups: readonly { value: string; label: LocalizedText }[] | null,
  numeric: NumericSummary,
): SampleRow[] {
  const text = (s: string): LocalizedText => ({ nb: s, nn: s, en: s });
  const out: SampleRow[] = [{ kind: 'total', municipalityId: null, group: null, label: null, n: rows.length, cells: cellsOf(variables, rows, numeric) }];
  for (const m of municipalities) {
    const mine = rows.filter((r) => r.municipalityId === m.id);
    if (mine.length === 0) continue;
    out.push({ kind: 'municipality', municipalityId: m.id, group: null, label: text(m.name), n: mine.length, cells: cellsOf(variables, mine, numeric) });
    if (!groups) continue;
    const known = new Set(groups.map((g) => g.value));
    for (const g of [...groups, { value: null, label: null }]) {
      const members = mine.filter((r) => (g.value === null ? r.group === null || !known.has(r.group) : r.group === g.value));
      if (members.length === 0) continue;
      out.push({ kind: 'group', municipalityId: m.id, group: g.value, label: g.label, n: members.length, cells: cellsOf(variables, members, numeric) });
    }
  }
  return out;
}

// ---- Change between two waves

/** One wave's scores in a group: n, mean, SD and the t-based 95 % CI of the mean. */
export interface WaveSummary {
  n: number;
  mean: number | null;
  sd: number | null;
  ci: { lower: number; upper: number; level: number } | null;
}

/** Mean with its t interval (mean ± t(1 − a/2; n − 1) · SD/√n); the CI is null below two values. */
export function summarizeWave(values: readonly number[], level = 0.95): WaveSummary {
  const n = values.length;
  const m = mean(values);
  const s = sd(values);
  const half = n >= 2 && Number.isFinite(s) ? qt(1 - (1 - level) / 2, n - 1) * (s / Math.sqrt(n)) : Number.NaN;
  return { n, mean: finite(m), sd: finite(s), ci: Number.isFinite(half) ? { lower: m - half, upper: m + half, level } : null };
}

export interface Withheld {
  withheld: true;
  /** below_k: fewer than k pairs (paired) or respondents in either wave (unpaired). */
  reason: 'below_k';
}

export interface PairedChange {
  withheld: false;
  /** Linked pairs with a score in both waves. */
  n: number;
  /** The pairs' scores in the earlier (T0) and later (T1) wave. */
  from: WaveSummary;
  to: WaveSummary;
  /** Mean of T1 − T0 and its paired t-test (R: t.test(to, from, paired = TRUE)). */
  t: { estimate: number; sdDiff: number; t: number; df: number; p: number; ci: { lower: number; upper: number; level: number } } | null;
  /** Wilcoxon signed-rank, normal approximation with continuity correction (R: wilcox.test(..., paired = TRUE, exact = FALSE)). */
  wilcoxon: { v: number; z: number; p: number; nNonZero: number } | null;
  /** Cohen's d_z with the noncentral-t 95 % CI. */
  dz: { estimate: number; ci: { lower: number; upper: number; level: number } } | null;
}

export interface UnpairedChange {
  withheld: false;
  from: WaveSummary;
  to: WaveSummary;
  /** Welch's t-test of mean T1 − mean T0 (R: t.test(to, from)). */
  welch: { estimate: number; t: number; df: number; p: number; ci: { lower: number; upper: number; level: number } } | null;
  /** Mann–Whitney W of T1 against T0, normal approximation with continuity correction (R: wilcox.test(to, from, exact = FALSE)). */
  mannWhitney: { w: number; z: number; p: number } | null;
  /** Hedges' g (exact J) with the noncentral-t 95 % CI. */
  g: { estimate: number; ci: { lower: number; upper: number; level: number } } | null;
}

/** Paired change over linked pairs [T1 score, T0 score]; withheld below k pairs. */
export function pairedChange(pairs: readonly (readonly [number, number])[], k: number): PairedChange | Withheld {
  if (pairs.length < k) return { withheld: true, reason: 'below_k' };
  const to = pairs.map((p) => p[0]);
  const from = pairs.map((p) => p[1]);
  const t = pairedTTest(to, from);
  const w = wilcoxonSignedRank(to, from);
  const dz = cohensDz(to, from);
  return {
    withheld: false,
    n: pairs.length,
    from: summarizeWave(from),
    to: summarizeWave(to),
    t: t && { estimate: t.estimate, sdDiff: t.sdDiff, t: t.t, df: t.df, p: t.p, ci: t.ci },
    wilcoxon: w && { v: w.statistic, z: w.z, p: w.p, nNonZero: w.nNonZero },
    dz: dz && { estimate: dz.estimate, ci: dz.ci },
  };
}

/** Change between all respondents of the two waves (independent groups); withheld when either has fewer than k. */
export function unpairedChange(to: readonly number[], from: readonly number[], k: number): UnpairedChange | Withheld {
  if (to.length < k || from.length < k) return { withheld: true, reason: 'below_k' };
  const welch = welchTTest(to, from);
  const mw = mannWhitney(to, from);
  const g = hedgesG(to, from);
  return {
    withheld: false,
    from: summarizeWave(from),
    to: summarizeWave(to),
    welch: welch && { estimate: welch.estimate, t: welch.t, df: welch.df, p: welch.p, ci: welch.ci },
    mannWhitney: mw && { w: mw.statistic, z: mw.z, p: mw.p },
    g: g && { estimate: g.estimate, ci: g.ci },
  };
}

/** One response's score on one scale, with the person and the group it counts in. */
export interface ScoreObservation {
  personId: string;
  score: number;
  /** Group key (municipality, unit or profession value); null = not stated. */
  group: string | null;
}

export interface GroupChange {
  /** null: not stated (no unit, profession not answered). */
  id: string | null;
  paired: PairedChange | Withheld;
  unpaired: UnpairedChange | Withheld;
}

/**
 * Change of one scale from wave `from` to wave `to` in each group (in `groupOrder`, then "not stated"
 * when anyone is in it). Pairs are the persons with a score in both waves (one response per person and
 * wave); a pair counts in the group of its later response. Unpaired: every score of each wave, in the
 * group of its own response.
 */
export function changeByGroup(from: readonly ScoreObservation[], to: readonly ScoreObservation[], groupOrder: readonly string[], k: number): GroupChange[] {
  const earlier = new Map(from.map((o) => [o.personId, o.score]));
  const known = new Set(groupOrder);
  const keyOf = (g: string | null) => (g !== null && known.has(g) ? g : null);
  const ids: (string | null)[] = [...groupOrder];
  if ([...from, ...to].some((o) => keyOf(o.group) === null)) ids.push(null);
  return ids.map((id) => {
    const toScores = to.filter((o) => keyOf(o.group) === id);
    const fromScores = from.filter((o) => keyOf(o.group) === id);
    const pairs = toScores.filter((o) => earlier.has(o.personId)).map((o) => [o.score, earlier.get(o.personId)!] as const);
    return {
      id,
      paired: pairedChange(pairs, k),
      unpaired: unpairedChange(toScores.map((o) => o.score), fromScores.map((o) => o.score), k),
    };
  });
}
