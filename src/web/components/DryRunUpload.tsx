/**
 * A CSV upload with a dry run: choose a file → check it (nothing is stored) → what the check read, its
 * problems by line and column → the caller's way to apply a clean file (a button, or one behind a
 * confirmation). A missing file is said at the field, which gets focus; each outcome's heading gets focus
 * (checked, applied, failed). Used by the SSB attributes import (admin) and the response import (research).
 */
import { Alert, Button, Field, Heading, Input, Label, Paragraph, Table, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api.js';

/** One problem of a checked file, as its table shows it. */
export interface DryRunProblem {
  /** The line or row number, or what the problem belongs to instead (the whole file). */
  line: number | string;
  column: string;
  value: string;
  message: string;
}

export interface DryRunControls {
  busy: 'check' | 'apply' | null;
  /**
   * Applies the checked file: `action` stores it and gives the heading to show. A failure is shown as
   * such, unless `recheck` says the file must be checked anew (its problems are shown again).
   */
  apply: (action: (file: File) => Promise<string>, recheck?: (error: unknown) => boolean) => Promise<void>;
}

export interface DryRunUploadProps<R> {
  /** The ids are `${id}-file` (the file input) and `${id}-problems-caption`. */
  id: string;
  texts: {
    fileHelp: string;
    /** Said at the field when the check is asked for without a file. */
    chooseFile: string;
    /** The heading of a failed check or apply. */
    failed: string;
    problemsCaption: string;
    /** The header of the problems' first column (row or line). */
    line: string;
  };
  /** Form fields before the file field. */
  fields?: ReactNode;
  /** What else the check depends on (e.g. the chosen wave): a new value makes an earlier outcome stale. */
  checkKey?: string;
  /** The dry run. */
  check: (file: File) => Promise<R>;
  /** What the check read (paragraphs under the result's heading). */
  summary: (result: R) => ReactNode;
  /** The problems: what the warning says, and the table's rows; null when there are none. */
  problems: (result: R) => { alert: ReactNode; rows: DryRunProblem[] } | null;
  problemsTable?: { className?: string; size?: 'sm' };
  /** Below the problems: what would change, and how to apply it. */
  children: (result: R, controls: DryRunControls) => ReactNode;
}

type Outcome<R> = { kind: 'checked'; result: R; file: File } | { kind: 'applied'; heading: string } | { kind: 'failed'; messages: string[] };

export function DryRunUpload<R>({ id, texts, fields, checkKey = '', check, summary, problems, problemsTable, children }: DryRunUploadProps<R>) {
  const { t } = useTranslation();
  const fileId = `${id}-file`;
  const captionId = `${id}-problems-caption`;
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [busy, setBusy] = useState<DryRunControls['busy']>(null);
  const [outcome, setOutcome] = useState<Outcome<R> | null>(null);
  const [checkedKey, setCheckedKey] = useState(checkKey);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  // A change to what would be checked (another file, another choice) makes an earlier outcome stale.
  if (checkedKey !== checkKey) {
    setCheckedKey(checkKey);
    setOutcome(null);
  }

  useEffect(() => {
    if (outcome) resultHeading.current?.focus();
  }, [outcome]);

  const failure = (error: unknown): Outcome<R> => {
    if (error instanceof NetworkError) return { kind: 'failed', messages: [t('common.networkError')] };
    if (error instanceof ApiError) return { kind: 'failed', messages: [error.detail || t('common.unknownError'), ...error.fieldErrors.map((e) => `${e.path}: ${e.message}`)] };
    return { kind: 'failed', messages: [t('common.unknownError')] };
  };

  const onCheck = async (event: FormEvent) => {
    event.preventDefault();
    if (busy !== null) return;
    if (!file) {
      setFileError(texts.chooseFile);
      document.getElementById(fileId)?.focus();
      return;
    }
    setFileError(undefined);
    setBusy('check');
    try {
      setOutcome({ kind: 'checked', result: await check(file), file });
    } catch (error) {
      setOutcome(failure(error));
    } finally {
      setBusy(null);
    }
  };

  const checked = outcome?.kind === 'checked' ? outcome : null;

  const apply: DryRunControls['apply'] = async (action, recheck) => {
    if (!checked || busy !== null) return;
    setBusy('apply');
    try {
      setOutcome({ kind: 'applied', heading: await action(checked.file) });
    } catch (error) {
      if (recheck?.(error)) setOutcome({ kind: 'checked', result: await check(checked.file).catch(() => checked.result), file: checked.file });
      else setOutcome(failure(error));
    } finally {
      setBusy(null);
    }
  };

  const found = checked ? problems(checked.result) : null;

  return (
    <>
      <form noValidate onSubmit={(e) => void onCheck(e)} className="stack form">
        {fields}
        <Field>
          <Label htmlFor={fileId}>{t('dryRun.file')}</Label>
          <Field.Description>{texts.fileHelp}</Field.Description>
          <Input
            id={fileId}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(undefined);
              setOutcome(null);
            }}
          />
          {fileError && <ValidationMessage>{fileError}</ValidationMessage>}
        </Field>
        <div>
          <Button type="submit" loading={busy === 'check'} aria-disabled={busy !== null || undefined}>
            {t('dryRun.check')}
          </Button>
        </div>
      </form>

      {outcome?.kind === 'failed' && (
        <Alert data-color="danger">
          <Heading level={3} data-size="2xs" ref={resultHeading} tabIndex={-1}>
            {texts.failed}
          </Heading>
          {outcome.messages.map((m, i) => (
            <Paragraph key={i}>{m}</Paragraph>
          ))}
        </Alert>
      )}

      {outcome?.kind === 'applied' && (
        <Alert data-color="success">
          <Heading level={3} data-size="2xs" ref={resultHeading} tabIndex={-1}>
            {outcome.heading}
          </Heading>
        </Alert>
      )}

      {checked && (
        <div className="stack">
          <Heading level={3} data-size="2xs" ref={resultHeading} tabIndex={-1}>
            {t('dryRun.result')}
          </Heading>
          {summary(checked.result)}
          {found && (
            <>
              <Alert data-color="warning">{found.alert}</Alert>
              <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
                <Table zebra border data-size={problemsTable?.size} className={problemsTable?.className}>
                  <caption id={captionId}>{texts.problemsCaption}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell scope="col" className="num">
                        {texts.line}
                      </Table.HeaderCell>
                      <Table.HeaderCell scope="col">{t('dryRun.column')}</Table.HeaderCell>
                      <Table.HeaderCell scope="col">{t('dryRun.value')}</Table.HeaderCell>
                      <Table.HeaderCell scope="col">{t('dryRun.problem')}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {found.rows.map((p, i) => (
                      <Table.Row key={i}>
                        <Table.Cell className="num">{p.line}</Table.Cell>
                        <Table.Cell>{p.column}</Table.Cell>
                        <Table.Cell>{p.value}</Table.Cell>
                        <Table.Cell>{p.message}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            </>
          )}
          {children(checked.result, { busy, apply })}
        </div>
      )}
    </>
  );
}
