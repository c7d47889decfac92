/**
 * Importing responses from a CSV file into a wave (paper forms typed in, or data from another survey
 * tool): choose the wave, download its template, optionally fix the municipality and unit for the whole
 * file, check the file (a dry run: every problem by row and column), then import every row at once
 * after a confirmation. Nothing is stored while the file has a problem.
 */
import { Alert, Button, Details, Heading, Link, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../contracts/import.js';
import { ApiError } from '../../api.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { DryRunUpload } from '../../components/DryRunUpload.js';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { useFormat } from '../../i18n/index.js';
import { checkImport, fetchImportTargets, importTemplateUrl, runImport, type ImportChoice } from './import.api.js';
import './import.css';

export function ImportPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const targets = useApi(`import-targets:${projectId}`, () => fetchImportTargets(projectId));
  const [waveId, setWaveId] = useState('');
  const [municipalityCode, setMunicipalityCode] = useState('');
  const [unit, setUnit] = useState('');
  const [confirming, setConfirming] = useState(false);

  const waves = targets.data?.waves ?? [];
  const municipalities = targets.data?.municipalities ?? [];
  const wave = waves.find((w) => w.id === waveId) ?? waves[0];
  const municipality = municipalities.find((m) => m.ssbCode === municipalityCode);
  const choice: ImportChoice = { waveId: wave?.id ?? '', municipalityCode, unit: municipality ? unit : '' };

  if (targets.state === 'failed') {
    return (
      <Alert data-color="warning">
        <Paragraph>{t('admin.loadFailed')}</Paragraph>
      </Alert>
    );
  }
  if (!targets.data) return <Spinner aria-label={t('common.loading')} />;
  if (!wave) return <Paragraph>{t('researchImport.noWaves')}</Paragraph>;

  const fields = (
    <>
      <SelectField
        id="import-wave"
        width="auto"
        label={t('researchImport.wave')}
        value={wave.id}
        onChange={setWaveId}
        options={waves.map((w) => ({ value: w.id, label: w.label }))}
      />
      <Paragraph data-size="sm">
        <Link href={importTemplateUrl(wave.id)} download>
          {t('researchImport.template', { wave: wave.label })}
        </Link>
      </Paragraph>
      <Paragraph data-size="sm">{t('researchImport.templateHelp')}</Paragraph>

      <SelectField
        id="import-municipality"
        width="auto"
        label={t('researchImport.municipality')}
        value={municipalityCode}
        onChange={(value) => {
          setMunicipalityCode(value);
          setUnit('');
        }}
        emptyLabel={t('researchImport.municipalityFromFile', { column: 'municipality_code' })}
        options={municipalities.map((m) => ({ value: m.ssbCode, label: `${m.ssbCode} ${m.name}` }))}
      />
      {municipality && municipality.units.length > 0 && (
        <SelectField
          id="import-unit"
          width="auto"
          label={t('researchImport.unit')}
          value={unit}
          onChange={setUnit}
          emptyLabel={t('researchImport.unitFromFile', { column: 'unit' })}
          options={municipality.units.map((u) => ({ value: u, label: u }))}
        />
      )}
      <Details>
        <Details.Summary>{t('researchImport.codesSummary')}</Details.Summary>
        <Details.Content>
          <div className="table-scroll" role="region" aria-labelledby="import-codes-caption" tabIndex={0}>
            <Table zebra border data-size="sm">
              <caption id="import-codes-caption">{t('researchImport.codesCaption', { codeColumn: 'municipality_code', unitColumn: 'unit' })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">municipality_code</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('researchImport.municipalityName')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">unit</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {municipalities.map((m) => (
                  <Table.Row key={m.ssbCode}>
                    <Table.Cell>{m.ssbCode}</Table.Cell>
                    <Table.Cell>{m.name}</Table.Cell>
                    <Table.Cell>{m.units.join(', ')}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        </Details.Content>
      </Details>
    </>
  );

  return (
    <section aria-labelledby="import-heading" className="stack">
      <Heading level={2} data-size="sm" id="import-heading">
        {t('researchImport.heading')}
      </Heading>
      <Paragraph>{t('researchImport.intro')}</Paragraph>

      <DryRunUpload<ImportResult>
        id="import"
        texts={{
          fileHelp: t('researchImport.fileHelp', { size: `${format.number(5)} MB`, program: 'Excel' }),
          chooseFile: t('researchImport.chooseFile'),
          failed: t('researchImport.failed'),
          problemsCaption: t('researchImport.problemsCaption'),
          line: t('researchImport.row'),
        }}
        fields={fields}
        // Any change to what would be imported makes an earlier check stale.
        checkKey={JSON.stringify(choice)}
        check={(file) => checkImport(choice, file)}
        summary={(result) => (
          <>
            <Paragraph data-size="sm">{t('researchImport.rows', { count: result.rows, n: format.number(result.rows) })}</Paragraph>
            {result.ignoredColumns.length > 0 && <Paragraph data-size="sm">{t('researchImport.ignored', { columns: result.ignoredColumns.join(', ') })}</Paragraph>}
          </>
        )}
        problems={(result) =>
          result.problemCount === 0
            ? null
            : {
                alert: (
                  <>
                    <Paragraph>{t('researchImport.problems', { count: result.problemCount, n: format.number(result.problemCount) })}</Paragraph>
                    {result.problems.length < result.problemCount && (
                      <Paragraph data-size="sm">{t('researchImport.problemsShown', { n: format.number(result.problems.length) })}</Paragraph>
                    )}
                  </>
                ),
                rows: result.problems.map((p) => ({ line: p.row, column: p.column ?? t('researchImport.wholeRow'), value: p.value ?? '', message: p.message })),
              }
        }
        problemsTable={{ className: 'import-problems', size: 'sm' }}
      >
        {(result, { busy, apply }) => {
          if (!result.ok || result.rows === 0) return null;
          // A file changed since the check comes back as 422: show the problems again by checking it anew.
          const confirmImport = () =>
            apply(
              async (file) => {
                const { imported } = await runImport(choice, file);
                return t('researchImport.done', { count: imported, n: format.number(imported), wave: wave.label });
              },
              (error) => error instanceof ApiError && error.status === 422,
            );
          return (
            <>
              <Alert data-color="success">
                <Paragraph>{t('researchImport.ready', { count: result.rows, n: format.number(result.rows) })}</Paragraph>
              </Alert>
              <div>
                <Button onClick={() => setConfirming(true)} aria-disabled={busy !== null || undefined}>
                  {t('researchImport.import', { count: result.rows, n: format.number(result.rows) })}
                </Button>
              </div>
              <ConfirmDialog
                open={confirming}
                onClose={() => setConfirming(false)}
                id="import-confirm-heading"
                heading={t('researchImport.confirmHeading', { count: result.rows, n: format.number(result.rows), wave: wave.label })}
                confirm={t('researchImport.confirmYes')}
                close={t('researchImport.close')}
                danger={false}
                onConfirm={confirmImport}
              >
                <Paragraph>{t('researchImport.confirmBody')}</Paragraph>
              </ConfirmDialog>
            </>
          );
        }}
      </DryRunUpload>
    </section>
  );
}
