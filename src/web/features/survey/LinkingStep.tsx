/**
 * The last step before sending: linking this answer to the same person's answers in other waves,
 * strongest way first — the earlier wave's receipt code (checked at once), what this browser remembers
 * (own devices only, by choice), and the code questions (asked in every wave, so a later wave can be
 * matched). Everything is optional: "Send" works with nothing filled in.
 */
import { Button, Checkbox, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyInfo } from '../../../contracts/api.js';
import { SGIC_COMPONENTS } from '../../../domain/linking.js';
import { FormErrorSummary, type SummaryError } from '../../components/FormErrorSummary.js';
import { SelectField } from '../../components/SelectField.js';
import { useFormat } from '../../i18n/index.js';
import { isLinkingCodeId, linkingCodeKeys } from '../../i18n/keys.js';
import { readReceiptInput } from '../receipt/receiptCode.js';
import { receiptFailure, useReceiptFailureText, useReceiptInputText } from '../receipt/receiptErrors.js';
import { forgetDevice, storedDeviceToken } from './deviceToken.js';
import { componentOptions, type LinkingChoices } from './linkingChoices.js';
import { checkEarlierReceipt } from './survey.api.js';

const RECEIPT_FIELD = 'earlier-receipt';
const DEVICE_FIELD = 'link-device';

export interface LinkingStepProps {
  info: SurveyInfo;
  choices: LinkingChoices;
  onChange: (next: LinkingChoices) => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** Context line, progress and (shared devices) the resume code box, as on every page of the form. */
  top: ReactNode;
  /** Errors from a send that failed (problem details in the respondent's language). */
  serverMessages: string[];
  serverAttempt: number;
  busy: boolean;
  /** Send the response with these choices (the receipt code may just have been confirmed). */
  onSend: (choices: LinkingChoices) => void;
  onBack: () => void;
  bottom: ReactNode;
}

type Check = { kind: 'idle' } | { kind: 'checking' } | { kind: 'failed'; message: string };

export function LinkingStep(props: LinkingStepProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const failureText = useReceiptFailureText();
  const inputText = useReceiptInputText();
  const { info, choices, onChange } = props;
  const shared = info.sharedDevice;
  const earlier = info.linking.earlierWave;
  const [storedToken, setStoredToken] = useState(() => (shared ? null : storedDeviceToken()));
  /** Where the respondent made this browser forget them (the message stays there). */
  const [forgotten, setForgotten] = useState<'earlier' | 'remember' | null>(null);
  const [check, setCheck] = useState<Check>({ kind: 'idle' });
  const [attempt, setAttempt] = useState(0);

  /** Asks the server about the typed code. Returns the grouped code when found, 'unreachable' when the server could not be asked, else null. */
  const verify = async (): Promise<string | 'unreachable' | null> => {
    const input = readReceiptInput(choices.earlierReceipt);
    if (!input.ok) {
      setCheck({ kind: 'failed', message: inputText(input.reason) });
      setAttempt((n) => n + 1);
      return null;
    }
    setCheck({ kind: 'checking' });
    try {
      await checkEarlierReceipt(info.linkToken, input.code);
      setCheck({ kind: 'idle' });
      onChange({ ...choices, earlierReceiptFound: input.code });
      return input.code;
    } catch (error) {
      const failure = receiptFailure(error);
      if (failure.kind === 'network') {
        setCheck({ kind: 'idle' });
        return 'unreachable';
      }
      setCheck({
        kind: 'failed',
        message: failure.kind === 'notFound' ? t('survey.linking.earlier.notFound', { wave: earlier?.label ?? '' }) : failureText(failure),
      });
      setAttempt((n) => n + 1);
      return null;
    }
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (props.busy || check.kind === 'checking') return;
    const typed = earlier !== null && choices.earlierReceipt.trim() !== '' && choices.earlierReceiptFound === null;
    if (!typed) return props.onSend(choices);
    const verified = await verify();
    // Without a connection the code goes unchecked: the send waits for the network anyway, and the server links only a right code.
    if (verified === 'unreachable') props.onSend(choices);
    else if (verified) props.onSend({ ...choices, earlierReceiptFound: verified });
  };

  const forget = (place: 'earlier' | 'remember') => {
    forgetDevice();
    setStoredToken(null);
    setForgotten(place);
    onChange({ ...choices, device: false });
  };

  const monthName = (month: number) => new Intl.DateTimeFormat(format.locale, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));
  const receiptError = check.kind === 'failed' ? check.message : undefined;
  const summary: SummaryError[] = [
    ...(receiptError ? [{ target: RECEIPT_FIELD, message: receiptError }] : []),
    ...props.serverMessages.map((message) => ({ message })),
  ];
  // The device choice belongs with the earlier wave when this browser remembers that wave; otherwise it is an offer for next time.
  const deviceLinksEarlier = earlier !== null && storedToken !== null;
  const deviceBox = (label: string, description: string) => (
    <Checkbox
      id={DEVICE_FIELD}
      label={label}
      description={description}
      checked={choices.device}
      onChange={(event) => onChange({ ...choices, device: event.target.checked })}
    />
  );
  /** "Forget me" beside the device choice while this browser remembers the respondent; its message stays where it was given. */
  const forgetArea = (place: 'earlier' | 'remember') => (
    <div className="linking-forget">
      {storedToken && (
        <Button variant="tertiary" data-size="sm" onClick={() => forget(place)}>
          {t('survey.linking.device.forget')}
        </Button>
      )}
      <Paragraph role="status" data-size="sm">
        {forgotten === place ? t('survey.linking.device.forgotten') : ''}
      </Paragraph>
    </div>
  );

  return (
    <div className="page-narrow stack">
      {props.top}
      <FormErrorSummary errors={summary} attempt={attempt + props.serverAttempt} />
      <Heading level={1} data-size="md" ref={props.headingRef} tabIndex={-1}>
        {t('survey.linking.title')}
      </Heading>
      <Paragraph>{t('survey.linking.intro')}</Paragraph>
      <form noValidate onSubmit={(event) => void send(event)} className="survey-form linking-form">
        {earlier && (
          <section aria-labelledby="linking-earlier-heading" className="stack">
            <Heading level={2} data-size="xs" id="linking-earlier-heading">
              {t('survey.linking.earlier.heading', { wave: earlier.label })}
            </Heading>
            <Paragraph>{t('survey.linking.earlier.intro')}</Paragraph>
            <div className="linking-receipt">
              <Textfield
                id={RECEIPT_FIELD}
                label={t('survey.linking.earlier.receiptLabel', { wave: earlier.label })}
                description={t('survey.linking.earlier.receiptDescription')}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                className="field--code"
                size={26}
                value={choices.earlierReceipt}
                onChange={(event) => {
                  setCheck({ kind: 'idle' });
                  onChange({ ...choices, earlierReceipt: event.target.value, earlierReceiptFound: null });
                }}
                error={receiptError}
              />
              <Button
                variant="secondary"
                onClick={() => void verify()}
                loading={check.kind === 'checking'}
                aria-disabled={check.kind === 'checking' || choices.earlierReceiptFound !== null || undefined}
              >
                {t('survey.linking.earlier.check')}
              </Button>
            </div>
            <Paragraph role="status" data-size="sm" className="linking-found">
              {choices.earlierReceiptFound ? t('survey.linking.earlier.found') : ''}
            </Paragraph>
            {deviceLinksEarlier && deviceBox(t('survey.linking.earlier.device', { wave: earlier.label }), t('survey.linking.earlier.deviceDescription'))}
            {!shared && (deviceLinksEarlier || forgotten === 'earlier') && forgetArea('earlier')}
            <Paragraph>{t('survey.linking.earlier.orCode')}</Paragraph>
          </section>
        )}

        <section aria-labelledby="linking-code-heading" className="stack">
          <Heading level={2} data-size="xs" id="linking-code-heading">
            {t('survey.linking.code.heading')}
          </Heading>
          <Paragraph>{t('survey.linking.code.intro')}</Paragraph>
          {SGIC_COMPONENTS.map((def) => {
            const id = def.id;
            // A component the texts do not know yet is not asked (keys.ts and the domain are kept in step by a test).
            if (!isLinkingCodeId(id)) return null;
            return (
              <SelectField
                key={id}
                id={`link-code-${id}`}
                width="auto"
                label={t(linkingCodeKeys[id].question)}
                description={t(linkingCodeKeys[id].help)}
                value={choices.code[id] ?? ''}
                emptyLabel={t('survey.linking.code.unknown')}
                options={componentOptions(def, { month: monthName, orMore: (count) => t('survey.linking.code.orMore', { count }) })}
                // "I don't know" (the empty choice) leaves the component out.
                onChange={(value) => onChange({ ...choices, code: { ...Object.fromEntries(Object.entries(choices.code).filter(([key]) => key !== id)), ...(value ? { [id]: value } : {}) } })}
              />
            );
          })}
        </section>

        {!shared && !deviceLinksEarlier && (
          <section aria-labelledby="linking-device-heading" className="stack">
            <Heading level={2} data-size="xs" id="linking-device-heading">
              {t('survey.linking.device.heading')}
            </Heading>
            {deviceBox(t('survey.linking.device.label'), t('survey.linking.device.description'))}
            {(storedToken || forgotten === 'remember') && forgetArea('remember')}
          </section>
        )}
        <div className="button-row survey-nav">
          <Button type="submit" loading={props.busy} aria-disabled={props.busy || undefined}>
            {t('survey.send.button')}
          </Button>
          <Button variant="secondary" onClick={props.onBack} disabled={props.busy}>
            {t('survey.back')}
          </Button>
        </div>
      </form>
      {props.bottom}
    </div>
  );
}
