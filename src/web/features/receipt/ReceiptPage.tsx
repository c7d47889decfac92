/**
 * The receipt page (/kvittering): with the receipt code from the thank-you page, and without logging
 * in, a respondent sees a summary of their own answers and can withdraw them — together with their
 * answers in other waves that are linked to this one. The code lives only in this page's memory:
 * never in the address, never stored on the device.
 */
import { Alert, Button, Card, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptSummary } from '../../../contracts/api.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { FormErrorSummary, type SummaryError } from '../../components/FormErrorSummary.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useFormat, useLanguage } from '../../i18n/index.js';
import { AppLink } from '../../router.js';
import { lookupReceipt, withdrawAnswers } from './receipt.api.js';
import { readReceiptInput } from './receiptCode.js';
import { receiptFailure, useReceiptFailureText, useReceiptInputText } from './receiptErrors.js';
import { answerSummary, type SummaryEntry } from './summary.js';
import './receipt.css';

type View =
  | { kind: 'enter' }
  | { kind: 'summary'; code: string; summary: ReceiptSummary }
  | { kind: 'withdrawn'; deleted: number };

export function ReceiptPage() {
  const [view, setView] = useState<View>({ kind: 'enter' });
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A new view is a new page for a screen reader: focus its heading (not on the first view, where the browser starts).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    headingRef.current?.focus();
  }, [view.kind]);

  if (view.kind === 'summary') {
    return (
      <SummaryView
        headingRef={headingRef}
        code={view.code}
        summary={view.summary}
        onWithdrawn={(deleted) => setView({ kind: 'withdrawn', deleted })}
        onOtherCode={() => setView({ kind: 'enter' })}
      />
    );
  }
  if (view.kind === 'withdrawn') return <WithdrawnView headingRef={headingRef} deleted={view.deleted} />;
  return <EnterCode headingRef={headingRef} onFound={(code, summary) => setView({ kind: 'summary', code, summary })} />;
}

const CODE_FIELD = 'receipt-code';

function EnterCode({ headingRef, onFound }: { headingRef: RefObject<HTMLHeadingElement | null>; onFound: (code: string, summary: ReceiptSummary) => void }) {
  const { t } = useTranslation();
  const failureText = useReceiptFailureText();
  const inputText = useReceiptInputText();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<{ message: string; atField: boolean } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('receipt.enter.title'));

  const fail = (message: string, atField: boolean) => {
    setError({ message, atField });
    setAttempt((n) => n + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const input = readReceiptInput(typed);
    if (!input.ok) return fail(inputText(input.reason), true);
    setBusy(true);
    try {
      const summary = await lookupReceipt(input.code);
      setError(null);
      onFound(input.code, summary);
    } catch (caught) {
      const failure = receiptFailure(caught);
      fail(failureText(failure), failure.kind === 'notFound');
    } finally {
      setBusy(false);
    }
  };

  // A code that is wrong is an error at the field; waiting or a lost connection is not something to correct there.
  const summaryErrors: SummaryError[] = error?.atField ? [{ target: CODE_FIELD, message: error.message }] : [];
  return (
    <div className="page-narrow stack">
      <FormErrorSummary errors={summaryErrors} attempt={attempt} />
      <Heading level={1} data-size="lg" ref={headingRef} tabIndex={-1}>
        {t('receipt.enter.title')}
      </Heading>
      <Paragraph>{t('receipt.enter.intro')}</Paragraph>
      <Paragraph>{t('receipt.enter.privacy')}</Paragraph>
      {error && !error.atField && (
        <Alert data-color="warning" role="alert" key={attempt}>
          <Paragraph>{error.message}</Paragraph>
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void submit(event)} className="stack form">
        <Textfield
          id={CODE_FIELD}
          label={t('receipt.enter.label')}
          description={t('receipt.enter.description')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className="field--code"
          size={26}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          error={error?.atField ? error.message : undefined}
        />
        <Button type="submit" loading={busy} aria-disabled={busy || undefined}>
          {t('receipt.enter.submit')}
        </Button>
      </form>
    </div>
  );
}

function SummaryView(props: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  code: string;
  summary: ReceiptSummary;
  onWithdrawn: (deleted: number) => void;
  onOtherCode: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const { summary } = props;
  const title = t('receipt.summary.title', { wave: summary.wave.label });
  useDocumentTitle(title);
  const sections = answerSummary(summary.instrument, summary.answers, language, (n) => format.number(n, Number.isInteger(n) ? 0 : 1));
  const notAnswered = t('receipt.summary.notAnswered');

  const answerOf = (entry: SummaryEntry) =>
    entry.answer ? entry.answer.join(', ') : <span className="muted">{notAnswered}</span>;

  return (
    <div className="page-narrow stack receipt-summary">
      <Heading level={1} data-size="lg" ref={props.headingRef} tabIndex={-1}>
        {title}
      </Heading>
      <Paragraph>
        {t('receipt.summary.sent', { municipality: summary.municipality.name, date: format.date(summary.submittedOn) })}
      </Paragraph>
      <Paragraph>{t('receipt.summary.until', { date: format.date(summary.projectEndDate) })}</Paragraph>

      <Card data-color="danger" variant="tinted" className="withdraw-card">
        <Heading level={2} data-size="xs">
          {t('receipt.withdraw.heading')}
        </Heading>
        <Paragraph>
          {summary.linkedResponses > 0
            ? t('receipt.withdraw.withLinked', { count: summary.linkedResponses })
            : t('receipt.withdraw.onlyThis', { wave: summary.wave.label })}
        </Paragraph>
        <WithdrawButton code={props.code} summary={summary} onWithdrawn={props.onWithdrawn} />
      </Card>

      <section aria-labelledby="answers-heading" className="stack">
        <Heading level={2} data-size="sm" id="answers-heading">
          {t('receipt.summary.answersHeading')}
        </Heading>
        {sections.map((section) => (
          <section key={section.id} aria-labelledby={`summary-${section.id}`} className="summary-section">
            <Heading level={3} data-size="xs" id={`summary-${section.id}`}>
              {section.title}
            </Heading>
            <dl className="answer-list">
              {section.entries.map((entry) => (
                <div key={entry.id} className="answer-list__entry">
                  <dt>{entry.text}</dt>
                  {entry.rows ? (
                    <dd>
                      <dl className="answer-list answer-list--rows">
                        {entry.rows.map((row) => (
                          <div key={row.id} className="answer-list__entry">
                            <dt>{row.text}</dt>
                            <dd>{answerOf(row)}</dd>
                          </div>
                        ))}
                      </dl>
                    </dd>
                  ) : (
                    <dd>{answerOf(entry)}</dd>
                  )}
                </div>
              ))}
            </dl>
          </section>
        ))}
      </section>
      <Button variant="secondary" onClick={props.onOtherCode}>
        {t('receipt.summary.otherCode')}
      </Button>
    </div>
  );
}

/** "Withdraw my answers" and the confirmation it needs: deleting cannot be undone. */
function WithdrawButton({ code, summary, onWithdrawn }: { code: string; summary: ReceiptSummary; onWithdrawn: (deleted: number) => void }) {
  const { t } = useTranslation();
  const failureText = useReceiptFailureText();
  const [confirming, setConfirming] = useState(false);

  const withdraw = async () => {
    const result = await withdrawAnswers(code);
    onWithdrawn(result.deletedResponses);
  };

  const total = summary.linkedResponses + 1;
  return (
    <>
      <Button data-color="danger" onClick={() => setConfirming(true)} aria-haspopup="dialog">
        {t('receipt.withdraw.button')}
      </Button>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        id="withdraw-confirm-heading"
        heading={t('receipt.confirm.heading')}
        confirm={t('receipt.confirm.yes')}
        cancel={t('receipt.confirm.no')}
        close={t('receipt.confirm.close')}
        onConfirm={withdraw}
        errorText={(caught) => failureText(receiptFailure(caught))}
      >
        <Paragraph>{t('receipt.confirm.body', { count: total })}</Paragraph>
        <Paragraph>{t('receipt.confirm.released')}</Paragraph>
      </ConfirmDialog>
    </>
  );
}

function WithdrawnView({ headingRef, deleted }: { headingRef: RefObject<HTMLHeadingElement | null>; deleted: number }) {
  const { t } = useTranslation();
  useDocumentTitle(t('receipt.withdrawn.title'));
  return (
    <div className="page-narrow stack">
      <Heading level={1} data-size="lg" ref={headingRef} tabIndex={-1}>
        {t('receipt.withdrawn.title')}
      </Heading>
      <Alert data-color="success">
        <Paragraph>{t('receipt.withdrawn.deleted', { count: deleted })}</Paragraph>
      </Alert>
      <Paragraph>{t('receipt.withdrawn.released')}</Paragraph>
      <Paragraph>
        <AppLink href="/">{t('receipt.withdrawn.home')}</AppLink>
      </Paragraph>
    </div>
  );
}
