/**
 * Scores by municipality attributes (size class, county, region, centrality), as national surveys break them
 * down: the viewer's own release and its benchmarks — disjoint populations — added up group by group from
 * shown figures only (attributeRows in src/domain/release-reading.ts), each mean with its n and 95 % CI.
 */
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReleaseBody, ReleaseView } from '../../../contracts/release.js';
import { BREAKDOWN_DIMENSIONS } from '../../../domain/municipality-attributes.js';
import { addFigures, attributeRows, isWithheld, toFigure } from '../../../domain/release-reading.js';
import { SelectField } from '../../components/SelectField.js';
import { BarChart, type BarDatum } from '../../components/charts/index.js';
import { useLanguage } from '../../i18n/index.js';
import { useReleaseText } from './useReleaseText.js';

export function AttributeComparison({ view, body }: { view: ReleaseView; body: ReleaseBody }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const text = useReleaseText(body);
  const bodies = [body, ...view.benchmarks];
  const scales = body.scales.filter((s) => (s.form ?? 'full') === 'full' && body.means[s.id]);
  const dimensions = BREAKDOWN_DIMENSIONS.flatMap((d) => {
    const rows = attributeRows(bodies, d, scales.map((s) => s.id));
    return rows && rows.length > 0 ? [{ id: d, rows }] : [];
  });
  const [dimensionId, setDimension] = useState<string>(dimensions[0]?.id ?? '');
  const [scaleId, setScale] = useState<string>(scales[0]?.id ?? '');
  if (view.benchmarks.length === 0 || dimensions.length === 0 || scales.length === 0) return null;
  const dimension = dimensions.find((d) => d.id === dimensionId) ?? dimensions[0]!;
  const scale = scales.find((s) => s.id === scaleId) ?? scales[0]!;

  const data: BarDatum[] = dimension.rows.map((r) => {
    const m = r.means[scale.id]!;
    const label = text.attributeGroup(dimension.id, r.group, r.name);
    return isWithheld(m)
      ? { id: r.group, label, value: m, n: m }
      : { id: r.group, label, value: m.mean, n: m.n, ci: { low: Math.max(0, m.low), high: Math.min(100, m.high) } };
  });
  // The base: everyone in the releases compared.
  const base = addFigures(bodies.map((b) => toFigure(b.respondents)));
  return (
    <section className="stack" aria-labelledby="attribute-comparison-heading">
      <Heading level={3} data-size="xs" id="attribute-comparison-heading">
        {t('results.attributes.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('results.attributes.intro', { subject: view.subject.name })}</Paragraph>
      <div className="filters">
        <SelectField
          id="attribute-dimension"
          width="auto"
          label={t('results.attributes.dimension')}
          value={dimension.id}
          onChange={setDimension}
          options={dimensions.map((d) => ({ value: d.id, label: text.grouping(d.id) }))}
        />
        <SelectField id="attribute-scale" width="auto" label={t('results.attributes.scale')} value={scale.id} onChange={setScale} options={scales.map((s) => ({ value: s.id, label: s.label[language] }))} />
      </div>
      <BarChart
        caption={t('results.attributes.caption', { scale: scale.label[language], dimension: text.groupingInText(dimension.id) })}
        base={base}
        k={view.k}
        kind="score"
        data={data}
        note={dimension.id === 'centrality' ? t('results.attributes.centralityNote') : undefined}
      />
    </section>
  );
}
