/**
 * Importing responses from a CSV file into a wave (paper forms typed in, or data from another survey
 * tool): choose the wave, download its template, optionally fix the municipality and unit for the whole
 * file, check the file (a dry run: every problem by row and column), then import every row at once
 * after a confirmation. Nothing is stored while the file has a problem.
 */
import { Alert, Button, Details, Dialog, Field, Heading, Input, Label, Link, Paragraph, Spinner, Table, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../contracts/import.js';
import { ApiError, NetworkError } from '../../api.js';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { useFormat } from '../../i18n/index.js';
import { checkImport, fetchImportTargets, importTemplateUrl, runImport, type ImportChoice } from './import.api.js';
import './import.css';

type Outcome =
  | { kind: 'checked'; result: ImportResult; file: File; choice: ImportChoice }
  | { kind: 'imported'; count: number; wave: string }
  | { kind: 'failed'; message: string };

export function ImportPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const targets = useApi(`import-targets:${projectId}`, () => fetchImportTargets(projectId));
  const [waveId, setWaveId] = useState('');
  const [municipalityCode, setMunicipalityCode] = useState('');
  const [unit, setUnit] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirming, setConfirming] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (outcome) resultHeading.current?.focus();
  }, [outcome]);

  const waves = targets.data?.waves ?? [];
  const municipalities = targets.data?.municipalities ?? [];
  const wave = waves.find((w) => w.id === waveId) ?? waves[0];
  const municipality = municipalities.find((m) => m.ssbCode === municipalityCode);
  const choice: ImportChoice = { waveId: wave?.id ?? '', municipalityCode, unit: municipality ? unit : '' };

  const failure = (error: unknown): Outcome => {
    if (error instanceof NetworkError) return { kind: 'failed', message: t('common.networkError') };
    if (error instanceof ApiError) return { kind: 'failed', message: error.detail || t('common.unknownError') };
    return { kind: 'failed', message: t('common.unknownError') };
  };

  /** Any change to what would be imported makes an earlier check stale. */
  const changed = () => {
    setOutcome(null);
    setConfirming(false);
  };

  const check = async (event: FormEvent) => {
    event.preventDefault();
    if (busy !== null) return;
    if (!file) {
      setFileError(t('researchImport.chooseFile'));
      document.getElementById('import-file')?.focus();
      return;
    }
    if (!wave) return;
    setFileError(undefined);
    setBusy('check');
    try {
      setOutcome({ kind: 'checked', result: await checkImport(choice, file), file, choice });
    } catch (error) {
      setOutcome(failure(error));
    } finally {
      setBusy(null);
    }
  };

  const confirmImport = async () => {
    if (outcome?.kind !== 'checked' || busy !== null) return;
    const waveLabel = waves.find((w) => w.id === outcome.choice.waveId)?.label ?? '';
    setBusy('import');
    try {
      const result = await runImport(outcome.choice, outcome.file);
      setOutcome({ kind: 'imported', count: result.imported, wave: waveLabel });
    } catch (error) {
      // A file changed since the check comes back as 422: show the problems again by checking it anew.
      if (error instanceof ApiError && error.status === 422) {
        setOutcome({ kind: 'checked', result: await checkImport(outcome.choice, outcome.file).catch(() => outcome.result), file: outcome.file, choice: outcome.choice });
      } else setOutcome(failure(error));
    } finally {
      setBusy(null);
      setConfirming(false);
    }
  };

  if (targets.state === 'failed') {
    return (
      <Alert data-color="warning">
        <Paragraph>{t('admin.loadFailed')}</Paragraph>
      </Alert>
    );
  }
  if (!targets.data) return <Spinner aria-label={t('common.loading')} />;
  if (!wave) return <Paragraph>{t('researchImport.noWaves')}</Paragraph>;

  const result = outcome?.kind === 'checked' ? outcome.result : null;
  const ready = result !== null && result.ok && result.rows > 0;

  return (
    <section aria-labelledby="import-heading" className="stack">
      <Heading level={2} data-size="sm" id="import-heading">
        {t('researchImport.heading')}
      </Heading>
      <Paragraph>{t('researchImport.intro')}</Paragraph>

      <form noValidate onSubmit={(e) => void check(e)} className="stack form">
        <SelectField
          id="import-wave"
          width="auto"
          label={t('researchImport.wave')}
          value={wave.id}
          onChange={(value) => {
            setWaveId(value);
            changed();
          }}
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
            changed();
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
            onChange={(value) => {
              setUnit(value);
              changed();
            }}
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

        <Field>
          <Label htmlFor="import-file">{t('researchImport.file')}</Label>
          <Field.Description>{t('researchImport.fileHelp', { size: `${format.number(5)} MB`, program: 'Excel' })}</Field.Description>
          <Input
            id="import-file"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(undefined);
              changed();
            }}
          />
          {fileError && <ValidationMessage>{fileError}</ValidationMessage>}
        </Field>
        <div>
          <Button type="submit" loading={busy === 'check'} aria-disabled={busy !== null || undefined}>
            {t('researchImport.check')}
          </Button>
        </div>
      </form>

      {outcome?.kind === 'failed' && (
        <Alert data-color="danger">
          <Heading level={3} data-size="2xs" ref={resultHeading} tabIndex={-1}>
            {t('researchImport.failed')}
          </Heading>
          <Paragraph>{outcome.message}</Paragraph>
        </Alert>
      )}

      {outcome?.kind === 'imported' && (
        <Alert data-color="success">
          <Heading level={3} data-size="2xs" ref={resultHeading} tabIndex={-1}>
            {t('researchImport.done', { count: outcome.count, n: format.number(outcome.count), wave: outcome.wave })}
          </Heading>
        </Alert>
      )}

      {result && (
        <div className="stack">
          <Heading level={3} data-size="2xs" ref={resultHeading} tabIndex={-1}>
            {t('researchImport.result')}
          </Heading>
          <Paragraph data-size="sm">{t('researchImport.rows', { count: result.rows, n: format.number(result.rows) })}</Paragraph>
          {result.ignoredColumns.length > 0 && <Paragraph data-size="sm">{t('researchImport.ignored', { columns: result.ignoredColumns.join(', ') })}</Paragraph>}
          {result.problemCount > 0 && (
            <>
              <Alert data-color="warning">
                <Paragraph>{t('researchImport.problems', { count: result.problemCount, n: format.number(result.problemCount) })}</Paragraph>
                {result.problems.length < result.problemCount && (
                  <Paragraph data-size="sm">{t('researchImport.problemsShown', { n: format.number(result.problems.length) })}</Paragraph>
                )}
              </Alert>
              <div className="table-scroll" role="region" aria-labelledby="import-problems-caption" tabIndex={0}>
                <Table zebra border data-size="sm" className="import-problems">
                  <caption id="import-problems-caption">{t('researchImport.problemsCaption')}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell scope="col" className="num">
                        {t('researchImport.row')}
                      </Table.HeaderCell>
                      <Table.HeaderCell scope="col">{t('researchImport.column')}</Table.HeaderCell>
                      <Table.HeaderCell scope="col">{t('researchImport.value')}</Table.HeaderCell>
                      <Table.HeaderCell scope="col">{t('researchImport.problem')}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {result.problems.map((p, i) => (
                      <Table.Row key={i}>
                        <Table.Cell className="num">{p.row}</Table.Cell>
                        <Table.Cell>{p.column ?? t('researchImport.wholeRow')}</Table.Cell>
                        <Table.Cell>{p.value ?? ''}</Table.Cell>
                        <Table.Cell>{p.message}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            </>
          )}
          {ready && (
            <>
              <Alert data-color="success">
                <Paragraph>{t('researchImport.ready', { count: result.rows, n: format.number(result.rows) })}</Paragraph>
              </Alert>
              <div>
                <Button onClick={() => setConfirming(true)} aria-disabled={busy !== null || undefined}>
                  {t('researchImport.import', { count: result.rows, n: format.number(result.rows) })}
                </Button>
              </div>
            </>
          )}
        </div>
      )}

      <Dialog open={confirming && ready} onClose={() => setConfirming(false)} closeButton={t('researchImport.close')} aria-labelledby="import-confirm-heading">
        <Dialog.Block className="stack">
          <Heading level={2} data-size="xs" id="import-confirm-heading">
            {t('researchImport.confirmHeading', { count: result?.rows ?? 0, n: format.number(result?.rows ?? 0), wave: wave.label })}
          </Heading>
          <Paragraph>{t('researchImport.confirmBody')}</Paragraph>
          <div className="button-row">
            <Button onClick={() => void confirmImport()} loading={busy === 'import'} aria-disabled={busy !== null || undefined}>
              {t('researchImport.confirmYes')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy === 'import'}>
              {t('common.cancel')}
            </Button>
          </div>
        </Dialog.Block>
      </Dialog>
    </section>
  );
}
