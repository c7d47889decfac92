/**
 * Reading a frozen release (contracts/release.ts, docs/disclosure.md) for the views. Lines, and sums from
 * shown counts only, are src/domain/release-reading.ts (the PDF/XLSX reports read the release the same way);
 * here: means, shares and what the views group by. No React here.
 */
import type { AnswerInfo, MeanCell, ReleaseBody } from '../../../contracts/release.js';
import { NOT_ASKED, NOT_RELEVANT, REST, shareOf, sumOf, WITHHELD_DERIVED, type Line } from '../../../domain/release-reading.js';
import { isSuppressed, type Figure, type Suppressed } from '../../components/charts/types.js';

export {
  MISSING,
  NO_SCORE,
  NONE,
  NOT_ASKED,
  NOT_RELEVANT,
  OTHER,
  partOf,
  REST,
  rowLine,
  sumOf,
  toFigure,
  totalLine,
  type Line,
  type LinePart,
} from '../../../domain/release-reading.js';

/** A mean (0–100) with its n and 95 % CI, or why it is withheld. */
export function meanOf(cell: MeanCell | undefined): { value: number; n: number; ci: { low: number; high: number } } | Suppressed {
  if (!cell) return { suppressed: true, reason: 'below_k' };
  if (!cell.shown) return { suppressed: true, reason: cell.reason };
  return { value: cell.mean, n: cell.n, ci: { low: Math.max(0, cell.low), high: Math.min(100, cell.high) } };
}

/**
 * The share of a line that gave one of `inside`, of those who gave one of `whole` (a superset): shareOf()
 * (src/domain/release-reading.ts, with its "which way it goes" band), a withheld count's reason read as a
 * share's (asShareReason).
 */
export function shareIn(line: Line, inside: readonly string[], whole: readonly string[]): { share: number; n: number } | Suppressed {
  const share = shareOf(line, inside, whole);
  return isSuppressed(share) && !share.band ? asShareReason(share) : share;
}

/**
 * A withheld count's reason as the reason of a share derived from it: a share is not a count, so "fewer
 * than k", "at least k" or a count's band would be misread as the share's; those become "withheld". A small
 * group and a withheld base say the same of a share.
 */
export function asShareReason(reason: Suppressed): Suppressed {
  return reason.reason === 'small_group' || reason.reason === 'base_withheld' ? { suppressed: true, reason: reason.reason } : WITHHELD_DERIVED;
}

/** Every category of an answer but "not asked": those who were asked it. */
export const askedCategories = (info: AnswerInfo) => info.categories.filter((c) => c !== NOT_ASKED);

/** The respondents' own answers of an answer (not the special categories, not "not relevant"). */
export const valueCategories = (info: AnswerInfo) => info.categories.filter((c) => !c.startsWith('#') && c !== NOT_RELEVANT);

/**
 * Those asked the question (everyone in the line but "not asked"), from shown counts only; withheld with
 * `base_withheld` when it cannot be worked out.
 */
export function askedBase(line: Line, info: AnswerInfo): Figure {
  const asked = sumOf(line, askedCategories(info));
  return typeof asked === 'number' ? asked : { suppressed: true, reason: 'base_withheld' };
}

/** The answers of a release in the order the questionnaire asks them (info is ordered; answers are not). */
export function orderedInfo(body: ReleaseBody): AnswerInfo[] {
  return body.info.filter((i) => body.answers[i.id] !== undefined);
}

/** Groupings in the order the views offer them. */
export const GROUPING_ORDER = ['municipality', 'unit', 'profession', 'age', 'education', 'size_class', 'county', 'region', 'centrality'] as const;

export function groupingsOf(body: ReleaseBody): string[] {
  const present = Object.keys(body.groupings);
  return [...GROUPING_ORDER.filter((g) => present.includes(g)), ...present.filter((g) => g !== 'all' && !(GROUPING_ORDER as readonly string[]).includes(g)).sort()];
}

/**
 * The groupings the release breaks any of these answers down by (a release holds only the breakdowns its
 * views show: scale levels by every grouping, a municipality's technologies by unit), in view order.
 */
export function breakdownGroupings(body: ReleaseBody, answerIds: readonly string[]): string[] {
  return groupingsOf(body).filter((g) => answerIds.some((id) => body.answers[id]?.byGroup[g] !== undefined));
}

/** The rows a view shows for a grouping: the groups with a shown head count, then REST. */
export function shownGroups(body: ReleaseBody, grouping: string): string[] {
  const g = body.groupings[grouping];
  if (!g) return [];
  return [...g.groups.filter((x) => x.figure.shown).map((x) => x.id), ...(g.rest ? [REST] : [])];
}

/** Technology items: how often each is used (single choice) and how confident one is with it (1–5). */
export const USE_PREFIX = 'dk:use_';
export const CONFIDENCE_PREFIX = 'dk:conf_';
export const USING = ['sometimes', 'weekly', 'daily'] as const;
export const CONFIDENT = ['4', '5'] as const;
export const LOCAL_SECTION = 'local_systems';
export const isLocal = (id: string) => id.startsWith('local:');
/** The key of a technology across its use and confidence items: dk:use_epj and dk:conf_epj → epj. */
export function technologyKey(id: string): { kind: 'use' | 'conf'; key: string } | null {
  const m = /^(?:dk|local:[^:]+):(use|conf)_(.+)$/.exec(id);
  return m ? { kind: m[1] as 'use' | 'conf', key: m[2]! } : null;
}
