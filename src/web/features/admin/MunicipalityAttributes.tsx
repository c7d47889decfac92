// Municipality attributes for breakdowns like national surveys: population (→ size class), county and SSB
// centrality class. The admin edits them one municipality at a time, or imports an SSB-style CSV file:
// a dry run shows the problems and what would change, and only a clean file can be stored.
import type { TFunction } from 'i18next';
import { Button, Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../contracts/api.js';
import type { AttributeImportChange, AttributeImportResult, MunicipalityAttributes, SizeClass } from '../../../contracts/municipality-attributes.js';
import { DryRunUpload } from '../../components/DryRunUpload.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { SelectField } from '../../components/SelectField.js';
import { useFormat } from '../../i18n/index.js';
import { sizeClassKeys } from '../../i18n/keys.js';
import { importAttributes, updateAttributes } from './attributes.api.js';
import { DoneMessage, useAdminForm } from './shared.js';

type T = TFunction;

export function sizeClassLabel(t: T, sizeClass: SizeClass | null | undefined): string {
  return sizeClass ? t(sizeClassKeys[sizeClass]) : t('admin.attributes.unknown');
}

/** The formatted attributes of one municipality, for table cells. */
export function useAttributeText() {
  const { t } = useTranslation();
  const format = useFormat();
  const unknown = t('admin.attributes.unknown');
  return {
    population: (a: Pick<MunicipalityAttributes, 'population' | 'populationYear'> | undefined) =>
      a?.population == null
        ? unknown
        : a.populationYear == null
          ? format.number(a.population)
          : t('admin.attributes.populationWithYear', { population: format.number(a.population), year: String(a.populationYear) }),
    county: (a: Pick<MunicipalityAttributes, 'countyCode' | 'countyName'> | undefined) =>
      a?.countyCode == null ? unknown : [a.countyCode, a.countyName].filter(Boolean).join(' '),
    centrality: (a: Pick<MunicipalityAttributes, 'centrality'> | undefined) => (a?.centrality == null ? unknown : String(a.centrality)),
    sizeClass: (a: { sizeClass: SizeClass | null } | undefined) => sizeClassLabel(t, a?.sizeClass),
  };
}

const POPULATION = /^\d{1,7}$/;

/** Edit one municipality's attributes; empty fields are "not known". */
export function AttributesEditor({ municipalities, reload }: { municipalities: Municipality[]; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const [municipalityId, setMunicipalityId] = useState(municipalities[0]?.id ?? '');
  const municipality = municipalities.find((m) => m.id === municipalityId);
  const [population, setPopulation] = useState('');
  const [populationYear, setPopulationYear] = useState('');
  const [countyCode, setCountyCode] = useState('');
  const [centrality, setCentrality] = useState('');
  const { form, busy, done, submit, ids, summary } = useAdminForm('attributes', ['population', 'populationYear', 'countyCode', 'centrality'] as const);

  // Show the chosen municipality's stored values.
  const a = municipality?.attributes;
  useEffect(() => {
    setPopulation(a?.population == null ? '' : String(a.population));
    setPopulationYear(a?.populationYear == null ? '' : String(a.populationYear));
    setCountyCode(a?.countyCode ?? '');
    setCentrality(a?.centrality == null ? '' : String(a.centrality));
  }, [municipalityId, a?.population, a?.populationYear, a?.countyCode, a?.centrality]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const p = population.replace(/[\s\u00a0]/g, '');
    const y = populationYear.trim();
    const c = countyCode.trim();
    void submit(
      () => ({
        ...(p === '' || (POPULATION.test(p) && Number(p) <= 2_000_000) ? {} : { population: t('admin.attributes.edit.errors.population') }),
        ...(y === '' || (/^\d{4}$/.test(y) && Number(y) >= 1900 && Number(y) <= 2100)
          ? p === '' && y !== ''
            ? { populationYear: t('admin.attributes.edit.errors.yearWithoutPopulation') }
            : {}
          : { populationYear: t('admin.attributes.edit.errors.year') }),
        ...(c === '' || /^\d{2}$/.test(c) ? {} : { countyCode: t('admin.attributes.edit.errors.countyCode') }),
      }),
      async () => {
        await updateAttributes(municipalityId, {
          population: p === '' ? null : Number(p),
          populationYear: y === '' ? null : Number(y),
          countyCode: c === '' ? null : c,
          centrality: centrality === '' ? null : Number(centrality),
        });
        await reload();
        return t('admin.attributes.edit.saved', { municipality: municipality?.name ?? '' });
      },
    );
  };

  return (
    <section aria-labelledby="attributes-form-heading" className="admin-form stack">
      <Heading level={2} data-size="xs" id="attributes-form-heading">
        {t('admin.attributes.edit.heading')}
      </Heading>
      <Paragraph>{t('admin.attributes.edit.intro')}</Paragraph>
      <FormErrorSummary errors={summary} attempt={form.attempt} />
      <form noValidate onSubmit={onSubmit} className="stack form">
        <SelectField
          id="attributes-municipality"
          width="auto"
          label={t('admin.attributes.edit.municipality')}
          value={municipalityId}
          onChange={setMunicipalityId}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
        />
        <Textfield
          id={ids.population}
          label={t('admin.attributes.population')}
          description={t('admin.attributes.edit.populationHelp')}
          inputMode="numeric"
          size={10}
          value={population}
          onChange={(e) => setPopulation(e.target.value)}
          error={form.errors.population}
        />
        <Textfield
          id={ids.populationYear}
          label={t('admin.attributes.edit.populationYear')}
          inputMode="numeric"
          maxLength={4}
          size={6}
          value={populationYear}
          onChange={(e) => setPopulationYear(e.target.value)}
          error={form.errors.populationYear}
        />
        <Textfield
          id={ids.countyCode}
          label={t('admin.attributes.edit.countyCode')}
          description={t('admin.attributes.edit.countyCodeHelp')}
          inputMode="numeric"
          maxLength={2}
          size={4}
          value={countyCode}
          onChange={(e) => setCountyCode(e.target.value)}
          error={form.errors.countyCode}
        />
        <SelectField
          id={ids.centrality}
          width="auto"
          label={t('admin.attributes.edit.centrality')}
          description={t('admin.attributes.edit.centralityHelp')}
          value={centrality}
          onChange={setCentrality}
          emptyLabel={t('admin.attributes.unknown')}
          options={[
            { value: '1', label: t('admin.attributes.edit.centralityMost') },
            ...['2', '3', '4', '5'].map((v) => ({ value: v, label: v })),
            { value: '6', label: t('admin.attributes.edit.centralityLeast') },
          ]}
          error={form.errors.centrality}
        />
        <Button type="submit" loading={busy} disabled={!municipalityId}>
          {t('admin.attributes.edit.submit')}
        </Button>
        <DoneMessage text={done} />
      </form>
    </section>
  );
}

function encodingLabel(t: T, encoding: string): string {
  if (encoding === 'windows-1252') return t('admin.attributes.import.encoding.latin1');
  if (encoding.startsWith('utf-16')) return t('admin.attributes.import.encoding.utf16');
  return t('admin.attributes.import.encoding.utf8');
}

function delimiterLabel(t: T, delimiter: string): string {
  if (delimiter === ',') return t('admin.attributes.import.delimiter.comma');
  if (delimiter === 'tab') return t('admin.attributes.import.delimiter.tab');
  return t('admin.attributes.import.delimiter.semicolon');
}

function columnKindLabel(t: T, kind: string): string {
  switch (kind) {
    case 'ssbCode':
      return t('admin.attributes.import.kinds.ssbCode');
    case 'name':
      return t('admin.attributes.import.kinds.name');
    case 'population':
      return t('admin.attributes.import.kinds.population');
    case 'year':
      return t('admin.attributes.import.kinds.year');
    case 'countyCode':
      return t('admin.attributes.import.kinds.countyCode');
    case 'countyName':
      return t('admin.attributes.import.kinds.countyName');
    case 'county':
      return t('admin.attributes.import.kinds.county');
    default:
      return t('admin.attributes.import.kinds.centrality');
  }
}

/** Import from an SSB file: check (dry run), read the problems and changes, then store. */
export function AttributesImport({ reload }: { reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const text = useAttributeText();

  const cell = (c: AttributeImportChange, field: 'population' | 'county' | 'centrality') => {
    const changed =
      field === 'population'
        ? c.changed.includes('population') || c.changed.includes('populationYear')
        : field === 'county'
          ? c.changed.includes('countyCode') || c.changed.includes('countyName')
          : c.changed.includes('centrality');
    const show = text[field];
    return changed ? t('admin.attributes.import.fromTo', { before: show(c.before), after: show(c.after) }) : show(c.after);
  };

  return (
    <section aria-labelledby="attributes-import-heading" className="admin-form stack">
      <Heading level={2} data-size="xs" id="attributes-import-heading">
        {t('admin.attributes.import.heading')}
      </Heading>
      <Paragraph>{t('admin.attributes.import.intro')}</Paragraph>
      <DryRunUpload<AttributeImportResult>
        id="attributes"
        texts={{
          fileHelp: t('admin.attributes.import.fileHelp'),
          chooseFile: t('admin.attributes.import.chooseFile'),
          failed: t('admin.attributes.import.failed'),
          problemsCaption: t('admin.attributes.import.problemsCaption'),
          line: t('admin.attributes.import.line'),
        }}
        check={(file) => importAttributes(file, true)}
        summary={(result) => (
          <>
            <Paragraph data-size="sm">
              {t('admin.attributes.import.summary', {
                count: result.rows,
                encoding: encodingLabel(t, result.encoding),
                delimiter: delimiterLabel(t, result.delimiter),
              })}
            </Paragraph>
            {Object.keys(result.columns).length > 0 && (
              <Paragraph data-size="sm">
                {t('admin.attributes.import.columns', {
                  columns: Object.entries(result.columns)
                    .map(([kind, header]) => t('admin.attributes.import.columnRead', { header, kind: columnKindLabel(t, kind) }))
                    .join('; '),
                })}
              </Paragraph>
            )}
            {result.skippedLines.length > 0 && (
              <Paragraph data-size="sm">{t('admin.attributes.import.skipped', { lines: result.skippedLines.join(', ') })}</Paragraph>
            )}
          </>
        )}
        problems={(result) =>
          result.problems.length === 0
            ? null
            : {
                alert: <Paragraph>{t('admin.attributes.import.problemsAlert', { count: result.problems.length })}</Paragraph>,
                rows: result.problems.map((p) => ({ line: p.line ?? t('admin.attributes.import.wholeFile'), column: p.column ?? '', value: p.value ?? '', message: p.message })),
              }
        }
        problemsTable={{ className: 'admin-table' }}
      >
        {(result, { busy, apply }) => {
          const clean = result.problems.length === 0;
          const store = () =>
            apply(async (file) => {
              const stored = await importAttributes(file, false);
              await reload();
              return t('admin.attributes.import.applied', { count: stored.changes.length });
            });
          return (
            <>
              {result.changes.length > 0 && (
                <div className="table-scroll" role="region" aria-labelledby="attributes-changes-caption" tabIndex={0}>
                  <Table zebra border className="admin-table">
                    <caption id="attributes-changes-caption">{t('admin.attributes.import.changesCaption', { count: result.changes.length })}</caption>
                    <Table.Head>
                      <Table.Row>
                        <Table.HeaderCell scope="col">{t('admin.attributes.import.municipality')}</Table.HeaderCell>
                        <Table.HeaderCell scope="col">{t('admin.attributes.population')}</Table.HeaderCell>
                        <Table.HeaderCell scope="col">{t('admin.attributes.county')}</Table.HeaderCell>
                        <Table.HeaderCell scope="col">{t('admin.attributes.centrality')}</Table.HeaderCell>
                      </Table.Row>
                    </Table.Head>
                    <Table.Body>
                      {result.changes.map((c) => (
                        <Table.Row key={c.municipalityId}>
                          <Table.HeaderCell scope="row">
                            {c.ssbCode} {c.name}
                            {c.matchedBy === 'earlier_code' && (
                              <>
                                {' '}
                                <span className="attributes-earlier-code">{t('admin.attributes.import.earlierCode', { code: c.fileCode })}</span>
                              </>
                            )}
                          </Table.HeaderCell>
                          <Table.Cell>{cell(c, 'population')}</Table.Cell>
                          <Table.Cell>{cell(c, 'county')}</Table.Cell>
                          <Table.Cell>{cell(c, 'centrality')}</Table.Cell>
                        </Table.Row>
                      ))}
                    </Table.Body>
                  </Table>
                </div>
              )}
              {result.unchanged > 0 && <Paragraph data-size="sm">{t('admin.attributes.import.unchanged', { count: result.unchanged })}</Paragraph>}
              {clean && result.changes.length === 0 && <Paragraph>{t('admin.attributes.import.nothing')}</Paragraph>}
              {clean && result.changes.length > 0 && (
                <div>
                  <Button onClick={() => void store()} loading={busy === 'apply'} disabled={busy !== null}>
                    {t('admin.attributes.import.apply', { count: result.changes.length })}
                  </Button>
                </div>
              )}
            </>
          );
        }}
      </DryRunUpload>
    </section>
  );
}
