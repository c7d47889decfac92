/**
 * Technologies as heat maps, technology × unit (× municipality for a region): the share who use each one
 * (sometimes, weekly or daily, of those who answered) and the share of its users who feel quite or very
 * confident with it; the municipality's own systems in tables of their own. A share is derived only from
 * shown counts; where a count it needs is withheld, the cell is withheld too and says why.
 */
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { AnswerInfo, ReleaseBody, ReleaseView } from '../../../contracts/release.js';
import { HeatmapTable, isSuppressed, type HeatCell, type HeatmapColumn, type HeatmapSection } from '../../components/charts/index.js';
import { useLanguage } from '../../i18n/index.js';
import {
  CONFIDENT, LOCAL_SECTION, REST, USING, type Line, asShareReason, askedCategories, breakdownGroupings, isLocal, orderedInfo, rowLine, shareIn, shownGroups, technologyKey,
  toFigure, totalLine,
} from './release-model.js';
import { GroupingSelect, RestNote } from './ReleaseParts.js';
import { useReleaseText } from './useReleaseText.js';
import { WithheldMark } from './Withheld.js';

const WITHHELD: HeatCell = { suppressed: true, reason: 'protected' };

/** The share of a line in `inside` among those asked, as a heat-map cell (0–100). */
export function heatCell(line: Line, inside: readonly string[], asked: readonly string[]): HeatCell {
  const share = shareIn(line, inside, asked);
  return isSuppressed(share) ? share : { value: share.share * 100, n: share.n };
}

export function TechnologiesTab({ view, body, grouping, setGrouping }: { view: ReleaseView; body: ReleaseBody; grouping: string; setGrouping: (g: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const text = useReleaseText(body);
  const items = orderedInfo(body);
  // The release breaks technologies down by unit in a municipality's release and by municipality in a region's.
  const choices = breakdownGroupings(body, items.filter((i) => technologyKey(i.id)).map((i) => i.id));
  const by = choices.includes(grouping) ? grouping : (choices[0] ?? null);
  const groupColumns: HeatmapColumn[] = by
    ? shownGroups(body, by).map((g) => {
        const grouping = body.groupings[by];
        const n = g === REST ? (grouping?.rest?.n ?? toFigure(undefined)) : toFigure(grouping?.groups.find((x) => x.id === g)?.figure);
        return { id: g, label: text.group(by, g), n };
      })
    : [];
  const benchmarkColumns: HeatmapColumn[] = view.benchmarks.map((b) => ({ id: `b-${b.kind}`, label: text.benchmark(b.kind), n: toFigure(b.respondents) }));
  const columns: HeatmapColumn[] = [{ id: 'total', label: view.subject.name, n: toFigure(body.respondents) }, ...groupColumns, ...benchmarkColumns];
  const localColumns = columns.filter((c) => !c.id.startsWith('b-'));

  /** A group's cell: its row of the breakdown, or why it has none (merged into "others together", or not released). */
  const groupCell = (info: AnswerInfo, g: string, inside: readonly string[]): HeatCell => {
    const breakdown = by ? body.answers[info.id]!.byGroup[by] : undefined;
    if (!breakdown || !by) return WITHHELD;
    const row = breakdown.rows.find((r) => r.id === g);
    if (!row) {
      const why = toFigure(breakdown.merged[g]);
      return isSuppressed(why) ? asShareReason(why) : WITHHELD;
    }
    // "Others together" of this question holds other groups than the column says: not comparable.
    if (g === REST && row.members.join() !== (body.groupings[by]?.rest?.members ?? []).join()) return WITHHELD;
    return heatCell(rowLine(breakdown, g), inside, askedCategories(info));
  };

  const rowFor = (info: AnswerInfo, inside: readonly string[]) => {
    const answer = body.answers[info.id]!;
    const asked = askedCategories(info);
    const cells: Record<string, HeatCell | undefined> = { total: heatCell(totalLine(answer, info), inside, asked) };
    for (const c of groupColumns) cells[c.id] = groupCell(info, c.id, inside);
    for (const b of view.benchmarks) {
      const a = b.answers[info.id];
      cells[`b-${b.kind}`] = a ? heatCell(totalLine(a, info), inside, asked) : undefined;
    }
    return { id: info.id, label: info.text[language], cells };
  };

  const sectionsFor = (kind: 'use' | 'conf', local: boolean): HeatmapSection[] => {
    const inside = kind === 'use' ? USING : CONFIDENT;
    const relevant = items.filter((i) => technologyKey(i.id)?.kind === kind && isLocal(i.id) === local);
    const sectionIds = [...new Set(relevant.map((i) => i.sectionId))];
    return sectionIds.map((sectionId) => ({
      id: sectionId,
      label: local ? undefined : body.sections.find((s) => s.id === sectionId)?.title[language],
      rows: relevant.filter((i) => i.sectionId === sectionId).map((i) => rowFor(i, inside)),
    }));
  };

  const caption = (which: 'use' | 'conf' | 'localUse' | 'localConf') => {
    switch (which) {
      case 'use':
        return t('results.technologies.useCaption');
      case 'conf':
        return t('results.technologies.confCaption');
      case 'localUse':
        return t('results.technologies.localUseCaption');
      case 'localConf':
        return t('results.technologies.localConfCaption');
    }
  };
  const useSections = sectionsFor('use', false);
  const confSections = sectionsFor('conf', false);
  const localUse = sectionsFor('use', true);
  const localConf = sectionsFor('conf', true);
  const heatmap = (caption: string, sections: HeatmapSection[], note: string, local = false) =>
    sections.some((s) => s.rows.length > 0) ? (
      <HeatmapTable
        caption={caption}
        base={toFigure(body.respondents)}
        k={view.k}
        rowHeader={t('results.technologies.technology')}
        columns={local ? localColumns : columns}
        sections={sections}
        kind="percent"
        note={note}
        hiddenCell={(cell) => <WithheldMark figure={cell} k={view.k} />}
      />
    ) : null;

  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('results.technologies.heading')}
      </Heading>
      <Paragraph>{t('results.technologies.intro')}</Paragraph>
      {by && <GroupingSelect id="technologies-grouping" groupings={choices} value={by} onChange={setGrouping} text={text} />}
      {by && <RestNote grouping={by} text={text} k={view.k} />}
      <section className="stack" aria-labelledby="tech-use">
        <Heading level={3} data-size="xs" id="tech-use">
          {t('results.technologies.useHeading')}
        </Heading>
        {heatmap(caption('use'), useSections, t('results.technologies.useNote'))}
      </section>
      <section className="stack" aria-labelledby="tech-conf">
        <Heading level={3} data-size="xs" id="tech-conf">
          {t('results.technologies.confHeading')}
        </Heading>
        {heatmap(caption('conf'), confSections, t('results.technologies.confNote'))}
      </section>
      {(localUse.length > 0 || localConf.length > 0) && (
        <section className="stack local-items" aria-labelledby="tech-local">
          <Heading level={3} data-size="xs" id="tech-local">
            {body.sections.find((s) => s.id === LOCAL_SECTION)?.title[language] ?? t('results.technologies.localHeading')}
          </Heading>
          <Paragraph>{t('results.technologies.localIntro')}</Paragraph>
          {heatmap(caption('localUse'), localUse, t('results.technologies.useNote'), true)}
          {heatmap(caption('localConf'), localConf, t('results.technologies.confNote'), true)}
        </section>
      )}
    </div>
  );
}
