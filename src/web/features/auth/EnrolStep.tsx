/**
 * Setting up two-step login after the first password: scan the QR code (or type the key) into an
 * authenticator app, confirm with its first code, then keep the recovery codes, which are shown once.
 */
import { Alert, Button, Heading, Paragraph, Spinner, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpEnrolled, TotpEnrolment } from '../../../contracts/api.js';
import { ApiError } from '../../api.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { errorsFromFailure, useFormErrors } from '../../components/forms.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { confirmEnrolment, startEnrolment } from './auth.api.js';
import { useSession } from './session.js';
import './auth.css';

const ids = { code: 'enrol-code' } as const;

/** The SVG as an image: its text stays out of the DOM, the alt text says what it is. */
const svgSource = (svg: string) => `data:image/svg+xml;base64,${btoa(svg)}`;

export function EnrolStep() {
  const { t } = useTranslation();
  const { accept, logout } = useSession();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [failed, setFailed] = useState(false);
  const [done, setDone] = useState<TotpEnrolled | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors<'code'>();
  const started = useRef(false);
  useDocumentTitle(t('login.enrol.title'));

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startEnrolment().then(setEnrolment, () => setFailed(true));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!/^\d{6}$/.test(code.replace(/\s/g, ''))) return form.fail({ code: t('login.enrol.codeFormat') });
    setBusy(true);
    try {
      setDone(await confirmEnrolment(code.replace(/\s/g, '')));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && /second_factor_failed/.test(error.type)) form.fail({ code: t('login.totp.wrong') });
      else {
        const { fieldErrors, formErrors } = errorsFromFailure(error, ['code'] as const, { network: t('common.networkError'), unknown: t('common.unknownError') });
        form.fail(fieldErrors, formErrors);
      }
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="page-narrow stack">
        <Heading level={1} data-size="lg">
          {t('login.enrol.recoveryTitle')}
        </Heading>
        <Paragraph>{t('login.enrol.recoveryIntro')}</Paragraph>
        <ul className="recovery-codes" aria-label={t('login.enrol.recoveryTitle')}>
          {done.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <div className="button-row">
          <Button onClick={() => accept(done.session)}>{t('login.enrol.continue')}</Button>
        </div>
      </div>
    );
  }

  return (
    <div className="page-narrow stack">
      <FormErrorSummary errors={form.summary(ids)} attempt={form.attempt} />
      <Heading level={1} data-size="lg">
        {t('login.enrol.title')}
      </Heading>
      <Paragraph>{t('login.enrol.intro')}</Paragraph>
      {failed && (
        <Alert data-color="danger">
          <Paragraph>{t('common.unknownError')}</Paragraph>
        </Alert>
      )}
      {!enrolment && !failed && <Spinner aria-label={t('common.loading')} />}
      {enrolment && (
        <>
          <ol className="stack enrol-steps">
            <li>{t('login.enrol.stepApp')}</li>
            <li>
              {t('login.enrol.stepScan')}
              <img className="enrol-qr" src={svgSource(enrolment.qrSvg)} alt={t('login.enrol.qrAlt')} width={200} height={200} />
              <Paragraph data-size="sm">{t('login.enrol.secretLabel')}</Paragraph>
              <code className="enrol-secret" data-testid="totp-secret">
                {enrolment.secret}
              </code>
            </li>
            <li>{t('login.enrol.stepCode')}</li>
          </ol>
          <form noValidate onSubmit={(event) => void submit(event)} className="stack form">
            <Textfield
              id={ids.code}
              label={t('login.totp.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(event) => setCode(event.target.value)}
              error={form.errors.code}
            />
            <div className="button-row">
              <Button type="submit" loading={busy} aria-disabled={busy || undefined}>
                {t('login.enrol.submit')}
              </Button>
              <Button variant="tertiary" onClick={() => void logout()}>
                {t('common.cancel')}
              </Button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
