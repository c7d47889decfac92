/**
 * Change from the previous wave to this one, per competence area: the mean of everyone who answered each
 * wave (not the same people followed over time: an unpaired comparison), for the whole municipality (or
 * region) and each group of the chosen grouping. Both means come from frozen releases; a group hidden in
 * either wave shows no change.
 */
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { MeanCell, ReleaseBody, ReleaseView } from '../../../contracts/release.js';
import { ChangeChart, isSuppressed, type ChangeGroup, type ChangePoint } from '../../components/charts/index.js';
import { useLanguage } from '../../i18n/index.js';
import { REST, groupingsOf, meanOf, shownGroups } from './release-model.js';
import { GroupingSelect } from './ReleaseParts.js';
import { useReleaseText } from './useReleaseText.js';

const point = (cell: MeanCell | undefined): ChangePoint => {
  const m = meanOf(cell);
  return isSuppressed(m) ? m : { value: m.value, n: m.n, ci: m.ci };
};

export function ChangeTab({ view, body, grouping, setGrouping }: { view: ReleaseView; body: ReleaseBody; grouping: string; setGrouping: (g: string) => void }) {
  const { t } = useTranslation();
  const text = useReleaseText(body);
  const previous = view.previous;
  // Change is shown by organisation and profession (the groups that are the same in both waves).
  const choices = groupingsOf(body).filter((g) => g === 'unit' || g === 'municipality' || g === 'profession');
  const by = (choices as string[]).includes(grouping) ? grouping : (choices[0] ?? grouping);
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('results.change.heading')}
      </Heading>
      {!previous ? (
        <Paragraph>{t('results.change.noPrevious')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('results.change.intro', { from: previous.waveLabel, to: view.waveLabel })}</Paragraph>
          <Paragraph data-size="sm">{t('results.change.unpaired')}</Paragraph>
          <GroupingSelect id="change-grouping" groupings={choices} value={by} onChange={setGrouping} text={text} />
          <ChangeCharts view={view} body={body} before={previous.own} by={by} />
        </>
      )}
    </div>
  );
}

function ChangeCharts({ view, body, before, by }: { view: ReleaseView; body: ReleaseBody; before: ReleaseBody; by: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const text = useReleaseText(body);
  const earlierText = useReleaseText(before);
  const previous = view.previous!;
  const areas = body.scales.filter((s) => s.kind === 'area' && body.means[s.id] && before.means[s.id]);
  if (areas.length === 0) return <Paragraph>{t('results.change.noAreas')}</Paragraph>;
  // Groups shown in either wave, in this wave's order; a group only in the earlier one comes last. "Others
  // together" is left out: it may hold other groups in each wave.
  const ids = [...new Set([...shownGroups(body, by), ...shownGroups(before, by)])].filter((g) => g !== REST);
  return (
    <>
      {areas.map((scale) => {
        const now = body.means[scale.id]!;
        const then = before.means[scale.id]!;
        const groups: ChangeGroup[] = [
          { id: 'total', label: view.subject.name, t0: point(then.total), t1: point(now.total) },
          ...ids.map((g) => ({
            id: `g-${g}`,
            label: shownGroups(body, by).includes(g) ? text.group(by, g) : earlierText.group(by, g),
            t0: point(then.byGroup[by]?.[g]),
            t1: point(now.byGroup[by]?.[g]),
          })),
        ];
        const total = meanOf(now.total);
        const label = scale.label[language];
        return (
          <section key={scale.id} className="stack scale-block" aria-labelledby={`change-${scale.id}`}>
            <Heading level={3} data-size="xs" id={`change-${scale.id}`}>
              {label}
            </Heading>
            <ChangeChart
              caption={t('results.change.caption', { scale: label, from: previous.waveLabel, to: view.waveLabel, grouping: text.groupingInText(by) })}
              base={isSuppressed(total) ? total : total.n}
              k={view.k}
              kind="score"
              waves={{ t0: previous.waveLabel, t1: view.waveLabel }}
              groups={groups}
              note={t('results.change.note')}
            />
          </section>
        );
      })}
    </>
  );
}
