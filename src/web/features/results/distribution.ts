/**
 * One answer's distribution as StackedDistribution takes it: the whole population first, then the rows of
 * a breakdown by one grouping (REST included), then the comparison populations. "Not asked" (and "no score")
 * leave a row's 100 % where their count is shown, so shares are of those asked; where it is withheld they
 * stay in as a category of their own. Answers outside the scale (not relevant, no answer, others together)
 * come after the scale's own.
 */
import type { AnswerInfo, ReleaseBody, ReleaseView } from '../../../contracts/release.js';
import type { DistributionCategory, DistributionGroup, Figure } from '../../components/charts/index.js';
import { type Line, NO_SCORE, NOT_ASKED, NOT_RELEVANT, OTHER, rowLine, totalLine } from './release-model.js';
import type { ReleaseText } from './useReleaseText.js';

const DROPPABLE = [NOT_ASKED, NO_SCORE];

function groupOf(line: Line, id: string, label: string): DistributionGroup {
  let n: Figure = line.n;
  const counts = new Map<string, Figure>();
  for (const part of line.parts) counts.set(part.members.length === 1 ? part.members[0]! : OTHER, part.figure);
  for (const d of DROPPABLE) {
    const c = counts.get(d);
    if (typeof n === 'number' && typeof c === 'number') {
      n -= c;
      counts.delete(d);
    }
  }
  return { id, label, n, counts: Object.fromEntries(counts) };
}

export interface Distribution {
  categories: DistributionCategory[];
  groups: DistributionGroup[];
  /** The whole population's 100 % (those asked), for the caption's base. */
  base: Figure;
  /** The breakdown is not released (its distribution shows no answer on its own). */
  noBreakdown: boolean;
}

export function distributionOf(
  view: ReleaseView,
  body: ReleaseBody,
  info: AnswerInfo,
  grouping: string | null,
  text: ReleaseText,
  options: { benchmarks?: boolean } = {},
): Distribution {
  const answer = body.answers[info.id]!;
  const total = groupOf(totalLine(answer, info), 'total', view.subject.name);
  const groups: DistributionGroup[] = [total];
  const breakdown = grouping ? answer.byGroup[grouping] : undefined;
  const otherMembers = new Set<string>();
  if (grouping && breakdown) {
    for (const c of breakdown.columns) if (c.id === OTHER) c.members.forEach((m) => otherMembers.add(m));
    for (const row of breakdown.rows) groups.push(groupOf(rowLine(breakdown, row.id), `g-${row.id}`, text.group(grouping, row.id)));
  }
  if (options.benchmarks !== false) {
    for (const b of view.benchmarks) {
      const a = b.answers[info.id];
      if (a) groups.push(groupOf(totalLine(a, info), `b-${b.kind}`, text.benchmark(b.kind)));
    }
  }
  const present = new Set(groups.flatMap((g) => Object.keys(g.counts)));
  const categories: DistributionCategory[] = info.categories
    .filter((c) => present.has(c))
    .map((c) => ({ id: c, label: text.category(info, c), outside: c.startsWith('#') || c === NOT_RELEVANT }));
  if (present.has(OTHER)) categories.push({ id: OTHER, label: text.category(info, OTHER, [...otherMembers]), outside: true });
  return { categories, groups, base: total.n, noBreakdown: grouping !== null && breakdown === null };
}
