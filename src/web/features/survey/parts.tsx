/**
 * Small pieces of the respondent's pages: progress, autosave status, the resume code box (shared
 * devices), resuming with a code, and the receipt code with copy, print and sending it to oneself.
 */
import {
  Alert,
  Button,
  Card,
  Details,
  Heading,
  Paragraph,
  Textfield,
} from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { groupCode, normalizeCode } from '../../../domain/codes.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { useFormat } from '../../i18n/index.js';
import type { SaveStatus } from './useAutosave.js';

/** A code as the respondent should read it: canonical and grouped, whether or not the server grouped it. */
const readable = (code: string) => groupCode(normalizeCode(code) ?? code);

/** A code in groups that wrap between groups, never inside one (so it fits a 320 px screen). */
function GroupedCode({ code, className, codeRef }: { code: string; className: string; codeRef?: React.Ref<HTMLParagraphElement> }) {
  const groups = code.split('-');
  return (
    <p className={`code ${className}`} ref={codeRef} translate="no">
      {groups.map((group, index) => (
        <span key={index} className="code__group">
          {group}
          {index < groups.length - 1 ? '-' : ''}
        </span>
      ))}
    </p>
  );
}

/** "Del 2 av 6" and a progress bar named by that text. */
export function Progress({ current, total }: { current: number; total: number }) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <div className="survey-progress">
      <Paragraph data-size="sm" id={labelId} className="survey-progress__label">
        {t('survey.progress', { current, total })}
      </Paragraph>
      <progress className="survey-progress__bar" max={total} value={current} aria-labelledby={labelId} />
    </div>
  );
}

/** Autosave status, read out politely by screen readers. */
export function SaveStatusLine({ status, shared }: { status: SaveStatus; shared: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  let text = '';
  if (status.kind === 'saving') text = t('survey.save.saving');
  else if (status.kind === 'saved') text = t('survey.save.saved', { time: format.time(status.at) });
  else if (status.kind === 'offline') text = shared ? t('survey.save.offlineShared') : t('survey.save.offline');
  else if (status.kind === 'failed') text = t('survey.save.failed');
  return (
    <Paragraph data-size="sm" role="status" className={`save-status save-status--${status.kind}`}>
      {text}
    </Paragraph>
  );
}

/** The short code that lets a respondent on a shared device continue later. */
export function ResumeCodeBox({ code, collapsed }: { code: string | null; collapsed: boolean }) {
  const { t } = useTranslation();
  const body = code ? (
    <>
      <GroupedCode code={readable(code)} className="code--resume" />
      <Paragraph data-size="sm">{t('survey.resumeCode.explanation')}</Paragraph>
    </>
  ) : (
    <Paragraph data-size="sm">{t('survey.resumeCode.pending')}</Paragraph>
  );
  if (collapsed) {
    return (
      <Details className="resume-code">
        <Details.Summary>{t('survey.resumeCode.takeABreak')}</Details.Summary>
        <Details.Content>{body}</Details.Content>
      </Details>
    );
  }
  return (
    <Card data-color="info" variant="tinted" className="resume-code">
      <Heading level={2} data-size="2xs">
        {t('survey.resumeCode.heading')}
      </Heading>
      {body}
    </Card>
  );
}

/** Shared devices: continue a form started earlier, with its resume code. */
export function ResumeWithCode({ onResume }: { onResume: (code: string) => Promise<string | null> }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (code.trim().length < 4) {
      setError(t('survey.resume.errorEmpty'));
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    const failure = await onResume(code);
    setBusy(false);
    if (failure) {
      setError(failure);
      setAttempt((n) => n + 1);
    }
  };
  return (
    <section className="resume-with-code" aria-labelledby={headingId}>
      <Heading level={2} data-size="xs" id={headingId}>
        {t('survey.resume.heading')}
      </Heading>
      <FormErrorSummary errors={error ? [{ target: 'resume-code', message: error }] : []} attempt={attempt} />
      <form noValidate onSubmit={(event) => void submit(event)} className="stack">
        <Textfield
          id="resume-code"
          label={t('survey.resume.label')}
          description={t('survey.resume.description')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className="field--code"
          size={16}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={error ?? undefined}
        />
        <Button type="submit" variant="secondary" loading={busy} aria-disabled={busy || undefined}>
          {t('survey.resume.submit')}
        </Button>
      </form>
    </section>
  );
}

/** How the respondent may keep the code besides copying and printing: links that open their own mail or SMS app. */
export interface ReceiptSharing {
  mailto: string;
  sms: string;
}

/**
 * The receipt code, large and grouped, with copy and print, and (own devices) links that send it to
 * oneself with one's own mail or SMS app. `printNote` is shown on paper only: what the code is for and where.
 */
export function ReceiptCode({ code, sharing, printNote }: { code: string; sharing?: ReceiptSharing; printNote?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const codeRef = useRef<HTMLParagraphElement>(null);
  const grouped = readable(code);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(null), 4000);
    return () => window.clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(grouped);
      setCopied('yes');
    } catch {
      // No clipboard (plain http or a refusal): select the code so the respondent can copy it themselves.
      const selection = window.getSelection();
      if (codeRef.current && selection) {
        const range = document.createRange();
        range.selectNodeContents(codeRef.current);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopied('no');
    }
  };
  return (
    <Card data-color="accent" variant="tinted" className="receipt">
      <Heading level={2} data-size="xs">
        {t('survey.receipt.codeHeading')}
      </Heading>
      <GroupedCode code={grouped} className="code--receipt" codeRef={codeRef} />
      <div className="button-row no-print">
        <Button variant="secondary" onClick={() => void copy()}>
          {t('survey.receipt.copy')}
        </Button>
        <Button variant="secondary" onClick={() => window.print()}>
          {t('survey.receipt.print')}
        </Button>
        {sharing && (
          <>
            <Button asChild variant="secondary">
              <a href={sharing.mailto}>{t('survey.receipt.email')}</a>
            </Button>
            <Button asChild variant="secondary">
              <a href={sharing.sms}>{t('survey.receipt.sms')}</a>
            </Button>
          </>
        )}
      </div>
      {sharing && (
        <Paragraph data-size="sm" className="no-print">
          {t('survey.receipt.sendNote')}
        </Paragraph>
      )}
      {printNote && <Paragraph className="print-only">{printNote}</Paragraph>}
      <Paragraph data-size="sm" role="status" className="no-print">
        {copied === 'yes' ? t('survey.receipt.copied') : copied === 'no' ? t('survey.receipt.copyManually') : ''}
      </Paragraph>
    </Card>
  );
}

/** Shown on the first page after a shared device was wiped. */
export function WipedNotice({ reason }: { reason: 'idle' | 'finished' }) {
  const { t } = useTranslation();
  return (
    <Alert data-color="info" className="survey-notice">
      <Paragraph>{reason === 'idle' ? t('survey.wiped.idle') : t('survey.wiped.finished')}</Paragraph>
    </Alert>
  );
}
