/**
 * Change between two waves: for the whole project each scale is a row; by municipality, unit or
 * profession the researcher picks a scale and each group is a row. A chart of the linked pairs' means
 * (T0 hollow, T1 filled), then the paired statistics (paired t, Wilcoxon signed-rank, d_z) and those of
 * all respondents (Welch's t, Mann–Whitney, Hedges' g). Groups below k are withheld and say so.
 */
import { Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Change, ChangeGrouping, PairedChange, UnpairedChange } from '../../../contracts/research.js';
import { ChangeChart, type ChangeGroup, type ChangePoint } from '../../components/charts/index.js';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { useLanguage } from '../../i18n/index.js';
import { formKey } from '../../i18n/keys.js';
import { fetchChange } from './researchViews.api.js';
import { LoadState, NOT_COMPUTABLE, StatTable, SYMBOLS, useResearchProject, useStatFormat, useWaveLabel } from './shared.js';

/** One row of the tables: a scale (whole project) or a group (one scale). */
interface Row {
  id: string;
  label: string;
  paired: PairedChange;
  unpaired: UnpairedChange;
}

export function ChangePanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const project = useResearchProject(projectId);
  const waves = [...(project?.waves ?? [])].sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  const waveLabel = useWaveLabel();
  const [from, setFrom] = useState(waves[0]?.id ?? '');
  const [to, setTo] = useState(waves[1]?.id ?? '');
  const [by, setBy] = useState<ChangeGrouping>('none');
  const [scaleId, setScaleId] = useState('');
  const ready = from && to && from !== to;
  const loaded = useApi(ready ? `change:${projectId}:${from}:${to}:${by}` : null, () => fetchChange(projectId, { from, to, by }));

  if (waves.length < 2) return <Paragraph>{t('research.change.needTwoWaves')}</Paragraph>;
  const groupings: { value: ChangeGrouping; label: string }[] = [
    { value: 'none', label: t('research.change.byNone') },
    { value: 'municipality', label: t('research.change.byMunicipality') },
    { value: 'unit', label: t('research.change.byUnit') },
    { value: 'profession', label: t('research.change.byProfession') },
  ];
  const waveOptions = waves.map((w) => ({ value: w.id, label: waveLabel(w) }));
  return (
    <div className="stack">
      <Paragraph className="no-print">{t('research.change.intro', { k: project?.kMin ?? 0 })}</Paragraph>
      <div className="research-filters no-print">
        <SelectField id="change-from" width="auto" label={t('research.change.from')} value={from} onChange={setFrom} options={waveOptions} />
        <SelectField id="change-to" width="auto" label={t('research.change.to')} value={to} onChange={setTo} options={waveOptions} error={from === to ? t('research.change.sameWave') : undefined} />
        <SelectField id="change-by" width="auto" label={t('research.change.by')} value={by} onChange={(v) => setBy(v as ChangeGrouping)} options={groupings} />
        {by !== 'none' && loaded.data && (
          <SelectField
            id="change-scale"
            width="auto"
            label={t('research.change.scale')}
            value={scaleId || loaded.data.scales[0]?.id || ''}
            onChange={setScaleId}
            options={loaded.data.scales.map((s) => ({ value: s.id, label: s.form === 'full' ? s.label[language] : `${s.label[language]} – ${t(formKey(s.form))}` }))}
          />
        )}
      </div>
      {ready && <LoadState loaded={loaded}>{(data) => <ChangeView data={data} scaleId={scaleId || data.scales[0]?.id || ''} />}</LoadState>}
    </div>
  );
}

function ChangeView({ data, scaleId }: { data: Change; scaleId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const f = useStatFormat();
  const scale = data.scales.find((s) => s.id === scaleId) ?? data.scales[0];
  // A scale of another form (the short form) may share its name with the full form's: the form is added then.
  const scaleLabel = (s: Change['scales'][number]) =>
    s.form !== 'full' && data.scales.some((o) => o.id !== s.id && o.label[language] === s.label[language]) ? `${s.label[language]} – ${t(formKey(s.form))}` : s.label[language];
  const rows: Row[] =
    data.by === 'none'
      ? data.scales.map((s) => ({ id: s.id, label: scaleLabel(s), paired: s.groups[0]!.paired, unpaired: s.groups[0]!.unpaired }))
      : (scale?.groups ?? []).map((g) => ({ id: g.id ?? 'not-stated', label: g.label ? g.label[language] : t('research.notStated'), paired: g.paired, unpaired: g.unpaired }));
  const subject = data.by === 'none' ? t('research.change.allScales') : scale ? scaleLabel(scale) : '';
  const waves = { t0: data.from.label, t1: data.to.label };
  const point = (p: PairedChange, side: 'from' | 'to'): ChangePoint => {
    if (p.withheld) return { suppressed: true, reason: 'below_k' };
    const s = p[side];
    return s.mean === null ? { suppressed: true, reason: 'below_k' } : { value: s.mean, n: s.n, ...(s.ci ? { ci: { low: s.ci.lower, high: s.ci.upper } } : {}) };
  };
  const chartGroups: ChangeGroup[] = rows.map((r) => ({ id: r.id, label: r.label, t0: point(r.paired, 'from'), t1: point(r.paired, 'to') }));
  const pairsShown = rows.reduce((max, r) => Math.max(max, r.paired.withheld ? 0 : r.paired.n), 0);
  const withheld = <Tag data-color="neutral">{t('research.change.withheld', { k: data.kMin })}</Tag>;
  const rowHeader = data.by === 'none' ? t('research.psychometrics.scale') : t('research.change.group');

  return (
    <div className="stack">
      <Paragraph>
        <strong>{t('research.change.linked', { n: f.count(data.linkedPersons), from: data.from.label, to: data.to.label })}</strong>
      </Paragraph>
      {data.scales.length === 0 ? (
        <Paragraph>{t('research.change.noScores')}</Paragraph>
      ) : (
        <>
          <ChangeChart
            caption={t('research.change.chartCaption', { subject, from: data.from.label, to: data.to.label })}
            base={pairsShown}
            k={data.kMin}
            groups={chartGroups}
            waves={waves}
            kind="score"
            note={t('research.change.chartNote')}
          />
          <section className="research-block" aria-labelledby="change-paired-heading">
            <Heading level={2} data-size="sm" id="change-paired-heading">
              {t('research.change.pairedHeading')}
            </Heading>
            <StatTable
              captionId="change-paired-caption"
              caption={t('research.change.pairedCaption', { subject, from: data.from.label, to: data.to.label })}
              rowHeader={rowHeader}
              columns={[
                t('research.change.pairs'),
                t('research.change.meanOf', { wave: data.from.label }),
                t('research.change.meanOf', { wave: data.to.label }),
                t('research.change.difference'),
                t('research.change.tDf', { t: SYMBOLS.t }),
                t('research.change.p', { p: SYMBOLS.p }),
                t('research.change.wilcoxon', { v: SYMBOLS.v, z: SYMBOLS.z }),
                t('research.change.p', { p: SYMBOLS.p }),
                t('research.change.dz', { dz: SYMBOLS.dz }),
              ]}
              rows={rows.map(({ id, label, paired: x }) => ({
                id,
                label,
                cells: x.withheld
                  ? null
                  : [
                      f.count(x.n),
                      f.num(x.from.mean, 1),
                      f.num(x.to.mean, 1),
                      x.t ? `${f.num(x.t.estimate, 1)} ${f.ci(x.t.ci, 1)}` : NOT_COMPUTABLE,
                      x.t ? `${f.num(x.t.t)} (${f.count(x.t.df)})` : NOT_COMPUTABLE,
                      f.p(x.t?.p),
                      x.wilcoxon ? `${f.short(x.wilcoxon.v)} (${SYMBOLS.z} ${f.num(x.wilcoxon.z)})` : NOT_COMPUTABLE,
                      f.p(x.wilcoxon?.p),
                      x.dz ? `${f.num(x.dz.estimate)} ${f.ci(x.dz.ci)}` : NOT_COMPUTABLE,
                    ],
              }))}
              withheld={withheld}
            />
          </section>
          <section className="research-block" aria-labelledby="change-unpaired-heading">
            <Heading level={2} data-size="sm" id="change-unpaired-heading">
              {t('research.change.unpairedHeading')}
            </Heading>
            <StatTable
              captionId="change-unpaired-caption"
              caption={t('research.change.unpairedCaption', { subject, from: data.from.label, to: data.to.label })}
              rowHeader={rowHeader}
              columns={[
                t('research.change.nOf', { wave: data.from.label }),
                t('research.change.nOf', { wave: data.to.label }),
                t('research.change.meanOf', { wave: data.from.label }),
                t('research.change.meanOf', { wave: data.to.label }),
                t('research.change.difference'),
                t('research.change.welch', { t: SYMBOLS.t }),
                t('research.change.p', { p: SYMBOLS.p }),
                t('research.change.mannWhitney', { w: SYMBOLS.w, z: SYMBOLS.z }),
                t('research.change.p', { p: SYMBOLS.p }),
                t('research.change.g', { g: SYMBOLS.g }),
              ]}
              rows={rows.map(({ id, label, unpaired: x }) => ({
                id,
                label,
                cells: x.withheld
                  ? null
                  : [
                      f.count(x.from.n),
                      f.count(x.to.n),
                      f.num(x.from.mean, 1),
                      f.num(x.to.mean, 1),
                      x.welch ? `${f.num(x.welch.estimate, 1)} ${f.ci(x.welch.ci, 1)}` : NOT_COMPUTABLE,
                      x.welch ? `${f.num(x.welch.t)} (${f.num(x.welch.df, 1)})` : NOT_COMPUTABLE,
                      f.p(x.welch?.p),
                      x.mannWhitney ? `${f.short(x.mannWhitney.w)} (${SYMBOLS.z} ${f.num(x.mannWhitney.z)})` : NOT_COMPUTABLE,
                      f.p(x.mannWhitney?.p),
                      x.g ? `${f.num(x.g.estimate)} ${f.ci(x.g.ci)}` : NOT_COMPUTABLE,
                    ],
              }))}
              withheld={withheld}
            />
          </section>
        </>
      )}
      <div className="research-note">
        <Paragraph data-size="sm">{t('research.change.method', { k: data.kMin, t: SYMBOLS.t, dz: SYMBOLS.dz, g: SYMBOLS.g })}</Paragraph>
        <Paragraph data-size="sm">{t('research.notComputable', { dash: NOT_COMPUTABLE })}</Paragraph>
      </div>
    </div>
  );
}
