/**
 * Psychometrics of one wave: per form of the questionnaire, a table of the scales (score distribution,
 * floor and ceiling, Cronbach's alpha with Feldt's interval, omega total) and, per scale, its items
 * (missing, mean, corrected item-total correlation, alpha if deleted, loading). Missing answers handled
 * pairwise or by complete cases, as the researcher chooses; the method is stated under the tables.
 */
import { Details, Fieldset, Heading, Paragraph, Radio, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Psychometrics, ScalePsychometrics } from '../../../contracts/research.js';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { useLanguage } from '../../i18n/index.js';
import { formKey } from '../../i18n/keys.js';
import { fetchPsychometrics } from './researchViews.api.js';
import { defaultWave, LoadState, NOT_COMPUTABLE, useResearchProject, useStatFormat, useWaveLabel, type StatFormat } from './shared.js';

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
            <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
              <Table border zebra data-size="sm" className="research-table">
                <caption id={captionId}>{caption}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell scope="col">{t('research.psychometrics.scale')}</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="num">{t('research.n')}</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.noScore')}</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.meanSd')}</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.medianIqr')}</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.floor')}</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.ceiling')}</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.k')}</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.nUsed')}</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.alphaCi')}</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.omega')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {form.scales.map((scale) => {
                    const r = scale.reliability.find((x) => x.missing === missing);
                    return (
                      <Table.Row key={scale.id}>
                        <Table.HeaderCell scope="row">{scale.label[language]}</Table.HeaderCell>
                        <Table.Cell className="num">{f.count(scale.score.n)}</Table.Cell>
                        <Table.Cell className="num">{f.count(scale.score.missing)}</Table.Cell>
                        <Table.Cell className="num">
                          {f.num(scale.score.mean, 1)} ({f.num(scale.score.sd, 1)})
                        </Table.Cell>
                        <Table.Cell className="num">
                          {f.num(scale.score.median, 1)} ({f.num(scale.score.iqr, 1)})
                        </Table.Cell>
                        <Table.Cell className="num">{f.percent(scale.score.floorShare)}</Table.Cell>
                        <Table.Cell className="num">{f.percent(scale.score.ceilingShare)}</Table.Cell>
                        <Table.Cell className="num">{r ? f.count(r.k) : NOT_COMPUTABLE}</Table.Cell>
                        <Table.Cell className="num">{r ? f.count(r.n) : NOT_COMPUTABLE}</Table.Cell>
                        <Table.Cell className="num">
                          {f.num(r?.alpha)} {r?.alphaCi ? f.ci(r.alphaCi) : ''}
                        </Table.Cell>
                        <Table.Cell className="num">{f.num(r?.omegaTotal)}</Table.Cell>
                      </Table.Row>
                    );
                  })}
                </Table.Body>
              </Table>
            </div>
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
        <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <Table border zebra data-size="sm" className="research-table research-table--items">
            <caption id={captionId}>{t('research.psychometrics.itemsCaption', { scale: scale.label[language] })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('research.psychometrics.item')}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">{t('research.n')}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.missingCount')}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">{t('research.mean')}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">{t('research.sd')}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.itemRest')}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.alphaIfDeleted')}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">{t('research.psychometrics.loading')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {scale.items.map((item, j) => (
                <Table.Row key={item.id}>
                  <Table.HeaderCell scope="row">
                    <span className="research-item-id">{item.id}</span> {item.text[language]}
                    {item.reverse && <> ({t('research.psychometrics.reversed')})</>}
                  </Table.HeaderCell>
                  <Table.Cell className="num">{f.count(item.n)}</Table.Cell>
                  <Table.Cell className="num">{f.count(item.missing)}</Table.Cell>
                  <Table.Cell className="num">{f.num(item.mean)}</Table.Cell>
                  <Table.Cell className="num">{f.num(item.sd)}</Table.Cell>
                  <Table.Cell className="num">{f.num(r?.items[j]?.itemRestCorrelation)}</Table.Cell>
                  <Table.Cell className="num">{f.num(r?.items[j]?.alphaIfDeleted)}</Table.Cell>
                  <Table.Cell className="num">{f.num(r?.items[j]?.loading)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      </Details.Content>
    </Details>
  );
}
