/**
 * Scores per scale (areas, aspects, trust and worries, confidence): the mean 0–100 with its 95 % CI for the
 * whole municipality (or region), each group of the chosen grouping and "others together", and the
 * comparison populations as rows of their own; for areas and aspects also the distribution over the
 * levels. Scales of another form (the short form) are shown apart: their scores are their own.
 */
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { ReleaseBody, ReleaseView } from '../../../contracts/release.js';
import { hasLevels } from '../../../domain/scoring.js';
import { BarChart, StackedDistribution, isSuppressed, type BarDatum } from '../../components/charts/index.js';
import { useFormat, useLanguage } from '../../i18n/index.js';
import { formKey, scaleKindKeys } from '../../i18n/keys.js';
import { AttributeComparison } from './AttributeComparison.js';
import { distributionOf } from './distribution.js';
import { groupingsOf, meanOf, shownGroups } from './release-model.js';
import { GroupingSelect, RestNote } from './ReleaseParts.js';
import { useReleaseText } from './useReleaseText.js';

/** The order of the scale groups; a kind not listed here is shown with 'other'. */
const SCALE_KINDS = ['area', 'aspect', 'trust', 'other'] as const;
const kindGroup = (kind: string) => SCALE_KINDS.find((k) => k === kind) ?? 'other';

export function ScoresTab({ view, body, grouping, setGrouping }: { view: ReleaseView; body: ReleaseBody; grouping: string; setGrouping: (g: string) => void }) {
  const { t } = useTranslation();
  const text = useReleaseText(body);
  const groupings = groupingsOf(body);
  const forms = [...new Set(body.scales.map((s) => s.form ?? 'full'))].sort((a, b) => Number(a !== 'full') - Number(b !== 'full'));
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('results.scores.heading')}
      </Heading>
      <Paragraph>{t('results.scores.intro', { k: view.k })}</Paragraph>
      {view.benchmarks.length > 0 && <Paragraph data-size="sm">{t('results.scores.benchmarks')}</Paragraph>}
      <GroupingSelect id="scores-grouping" groupings={groupings} value={grouping} onChange={setGrouping} text={text} />
      <RestNote grouping={grouping} text={text} k={view.k} />
      <LevelLegend body={body} />
      {forms.map((form, index) => (
        <section key={form} className={`stack${index > 0 ? ' other-form' : ''}`} aria-labelledby={`scores-form-${form}`}>
          <Heading level={3} data-size="xs" id={`scores-form-${form}`}>
            {t('results.scores.form', { form: t(formKey(form)) })}
          </Heading>
          {index > 0 && <Paragraph>{t('results.scores.otherFormIntro')}</Paragraph>}
          {SCALE_KINDS.map((kind) => {
            const scales = body.scales.filter((s) => (s.form ?? 'full') === form && kindGroup(s.kind) === kind && body.means[s.id]);
            if (scales.length === 0) return null;
            return (
              <section key={kind} className="stack" aria-labelledby={`scores-${form}-${kind}`}>
                <Heading level={4} data-size="xs" id={`scores-${form}-${kind}`}>
                  {t(scaleKindKeys[kind])}
                </Heading>
                {scales.map((scale) => (
                  <ScaleBlock key={scale.id} view={view} body={body} scaleId={scale.id} withLevels={hasLevels(scale.kind)} grouping={grouping} />
                ))}
              </section>
            );
          })}
          {index === 0 && <AttributeComparison view={view} body={body} />}
        </section>
      ))}
    </div>
  );
}

function ScaleBlock({ view, body, scaleId, withLevels, grouping }: { view: ReleaseView; body: ReleaseBody; scaleId: string; withLevels: boolean; grouping: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const text = useReleaseText(body);
  const scale = body.scales.find((s) => s.id === scaleId)!;
  const label = scale.label[language];
  const means = body.means[scaleId]!;
  const datum = (id: string, name: string, cell: Parameters<typeof meanOf>[0]): BarDatum => {
    const m = meanOf(cell);
    return isSuppressed(m) ? { id, label: name, value: m, n: m } : { id, label: name, value: m.value, n: m.n, ci: m.ci };
  };
  const data: BarDatum[] = [
    datum('total', view.subject.name, means.total),
    ...shownGroups(body, grouping).map((g) => datum(`g-${g}`, text.group(grouping, g), means.byGroup[grouping]?.[g])),
    ...view.benchmarks.filter((b) => b.means[scaleId]).map((b) => datum(`b-${b.kind}`, text.benchmark(b.kind), b.means[scaleId]!.total)),
  ];
  const total = meanOf(means.total);
  const levelInfo = withLevels ? body.info.find((i) => i.kind === 'level' && i.source === scaleId) : undefined;
  const levels = levelInfo && body.answers[levelInfo.id] ? distributionOf(view, body, levelInfo, grouping, text) : null;
  const headingId = `scale-${scaleId}`;
  return (
    <section className="scale-block stack" aria-labelledby={headingId}>
      <Heading level={5} data-size="2xs" id={headingId}>
        {label}
      </Heading>
      <BarChart
        caption={t('results.scores.meanCaption', { scale: label, grouping: text.groupingInText(grouping) })}
        base={isSuppressed(total) ? total : total.n}
        k={view.k}
        kind="score"
        data={data}
      />
      {levels && levelInfo && (
        <StackedDistribution
          caption={t('results.scores.levelCaption', { scale: label, grouping: text.groupingInText(grouping) })}
          base={levels.base}
          k={view.k}
          categories={levels.categories}
          groups={levels.groups}
          note={levels.noBreakdown ? t('results.noBreakdown') : undefined}
        />
      )}
    </section>
  );
}

/** What each level means, with its score range (the questionnaire's own descriptions). */
function LevelLegend({ body }: { body: ReleaseBody }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const cuts = body.levelCutPoints ?? [];
  const descriptions = body.levelDescriptions ?? [];
  if (body.levels.length === 0) return null;
  const score = (value: number) => format.number(value, Number.isInteger(value) ? 0 : 1);
  return (
    <section className="level-legend" aria-labelledby="level-legend-heading">
      <Heading level={3} data-size="2xs" id="level-legend-heading">
        {t('results.levels.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('results.levels.intro')}</Paragraph>
      <dl className="level-legend__list">
        {body.levels.map((label, index) => (
          <div key={index} className="level-legend__item">
            <dt>
              <span className="level-legend__label">{label[language]}</span>{' '}
              {cuts.length === body.levels.length - 1 && (
                <span className="level-legend__range">{t('results.levels.range', { from: score(index === 0 ? 0 : cuts[index - 1]!), to: score(cuts[index] ?? 100) })}</span>
              )}
            </dt>
            {descriptions[index] && <dd>{descriptions[index][language]}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}
