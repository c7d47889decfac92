/**
 * The respondent's way through a survey link: information and consent → one section per page →
 * send → receipt. Answers are autosaved as a server draft and, on the respondent's own device, kept
 * in localStorage too, so a dropped connection or a closed tab loses nothing; a send that fails for
 * the network waits and tries again. On a shared device nothing is kept on the device: the respondent
 * gets a resume code instead, and the page is wiped after 15 idle minutes and after finishing.
 */
import { Alert, Button, Checkbox, Fieldset, Heading, Paragraph, Spinner, ValidationMessage } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmitResult, SurveyInfo } from '../../../contracts/api.js';
import type { AnswerValue, Answers, Language } from '../../../contracts/instrument.js';
import { groupCode, normalizeCode } from '../../../domain/codes.js';
import { validateAnswers } from '../../../domain/answers.js';
import { ApiError, NetworkError } from '../../api.js';
import { FormErrorSummary, type SummaryError } from '../../components/FormErrorSummary.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { rememberLanguageChoices, setLanguage, useFormat, useLanguage } from '../../i18n/index.js';
import { answerErrorKey } from '../../i18n/keys.js';
import { fieldId } from './fieldIds.js';
import { itemsShown, keptAnswers, parseNumber, sectionIssues, visibility, type AnswerIssue } from './logic.js';
import { AppLink } from '../../router.js';
import { mailtoHref, RECEIPT_PATH, receiptPageUrl, smsHref } from '../receipt/receiptCode.js';
import { rememberDevice } from './deviceToken.js';
import { linkingBody, NO_LINKING, type LinkingChoices } from './linkingChoices.js';
import { LinkingStep } from './LinkingStep.js';
import { Progress, ReceiptCode, ResumeCodeBox, ResumeWithCode, SaveStatusLine, WipedNotice } from './parts.js';
import { Question, type QuestionContext } from './Question.js';
import { clearLocal, loadLocal, newIdempotencyKey, saveLocal } from './storage.js';
import { declineSurvey, fetchSurvey, resumeWithCode, submitResponse } from './survey.api.js';
import { useAutosave, type DraftRef } from './useAutosave.js';
import './survey.css';
import { useIdle } from './useIdle.js';
import { useActiveTime } from './activeTime.js';

const IDLE_MS = 15 * 60_000;
/** A receipt on a shared device is left on screen for a short while only. */
const FINISHED_IDLE_MS = 3 * 60_000;
const SUBMIT_RETRY_MS = 15_000;

type Load = { kind: 'loading' } | { kind: 'failed'; error: unknown } | { kind: 'ready'; info: SurveyInfo };
type WipeReason = 'idle' | 'finished';

export function SurveyPage({ token }: { token: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<WipeReason | null>(null);
  const [tries, setTries] = useState(0);

  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    fetchSurvey(token)
      .then((info) => {
        if (!live) return;
        startInLanguage(info);
        setLoad({ kind: 'ready', info });
      })
      .catch((error: unknown) => live && setLoad({ kind: 'failed', error }));
    return () => {
      live = false;
    };
  }, [token, tries]);

  // Language choices on this page are not remembered on a shared device; other pages remember again.
  useEffect(() => () => rememberLanguageChoices(true), []);

  if (load.kind === 'loading') return <SurveyLoading />;
  if (load.kind === 'failed') return <SurveyLoadFailed error={load.error} onRetry={() => setTries((n) => n + 1)} />;
  return (
    <SurveyFlow
      // A new key gives a new, empty form: how a shared device forgets the previous respondent.
      key={round}
      info={load.info}
      notice={notice}
      onRestart={(reason) => {
        startInLanguage(load.info);
        setNotice(reason);
        setRound((n) => n + 1);
      }}
    />
  );
}

/**
 * Before the form is shown: the language the respondent was using on this device, else the
 * municipality's. On a shared device the previous person's choice is neither used nor remembered.
 */
function startInLanguage(info: SurveyInfo): void {
  rememberLanguageChoices(!info.sharedDevice);
  const local = info.sharedDevice ? null : loadLocal(info.linkToken);
  setLanguage(local?.language ?? info.municipality.defaultLanguage, false);
}

function SurveyLoading() {
  const { t } = useTranslation();
  useDocumentTitle(t('survey.loading'));
  return (
    <div className="page-narrow stack">
      <Heading level={1} data-size="lg">
        {t('survey.loading')}
      </Heading>
      <Spinner aria-label={t('survey.loading')} data-size="lg" />
    </div>
  );
}

function SurveyLoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 410);
  const title = notFound ? t('survey.loadFailed.notFoundTitle') : t('survey.loadFailed.title');
  useDocumentTitle(title);
  return (
    <div className="page-narrow stack">
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      {notFound ? (
        <Paragraph>{t('survey.loadFailed.notFound')}</Paragraph>
      ) : (
        <>
          <Alert data-color="warning">
            <Paragraph>{error instanceof NetworkError ? t('survey.loadFailed.network') : t('survey.loadFailed.other')}</Paragraph>
          </Alert>
          <Button onClick={onRetry}>{t('common.tryAgain')}</Button>
        </>
      )}
    </div>
  );
}

type Phase =
  /** The wave is not open (not yet, or no longer). */
  | 'closed'
  /** This device has an unfinished form for the link: continue or start over. */
  | 'welcomeBack'
  | 'consent'
  | 'declined'
  | 'answering'
  /** Sending the response (the last section stays on screen). */
  | 'sending'
  /** Sending failed for the network: kept, and tried again when online and every 15 s. */
  | 'waiting'
  | 'done';

interface Props {
  info: SurveyInfo;
  notice: WipeReason | null;
  onRestart: (reason: WipeReason | null) => void;
}

function SurveyFlow({ info, notice, onRestart }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const token = info.linkToken;
  const shared = info.sharedDevice;
  const instrument = info.instrument;
  // The unit question is skipped when the link names the unit (or the municipality has no units).
  const linkUnit = info.unit !== null || info.units.length === 0;
  const tr = (text: Record<Language, string>) => text[language];

  // Read the device's copy once, when the form opens. Never on a shared device.
  const [local] = useState(() => (shared ? null : loadLocal(token)));
  // Consent given to an older information text must be given again (the answers are kept).
  const consentCurrent = local !== null && local.consentVersion === info.consent.version;
  const [phase, setPhase] = useState<Phase>(() => {
    if (info.wave.status !== 'open') return 'closed';
    if (local?.submitPending && consentCurrent) return 'sending';
    if (local && consentCurrent) return 'welcomeBack';
    return 'consent';
  });
  const [answers, setAnswers] = useState<Answers>(local?.answers ?? {});
  const [numberText, setNumberTextState] = useState<Record<string, string>>(local?.numberText ?? {});
  const [sectionIndex, setSectionIndex] = useState(local?.sectionIndex ?? 0);
  const [unitId, setUnitIdState] = useState<string | null>(info.unit?.id ?? local?.unitId ?? null);
  const [consentVersion, setConsentVersion] = useState(local?.consentVersion ?? info.consent.version);
  const [consented, setConsented] = useState(consentCurrent);
  const [consentError, setConsentError] = useState<{ attempt: number } | null>(null);
  const [resumeCode, setResumeCode] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<SubmitResult | null>(null);
  const [showAllIssues, setShowAllIssues] = useState(false);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempt, setAttempt] = useState(0);
  const [serverIssues, setServerIssues] = useState<{ itemId?: string; message: string }[]>([]);
  // The linking step after the last section (every part optional); its choices stay in the device copy until sent.
  const [atLinking, setAtLinking] = useState(false);
  const [linking, setLinking] = useState<LinkingChoices>(local?.linking ?? NO_LINKING);
  const [draftVersion, setDraftVersion] = useState(0);
  const draft = useRef<DraftRef | null>(local?.draftId && local.draftToken ? { draftId: local.draftId, draftToken: local.draftToken } : null);
  const idempotencyKey = useRef(local?.idempotencyKey ?? newIdempotencyKey());
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A closed wave's drafts are gone on the server; nothing on this device should outlive them.
  useEffect(() => {
    if (phase === 'closed') clearLocal(token);
  }, [phase, token]);

  const vis = useMemo(() => visibility(instrument, answers, linkUnit), [instrument, answers, linkUnit]);

  /** What a draft or a response may hold: hidden answers pruned, answers that fail their checks left out. */
  const cleanAnswers = useCallback(
    (all: Answers): Answers => {
      const kept = keptAnswers(instrument, all);
      const invalid = new Set(validateAnswers(instrument, kept).map((issue) => issue.path));
      return Object.fromEntries(Object.entries(kept).filter(([id]) => !invalid.has(id)));
    },
    [instrument],
  );

  // Active answering time: counted while the form is being answered, continued from the device copy.
  const activeTime = useActiveTime(phase === 'answering', local?.activeSeconds ?? 0);
  const activeSeconds = () => activeTime.seconds(Date.now());

  const autosave = useAutosave({
    token,
    draft,
    snapshot: () => ({ answers: cleanAnswers(answers), unitId, sectionIndex, language, consentVersion, activeSeconds: activeSeconds() }),
    onDraftCreated: (created) => {
      setResumeCode(created.resumeCode);
      setDraftVersion((n) => n + 1);
    },
  });

  // The device copy follows every change once the respondent has consented (own devices only).
  useEffect(() => {
    if (shared || !['answering', 'sending', 'waiting'].includes(phase)) return;
    saveLocal(token, {
      version: 1,
      answers,
      numberText,
      sectionIndex,
      unitId,
      language,
      consentVersion,
      draftId: draft.current?.draftId ?? null,
      draftToken: draft.current?.draftToken ?? null,
      idempotencyKey: idempotencyKey.current,
      submitPending: phase === 'sending' || phase === 'waiting',
      linking,
      activeSeconds: activeSeconds(),
      updatedAt: new Date().toISOString(),
    });
  }, [shared, token, phase, answers, numberText, sectionIndex, unitId, language, consentVersion, draftVersion, linking]);

  // Reading counts too: when the page is hidden or closed, the device copy gets the time since the last change.
  useEffect(() => {
    if (shared || phase !== 'answering') return;
    const keepTime = () => {
      const copy = document.visibilityState === 'hidden' ? loadLocal(token) : null;
      if (copy) saveLocal(token, { ...copy, activeSeconds: activeTime.seconds(Date.now()) });
    };
    document.addEventListener('visibilitychange', keepTime);
    window.addEventListener('pagehide', keepTime);
    return () => {
      document.removeEventListener('visibilitychange', keepTime);
      window.removeEventListener('pagehide', keepTime);
    };
  }, [shared, phase, token, activeTime]);

  // Save to the server at once when answering starts (this creates the draft) and on every section change.
  useEffect(() => {
    if (phase === 'answering') void autosave.saveNow();
  }, [phase, sectionIndex]);

  // A language change is part of the draft.
  const firstLanguage = useRef(true);
  useEffect(() => {
    if (firstLanguage.current) {
      firstLanguage.current = false;
      return;
    }
    if (phase === 'answering') autosave.schedule();
  }, [language]);

  // Focus the page's heading whenever the page changes (not on the first page: the browser starts there).
  const firstView = useRef(true);
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [phase, sectionIndex, atLinking]);

  // ---------------------------------------------------------------- shared device: forget after idling
  const activeForm = ['answering', 'sending', 'waiting'].includes(phase);
  useIdle(shared && (activeForm || phase === 'done' || phase === 'declined'), phase === 'done' || phase === 'declined' ? FINISHED_IDLE_MS : IDLE_MS, () => {
    if (activeForm) void autosave.flush();
    onRestart(phase === 'done' ? 'finished' : phase === 'declined' ? null : 'idle');
  });

  // ---------------------------------------------------------------- answers
  const changed = () => {
    setServerIssues([]);
    autosave.schedule();
  };
  const setAnswer = (itemId: string, value: AnswerValue | undefined) => {
    setAnswers((previous) => {
      const next = Object.fromEntries(Object.entries(previous).filter(([id]) => id !== itemId));
      if (value !== undefined) next[itemId] = value;
      return next;
    });
    changed();
  };
  const setNumberText = (itemId: string, text: string) => {
    setNumberTextState((previous) => ({ ...previous, [itemId]: text }));
    const parsed = text.trim() === '' ? undefined : (parseNumber(text) ?? undefined);
    setAnswer(itemId, parsed);
  };
  const setUnitId = (id: string | null) => {
    setUnitIdState(id);
    changed();
  };

  const section = instrument.sections[sectionIndex] ?? instrument.sections[0]!;
  const liveIssues = useMemo(
    () => sectionIssues(instrument, section, answers, vis, numberText, linkUnit),
    [instrument, section, answers, vis, numberText, linkUnit],
  );
  const shownIssues = liveIssues.filter((issue) => showAllIssues || touched.has(issue.itemId));
  const messageOf = (issue: AnswerIssue) => t(answerErrorKey(issue.code), issue.params);
  const errors = new Map<string, string>();
  for (const issue of shownIssues) if (!errors.has(issue.itemId)) errors.set(issue.itemId, messageOf(issue));
  for (const issue of serverIssues) if (issue.itemId && !errors.has(issue.itemId)) errors.set(issue.itemId, issue.message);

  const questionText = (itemId: string): string => {
    for (const item of section.items) {
      if (item.id === itemId) return tr(item.text);
      if (item.type === 'grid') {
        const row = item.rows.find((r) => r.id === itemId);
        if (row) return `${tr(item.text)}: ${tr(row.text)}`;
      }
    }
    return '';
  };
  const summary: SummaryError[] = showAllIssues || serverIssues.length > 0
    ? [
        ...serverIssues.map((issue) => ({ target: issue.itemId ? fieldId(issue.itemId) : undefined, message: issue.message })),
        ...(showAllIssues ? shownIssues : []).map((issue) => ({
          target: fieldId(issue.itemId),
          message: `${questionText(issue.itemId)} – ${messageOf(issue)}`,
        })),
      ]
    : [];

  // ---------------------------------------------------------------- navigation
  const position = vis.sections.indexOf(sectionIndex);
  const nextSection = vis.sections.find((index) => index > sectionIndex);
  const previousSection = [...vis.sections].reverse().find((index) => index < sectionIndex);

  const startAnswering = (event: FormEvent) => {
    event.preventDefault();
    if (!consented) {
      setConsentError({ attempt: (consentError?.attempt ?? 0) + 1 });
      return;
    }
    setConsentError(null);
    setConsentVersion(info.consent.version);
    if (!vis.sections.includes(sectionIndex)) setSectionIndex(vis.sections[0] ?? 0);
    setPhase('answering');
  };

  const goNext = (event: FormEvent) => {
    event.preventDefault();
    if (phase !== 'answering') return;
    if (liveIssues.length > 0) {
      setShowAllIssues(true);
      setAttempt((n) => n + 1);
      return;
    }
    setShowAllIssues(false);
    setTouched(new Set());
    if (nextSection === undefined) setAtLinking(true);
    else setSectionIndex(nextSection);
  };

  const goBack = () => {
    setShowAllIssues(false);
    setTouched(new Set());
    setServerIssues([]);
    if (previousSection === undefined) setPhase('consent');
    else setSectionIndex(previousSection);
  };

  // ---------------------------------------------------------------- sending
  const sending = useRef(false);
  const submit = useCallback(async (choices: LinkingChoices = linking) => {
    if (sending.current) return;
    // Every shown section must pass its checks (a resumed form may hold an old error further back).
    for (const index of vis.sections) {
      const target = instrument.sections[index]!;
      if (sectionIssues(instrument, target, answers, vis, numberText, linkUnit).length > 0) {
        setSectionIndex(index);
        setAtLinking(false);
        setShowAllIssues(true);
        setAttempt((n) => n + 1);
        if (phase !== 'answering') setPhase('answering');
        return;
      }
    }
    sending.current = true;
    autosave.stop();
    setPhase('sending');
    try {
      const result = await submitResponse(token, {
        idempotencyKey: idempotencyKey.current,
        consentVersion,
        language,
        unitId,
        answers: keptAnswers(instrument, answers),
        activeSeconds: activeSeconds(),
        ...(draft.current ? { draftId: draft.current.draftId, draftToken: draft.current.draftToken } : {}),
        linking: linkingBody(choices, { shared, earlierWave: info.linking.earlierWave !== null, deviceToken: rememberDevice }),
      });
      clearLocal(token);
      draft.current = null;
      setReceipt(result);
      setPhase('done');
    } catch (error) {
      if (error instanceof NetworkError) {
        setPhase('waiting');
      } else {
        autosave.resume();
        setPhase(error instanceof ApiError && (error.status === 409 || error.status === 410) ? 'closed' : 'answering');
        const issues = error instanceof ApiError ? error.fieldErrors.map((e) => ({ itemId: e.path.startsWith('answers.') ? e.path.slice(8) : undefined, message: e.message })) : [];
        setServerIssues(issues.length > 0 ? issues : [{ message: error instanceof ApiError && error.detail ? error.detail : t('survey.send.failed') }]);
        // An answer the server refused is on a section page, not on the linking step.
        if (issues.some((issue) => issue.itemId)) setAtLinking(false);
        setAttempt((n) => n + 1);
      }
    } finally {
      sending.current = false;
    }
  }, [vis, instrument, answers, numberText, linkUnit, phase, autosave, token, consentVersion, language, unitId, t, linking, shared, info.linking]);

  // A send that was under way when the page closed, or that failed for the network: try again.
  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  });
  useEffect(() => {
    if (phase === 'sending' && !sending.current) void submitRef.current();
    if (phase !== 'waiting') return;
    const again = () => void submitRef.current();
    window.addEventListener('online', again);
    const timer = window.setInterval(again, SUBMIT_RETRY_MS);
    return () => {
      window.removeEventListener('online', again);
      window.clearInterval(timer);
    };
  }, [phase]);

  // ---------------------------------------------------------------- leaving
  const decline = async () => {
    try {
      await declineSurvey(token, language);
    } catch {
      // Only an anonymous count: the respondent's choice stands even if it is not counted.
    }
    clearLocal(token);
    setPhase('declined');
  };

  const startOver = () => {
    autosave.stop();
    clearLocal(token);
    onRestart(null);
  };

  const resume = async (typed: string): Promise<string | null> => {
    const code = normalizeCode(typed);
    if (!code) return t('survey.resume.errorInvalid');
    try {
      const state = await resumeWithCode(token, code);
      draft.current = { draftId: state.draftId, draftToken: state.draftToken };
      setAnswers(state.answers);
      setNumberTextState(Object.fromEntries(Object.entries(state.answers).filter(([, v]) => typeof v === 'number').map(([k, v]) => [k, String(v)])));
      setUnitIdState(info.unit?.id ?? state.unitId);
      setConsentVersion(state.consentVersion);
      activeTime.set(state.activeSeconds, Date.now(), document.visibilityState === 'visible');
      setConsented(true);
      setResumeCode(code);
      setLanguage(state.language, false);
      const shown = visibility(instrument, state.answers, linkUnit).sections;
      setSectionIndex(shown.includes(state.sectionIndex) ? state.sectionIndex : (shown[0] ?? 0));
      setPhase('answering');
      return null;
    } catch (error) {
      if (error instanceof NetworkError) return t('common.networkError');
      if (error instanceof ApiError && error.status === 404) return t('survey.resume.errorUnknown');
      return error instanceof ApiError && error.detail ? error.detail : t('common.unknownError');
    }
  };

  // ---------------------------------------------------------------- pages
  const surveyTitle = tr(instrument.title);
  // The linking step is the last step of the form: it counts in the progress.
  const steps = vis.sections.length + 1;
  const pageTitle =
    atLinking && (phase === 'answering' || phase === 'sending')
      ? `${t('survey.linking.title')} (${t('survey.progress', { current: steps, total: steps })})`
      : phase === 'answering' || phase === 'sending'
      ? `${tr(section.title)} (${t('survey.progress', { current: position + 1, total: steps })})`
      : phase === 'done'
        ? t('survey.receipt.title')
        : phase === 'welcomeBack'
          ? t('survey.welcomeBack.title')
          : phase === 'declined'
            ? t('survey.declined.title')
            : phase === 'waiting'
              ? t('survey.waiting.title')
              : phase === 'closed'
                ? t('survey.closed.title')
                : surveyTitle;
  useDocumentTitle(pageTitle);

  const context = (
    <Paragraph data-size="sm" className="survey-context">
      {t('survey.context', { survey: surveyTitle, municipality: info.municipality.name })}
    </Paragraph>
  );

  if (phase === 'closed') {
    const scheduled = info.wave.status === 'scheduled';
    return (
      <div className="page-narrow stack">
        {context}
        <Heading level={1} data-size="lg" ref={headingRef} tabIndex={-1}>
          {t('survey.closed.title')}
        </Heading>
        <Paragraph>{scheduled ? t('survey.closed.notYetOpen') : t('survey.closed.closed', { date: format.date(info.wave.closesAt) })}</Paragraph>
      </div>
    );
  }

  if (phase === 'welcomeBack') {
    return <WelcomeBack headingRef={headingRef} context={context} onContinue={() => setPhase('answering')} onStartOver={startOver} />;
  }

  if (phase === 'declined') {
    return (
      <div className="page-narrow stack">
        <Heading level={1} data-size="lg" ref={headingRef} tabIndex={-1}>
          {t('survey.declined.title')}
        </Heading>
        <Paragraph>{t('survey.declined.body')}</Paragraph>
        <Paragraph>{t('survey.declined.changeMind')}</Paragraph>
        <Button variant="secondary" onClick={() => onRestart(null)}>
          {t('survey.declined.backToStart')}
        </Button>
      </div>
    );
  }

  if (phase === 'done' && receipt) {
    const code = groupCode(normalizeCode(receipt.receiptCode) ?? receipt.receiptCode);
    const endDate = format.date(info.linking.projectEndDate);
    const url = receiptPageUrl(window.location.origin);
    const about = { survey: surveyTitle, wave: info.wave.label, municipality: info.municipality.name, code, url, date: endDate };
    return (
      <div className="page-narrow stack receipt-page">
        {context}
        <Heading level={1} data-size="lg" ref={headingRef} tabIndex={-1}>
          {t('survey.receipt.title')}
        </Heading>
        <Paragraph>{t('survey.receipt.intro', { date: format.date(receipt.submittedOn) })}</Paragraph>
        {receipt.linkedBy && info.linking.earlierWave && <Paragraph>{t('survey.receipt.linked', { wave: info.linking.earlierWave.label })}</Paragraph>}
        <ReceiptCode
          code={code}
          // On a shared device the mail or SMS app may be someone else's: the code is written down or printed instead.
          sharing={shared ? undefined : { mailto: mailtoHref(t('survey.receipt.mailSubject'), t('survey.receipt.mailBody', about)), sms: smsHref(t('survey.receipt.smsBody', about)) }}
          printNote={t('survey.receipt.printNote', about)}
        />
        <Paragraph>{t('survey.receipt.purpose', { date: endDate })}</Paragraph>
        {!shared && linking.device && <Paragraph>{t('survey.receipt.deviceRemembered')}</Paragraph>}
        <Paragraph>{t('survey.receipt.storedAsCode')}</Paragraph>
        <Paragraph className="no-print">
          <AppLink href={RECEIPT_PATH}>{t('survey.receipt.pageLink')}</AppLink>
        </Paragraph>
        {shared && (
          <>
            <Alert data-color="warning" className="no-print">
              <Paragraph>{t('survey.receipt.sharedDevice')}</Paragraph>
            </Alert>
            <Button className="no-print" onClick={() => onRestart('finished')}>
              {t('survey.receipt.finish')}
            </Button>
          </>
        )}
      </div>
    );
  }

  if (phase === 'waiting') {
    return (
      <div className="page-narrow stack">
        {context}
        <Heading level={1} data-size="lg" ref={headingRef} tabIndex={-1}>
          {t('survey.waiting.title')}
        </Heading>
        <Alert data-color="warning" role="status">
          <Paragraph>{shared ? t('survey.waiting.bodyShared') : t('survey.waiting.body')}</Paragraph>
        </Alert>
        <Button onClick={() => void submit()}>{t('survey.waiting.tryNow')}</Button>
      </div>
    );
  }

  if (phase === 'consent') {
    const consentId = 'consent';
    return (
      <div className="page-narrow stack">
        {notice && <WipedNotice reason={notice} />}
        {context}
        <FormErrorSummary errors={consentError ? [{ target: consentId, message: t('survey.consent.required') }] : []} attempt={consentError?.attempt ?? 0} />
        <Heading level={1} data-size="md" ref={headingRef} tabIndex={-1}>
          {surveyTitle}
        </Heading>
        {instrument.description && <Paragraph>{tr(instrument.description)}</Paragraph>}
        {shared && (
          <Alert data-color="info">
            <Paragraph>{t('survey.consent.sharedDevice')}</Paragraph>
          </Alert>
        )}
        <section aria-labelledby="about-heading" className="stack">
          <Heading level={2} data-size="sm" id="about-heading">
            {t('survey.consent.aboutHeading')}
          </Heading>
          {paragraphs(tr(info.consent.information))}
          <Paragraph>{t('survey.consent.voluntary')}</Paragraph>
          <Paragraph>{t('survey.consent.closes', { date: format.date(info.wave.closesAt) })}</Paragraph>
          <Paragraph>{t('survey.consent.pseudonymous', { date: format.date(info.linking.projectEndDate) })}</Paragraph>
          <Paragraph>
            {t('survey.consent.withdrawHow')} <AppLink href={RECEIPT_PATH}>{t('survey.consent.withdrawLink')}</AppLink>
          </Paragraph>
        </section>
        <form noValidate onSubmit={startAnswering} className="stack">
          <Fieldset>
            <Fieldset.Legend>{t('survey.consent.legend')}</Fieldset.Legend>
            <Checkbox
              id={consentId}
              label={tr(info.consent.consent)}
              checked={consented}
              aria-required="true"
              onChange={(event) => {
                setConsented(event.target.checked);
                if (event.target.checked) setConsentError(null);
              }}
            />
            {consentError && <ValidationMessage>{t('survey.consent.required')}</ValidationMessage>}
          </Fieldset>
          <div className="button-row">
            <Button type="submit">{t('survey.consent.start')}</Button>
            <Button variant="secondary" onClick={() => void decline()}>
              {t('survey.consent.decline')}
            </Button>
          </div>
        </form>
        {shared && <ResumeWithCode onResume={resume} />}
      </div>
    );
  }

  if (atLinking) {
    return (
      <LinkingStep
        info={info}
        choices={linking}
        onChange={setLinking}
        headingRef={headingRef}
        top={
          <>
            {context}
            <Progress current={steps} total={steps} />
            {shared && <ResumeCodeBox code={resumeCode} collapsed />}
          </>
        }
        serverMessages={serverIssues.map((issue) => issue.message)}
        serverAttempt={attempt}
        busy={phase === 'sending'}
        onSend={(choices) => void submit(choices)}
        onBack={() => {
          setServerIssues([]);
          setAtLinking(false);
        }}
        bottom={<SaveStatusLine status={autosave.status} shared={shared} />}
      />
    );
  }

  // answering / sending
  const items = itemsShown(section, vis, linkUnit);
  const ctx: QuestionContext = {
    instrument,
    answers,
    setAnswer,
    errors,
    numberText,
    setNumberText,
    onNumberBlur: (itemId) => setTouched((previous) => new Set(previous).add(itemId)),
    visibleItems: vis.items,
    units: info.units,
    unitId,
    setUnitId,
  };
  const busy = phase === 'sending';
  return (
    <div className="page-narrow stack">
      {context}
      <Progress current={position + 1} total={steps} />
      <FormErrorSummary errors={summary} attempt={attempt} />
      <Heading level={1} data-size="md" ref={headingRef} tabIndex={-1}>
        {tr(section.title)}
      </Heading>
      {section.intro && paragraphs(tr(section.intro))}
      {shared && <ResumeCodeBox code={resumeCode} collapsed={position > 0} />}
      <form noValidate onSubmit={goNext} className="survey-form">
        {items.map((item) => (
          <Question key={item.id} item={item} ctx={ctx} />
        ))}
        <div className="button-row survey-nav">
          <Button type="submit" loading={busy} aria-disabled={busy || undefined}>
            {t('survey.next')}
          </Button>
          <Button variant="secondary" onClick={goBack} disabled={busy}>
            {t('survey.back')}
          </Button>
        </div>
      </form>
      <SaveStatusLine status={autosave.status} shared={shared} />
    </div>
  );
}

function WelcomeBack(props: { headingRef: RefObject<HTMLHeadingElement | null>; context: React.ReactNode; onContinue: () => void; onStartOver: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="page-narrow stack">
      {props.context}
      <Heading level={1} data-size="lg" ref={props.headingRef} tabIndex={-1}>
        {t('survey.welcomeBack.title')}
      </Heading>
      <Paragraph>{t('survey.welcomeBack.body')}</Paragraph>
      <div className="button-row">
        <Button onClick={props.onContinue}>{t('survey.welcomeBack.continue')}</Button>
        <Button variant="secondary" onClick={() => setConfirming(true)} aria-expanded={confirming}>
          {t('survey.welcomeBack.startOver')}
        </Button>
      </div>
      {confirming && (
        <Alert data-color="warning">
          <Heading level={2} data-size="2xs">
            {t('survey.welcomeBack.confirmTitle')}
          </Heading>
          <Paragraph>{t('survey.welcomeBack.confirmBody')}</Paragraph>
          <div className="button-row">
            <Button data-color="danger" onClick={props.onStartOver}>
              {t('survey.welcomeBack.confirmYes')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t('survey.welcomeBack.confirmNo')}
            </Button>
          </div>
        </Alert>
      )}
    </div>
  );
}

/** Texts from the instrument and consent may hold blank lines between paragraphs. */
function paragraphs(text: string) {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, index) => <Paragraph key={index}>{part}</Paragraph>);
}
