/**
 * Psychometrics of one wave: per form of the questionnaire, a table of the scales (score distribution,
 * floor and ceiling, Cronbach's alpha with Feldt's interval, omega total) and, per scale, its items
 * (missing, mean, corrected item-total correlation, alpha if deleted, loading). Missing answers handled
 * pairwise or by complete cases, as the researcher chooses; the method is stated under the tables.
 */
import { Details, Fieldset, Heading, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Psychometrics, ScalePsychometrics } from '../../../contracts/research.js';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { useLanguage } from '../../i18n/index.js';
import { formKey } from '../../i18n/keys.js';
import { fetchPsychometrics } from './researchViews.api.js';
import { defaultWave, LoadState, NOT_COMPUTABLE, StatTable, useResearchProject, useStatFormat, useWaveLabel, type StatFormat } from './shared.js';

type Missing = 'pairwise' | 'complete';

export function PsychometricsPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const project = useResearchProject(projectId);
  const waves = project?.waves ?? [];
  const waveLabel = useWaveLabel();
  const [waveId, setWaveId] = useState(() => defaultWave(waves)?.id ?? '');
  const [missing, setMissing] = useState<Missing>('pairwise');
  const loaded = useApi(waveId ? `psychometrics:${projectId}:${waveId}` : null, () => fetchPsychometrics(projectId, waveId));

  if (waves.length === 0) return <Paragraph>{t('research.noWaves')}</Paragraph>;
  return (
    <div className="stack">
      <Paragraph className="no-print">{t('research.psychometrics.intro')}</Paragraph>
      <div className="research-filters no-print">
        <SelectField id="psychometrics-wave" width="auto" label={t('research.wave')} value={waveId} onChange={setWaveId} options={waves.map((w) => ({ value: w.id, label: waveLabel(w) }))} />
        <Fieldset data-size="sm">
          <Fieldset.Legend>{t('research.psychometrics.missing')}</Fieldset.Legend>
          {(['pairwise', 'complete'] as const).map((value) => (
            <Radio
              key={value}
              name="psychometrics-missing"
              value={value}
              label={value === 'pairwise' ? t('research.psychometrics.pairwise') : t('research.psychometrics.complete')}
              checked={missing === value}
              onChange={() => setMissing(value)}
            />
          ))}
        </Fieldset>
      </div>
      {waveId && <LoadState loaded={loaded}>{(data) => <PsychometricsTables data={data} missing={missing} />}</LoadState>}
    </div>
  );
}

function PsychometricsTables({ data, missing }: { data: Psychometrics; missing: Missing }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const f = useStatFormat();
  const missingText = missing === 'pairwise' ? t('research.psychometrics.pairwise') : t('research.psychometrics.complete');
  return (
    <div className="stack">
      {data.forms.map((form) => {
        const formName = t(formKey(form.form));
        const caption = t('research.psychometrics.caption', { wave: data.waveLabel, form: formName, missing: missingText });
        const captionId = `psychometrics-${form.instrumentId}-${form.instrumentVersion}`.replace(/[^\w-]/g, '-');
        return (
          <section key={`${form.instrumentId}@${form.instrumentVersion}`} className="research-block" aria-labelledby={`${captionId}-heading`}>
            <Heading level={2} data-size="sm" id={`${captionId}-heading`}>
              {t('research.psychometrics.formHeading', { form: formName, version: form.instrumentVersion, n: f.count(form.responses) })}
            </Heading>
            <StatTable
              captionId={captionId}
              caption={caption}
              rowHeader={t('research.psychometrics.scale')}
              columns={[
                t('research.n'),
                t('research.psychometrics.noScore'),
                t('research.psychometrics.meanSd'),
                t('research.psychometrics.medianIqr'),
                t('research.psychometrics.floor'),
                t('research.psychometrics.ceiling'),
                t('research.psychometrics.k'),
                t('research.psychometrics.nUsed'),
                t('research.psychometrics.alphaCi'),
                t('research.psychometrics.omega'),
              ]}
              rows={form.scales.map((scale) => {
                const r = scale.reliability.find((x) => x.missing === missing);
                return {
                  id: scale.id,
                  label: scale.label[language],
                  cells: [
                    f.count(scale.score.n),
                    f.count(scale.score.missing),
                    `${f.num(scale.score.mean, 1)} (${f.num(scale.score.sd, 1)})`,
                    `${f.num(scale.score.median, 1)} (${f.num(scale.score.iqr, 1)})`,
                    f.percent(scale.score.floorShare),
                    f.percent(scale.score.ceilingShare),
                    r ? f.count(r.k) : NOT_COMPUTABLE,
                    r ? f.count(r.n) : NOT_COMPUTABLE,
                    r?.alphaCi ? `${f.num(r.alpha)} ${f.ci(r.alphaCi)}` : f.num(r?.alpha),
                    f.num(r?.omegaTotal),
                  ],
                };
              })}
            />
            <div className="research-details">
              {form.scales.map((scale) => (
                <ItemDetails key={scale.id} scale={scale} missing={missing} f={f} />
              ))}
            </div>
          </section>
        );
      })}
      <div className="research-note">
        <Paragraph data-size="sm">{t('research.psychometrics.method')}</Paragraph>
        <Paragraph data-size="sm">{t('research.psychometrics.missingNote')}</Paragraph>
        <Paragraph data-size="sm">{t('research.notComputable', { dash: NOT_COMPUTABLE })}</Paragraph>
      </div>
    </div>
  );
}

function ItemDetails({ scale, missing, f }: { scale: ScalePsychometrics; missing: Missing; f: StatFormat }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const r = scale.reliability.find((x) => x.missing === missing);
  const captionId = `items-${scale.id}`;
  return (
    <Details>
      <Details.Summary>{t('research.psychometrics.items', { scale: scale.label[language] })}</Details.Summary>
      <Details.Content>
        <StatTable
          captionId={captionId}
          caption={t('research.psychometrics.itemsCaption', { scale: scale.label[language] })}
          rowHeader={t('research.psychometrics.item')}
          columns={[
            t('research.n'),
            t('research.psychometrics.missingCount'),
            t('research.mean'),
            t('research.sd'),
            t('research.psychometrics.itemRest'),
            t('research.psychometrics.alphaIfDeleted'),
            t('research.psychometrics.loading'),
          ]}
          rows={scale.items.map((item, j) => ({
            id: item.id,
            label: (
              <>
                <span className="research-item-id">{item.id}</span> {item.text[language]}
                {item.reverse && <> ({t('research.psychometrics.reversed')})</>}
              </>
            ),
            cells: [
              f.count(item.n),
              f.count(item.missing),
              f.num(item.mean),
              f.num(item.sd),
              f.num(r?.items[j]?.itemRestCorrelation),
              f.num(r?.items[j]?.alphaIfDeleted),
              f.num(r?.items[j]?.loading),
            ],
          }))}
          className="research-table--items"
        />
      </Details.Content>
    </Details>
  );
}
