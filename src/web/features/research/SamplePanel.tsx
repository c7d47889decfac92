/**
 * The sample description of one wave, in the manner of a paper's Table 1: a row for the whole sample,
 * one per municipality and, under each, one per group of the researcher's choice (unit or a background
 * question); n, numeric variables as mean (min | max) or median (P25–P75), categorical ones as n (%).
 * Numbers in the viewer's locale (decimal comma in nb and nn). Printable (only the table and its notes
 * are printed) and downloadable as CSV.
 */
import { Button, Checkbox, Fieldset, Paragraph, Radio, Table } from '@digdir/designsystemet-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NumericSummary, SampleCell, SampleDescription, SampleVariable } from '../../../contracts/research.js';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { useFormat, useLanguage } from '../../i18n/index.js';
import { fetchSampleDescription, sampleCsvUrl } from './researchViews.api.js';
import { defaultWave, LoadState, NOT_COMPUTABLE, useResearchProject, useWaveLabel } from './shared.js';

/** Shown at first: the first three categorical variables and every numeric one (the table stays printable). */
function defaultVariables(variables: readonly SampleVariable[]): string[] {
  const categorical = variables.filter((v) => v.kind === 'categorical').slice(0, 3).map((v) => v.id);
  return variables.filter((v) => v.kind === 'numeric' || categorical.includes(v.id)).map((v) => v.id);
}

export function SamplePanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const project = useResearchProject(projectId);
  const waves = project?.waves ?? [];
  const waveLabel = useWaveLabel();
  const [waveId, setWaveId] = useState(() => defaultWave(waves)?.id ?? '');
  const [by, setBy] = useState('municipality');
  const [numeric, setNumeric] = useState<NumericSummary>('mean_range');
  const [chosen, setChosen] = useState<string[] | null>(null);
  const query = { waveId, by, numeric };
  const loaded = useApi(waveId ? `sample:${projectId}:${waveId}:${by}:${numeric}` : null, () => fetchSampleDescription(projectId, query));
  const data = loaded.data;
  // The groupings stay offered while another table loads.
  const [groupings, setGroupings] = useState<SampleDescription['groupings']>([{ id: 'municipality', text: null }]);
  useEffect(() => {
    if (data) setGroupings(data.groupings);
  }, [data]);

  if (waves.length === 0) return <Paragraph>{t('research.noWaves')}</Paragraph>;
  const shown = chosen ?? (data ? defaultVariables(data.variables) : []);
  const groupingLabel = (g: SampleDescription['groupings'][number]) =>
    g.id === 'municipality' ? t('research.sample.byMunicipality') : g.id === 'unit' ? t('research.sample.byUnit') : (g.text?.[language] ?? g.id);

  return (
    <div className="stack">
      <Paragraph className="no-print">{t('research.sample.intro')}</Paragraph>
      <div className="research-filters no-print">
        <SelectField id="sample-wave" width="auto" label={t('research.wave')} value={waveId} onChange={setWaveId} options={waves.map((w) => ({ value: w.id, label: waveLabel(w) }))} />
        <SelectField
          id="sample-by"
          width="auto"
          label={t('research.sample.by')}
          value={by}
          onChange={setBy}
          options={groupings.map((g) => ({ value: g.id, label: groupingLabel(g) }))}
        />
        <Fieldset data-size="sm">
          <Fieldset.Legend>{t('research.sample.numeric')}</Fieldset.Legend>
          {(['mean_range', 'median_iqr'] as const).map((value) => (
            <Radio
              key={value}
              name="sample-numeric"
              value={value}
              label={value === 'mean_range' ? t('research.sample.meanRange') : t('research.sample.medianIqr')}
              checked={numeric === value}
              onChange={() => setNumeric(value)}
            />
          ))}
        </Fieldset>
      </div>
      {data && data.variables.length > 0 && (
        <Fieldset data-size="sm" className="no-print research-variables">
          <Fieldset.Legend>{t('research.sample.variables')}</Fieldset.Legend>
          {data.variables.map((v) => (
            <Checkbox
              key={v.id}
              value={v.id}
              label={v.text[language]}
              checked={shown.includes(v.id)}
              onChange={(e) => setChosen(e.target.checked ? data.variables.map((x) => x.id).filter((id) => id === v.id || shown.includes(id)) : shown.filter((id) => id !== v.id))}
            />
          ))}
        </Fieldset>
      )}
      {data && (
        <div className="button-row no-print">
          <Button variant="secondary" onClick={() => window.print()}>
            {t('research.sample.print')}
          </Button>
          <Button asChild variant="secondary">
            <a href={sampleCsvUrl(projectId, query, language)} download>
              {t('research.sample.csv')}
            </a>
          </Button>
        </div>
      )}
      {waveId && <LoadState loaded={loaded}>{(d) => <SampleTable data={d} shown={shown} kMin={project?.kMin ?? 0} />}</LoadState>}
    </div>
  );
}

function SampleTable({ data, shown, kMin }: { data: SampleDescription; shown: readonly string[]; kMin: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  // Whole numbers stay whole; others get one decimal (46; 0,5).
  const short = useMemo(() => new Intl.NumberFormat(format.locale, { maximumFractionDigits: 1 }), [format.locale]);
  const value = (x: number | null) => (x === null ? NOT_COMPUTABLE : short.format(x));
  // The grouping question itself would only repeat the rows (100 % in its own group): it is left out.
  const columns = data.variables.flatMap((v, index) => (shown.includes(v.id) && v.id !== data.by ? [{ v, index }] : []));
  const numericLabel = data.numeric === 'mean_range' ? t('research.sample.meanRange') : t('research.sample.medianIqr');
  const byText =
    data.by === 'municipality' ? null : data.by === 'unit' ? t('research.sample.byUnit') : (data.variables.find((v) => v.id === data.by)?.text[language] ?? data.by);
  const caption = byText ? t('research.sample.captionBy', { wave: data.waveLabel, by: byText }) : t('research.sample.caption', { wave: data.waveLabel });

  const cellText = (cell: SampleCell, option?: string) => {
    if (cell.kind === 'numeric') {
      if (cell.center === null) return NOT_COMPUTABLE;
      return data.numeric === 'mean_range' ? `${value(cell.center)} (${value(cell.low)} | ${value(cell.high)})` : `${value(cell.center)} (${value(cell.low)}–${value(cell.high)})`;
    }
    const count = cell.counts.find((c) => c.value === option);
    if (!count) return NOT_COMPUTABLE;
    return count.share === null ? format.number(count.n) : `${format.number(count.n)} (${format.number(100 * count.share, 0)})`;
  };
  const rowLabel = (row: SampleDescription['rows'][number]) => (row.kind === 'total' ? t('research.sample.total') : row.label ? row.label[language] : t('research.notStated'));

  return (
    <div className="stack research-sample">
      <div className="table-scroll" role="region" aria-labelledby="sample-caption" tabIndex={0}>
        <Table border data-size="sm" className="research-table sample-table">
          <caption id="sample-caption">{caption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col" rowSpan={2}>
                {byText ? t('research.sample.municipalityAndGroup') : t('research.sample.municipality')}
              </Table.HeaderCell>
              <Table.HeaderCell scope="col" rowSpan={2} className="num">
                {t('research.n')}
              </Table.HeaderCell>
              {columns.map(({ v }) =>
                v.kind === 'numeric' ? (
                  <Table.HeaderCell key={v.id} scope="col" className="num">
                    {v.text[language]}
                    {v.unit ? ` (${v.unit[language]})` : ''}
                  </Table.HeaderCell>
                ) : (
                  <Table.HeaderCell key={v.id} scope="colgroup" colSpan={v.options.length} className="sample-group-head">
                    {t('research.sample.countPercent', { variable: v.text[language] })}
                  </Table.HeaderCell>
                ),
              )}
            </Table.Row>
            <Table.Row>
              {columns.flatMap(({ v }) =>
                v.kind === 'numeric'
                  ? [
                      <Table.HeaderCell key={v.id} scope="col" className="num">
                        {numericLabel}
                      </Table.HeaderCell>,
                    ]
                  : v.options.map((o) => (
                      <Table.HeaderCell key={`${v.id}:${o.value}`} scope="col" className="num">
                        {o.label[language]}
                      </Table.HeaderCell>
                    )),
              )}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {data.rows.map((row) => (
              <Table.Row key={`${row.kind}:${row.municipalityId ?? ''}:${row.group ?? ''}`} className={`sample-row--${row.kind}${row.kind === 'total' ? ' row--total' : ''}`}>
                <Table.HeaderCell scope="row">{rowLabel(row)}</Table.HeaderCell>
                <Table.Cell className="num">{format.number(row.n)}</Table.Cell>
                {columns.flatMap(({ v, index }) => {
                  const cell = row.cells[index]!;
                  return v.kind === 'numeric'
                    ? [
                        <Table.Cell key={v.id} className="num">
                          {cellText(cell)}
                        </Table.Cell>,
                      ]
                    : v.options.map((o) => (
                        <Table.Cell key={`${v.id}:${o.value}`} className="num">
                          {cellText(cell, o.value)}
                        </Table.Cell>
                      ));
                })}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      <div className="research-note">
        <Paragraph data-size="sm">{data.numeric === 'mean_range' ? t('research.sample.noteMeanRange') : t('research.sample.noteMedianIqr')}</Paragraph>
        <Paragraph data-size="sm">{t('research.sample.noteMissing', { k: kMin })}</Paragraph>
      </div>
    </div>
  );
}
