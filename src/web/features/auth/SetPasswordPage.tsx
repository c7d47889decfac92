/**
 * The page behind an invite or reset link (/set-password#<token>): the token is in the fragment, which
 * the browser never sends to a server. The person chooses their own password (checked here and on the
 * server with the same rule) and is logged in; two-step login follows on the login page when due.
 */
import { Alert, Button, Heading, Paragraph, Spinner, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordTokenInfo } from '../../../contracts/api.js';
import { checkPassword, MIN_PASSWORD_LENGTH } from '../../../domain/password-policy.js';
import { ApiError } from '../../api.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { errorsFromFailure, useFormErrors } from '../../components/forms.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { setLanguage } from '../../i18n/index.js';
import { AppLink, navigate } from '../../router.js';
import { homeFor, inspectPasswordToken, setPasswordWithToken } from './auth.api.js';
import { useSession } from './session.js';

const ids = { password: 'new-password', repeat: 'new-password-repeat' } as const;
type FieldName = keyof typeof ids;

export function SetPasswordPage() {
  const { t } = useTranslation();
  const { accept } = useSession();
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const [info, setInfo] = useState<PasswordTokenInfo | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors<FieldName>();
  useDocumentTitle(info?.purpose === 'invite' ? t('password.set.inviteTitle') : t('password.set.resetTitle'));

  useEffect(() => {
    if (!token) {
      setInvalid(true);
      return;
    }
    inspectPasswordToken(token).then((found) => {
      // The person reads the page in the language chosen for them (the language menu can change it).
      setLanguage(found.language, false);
      setInfo(found);
    }, () => setInvalid(true));
  }, [token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !info) return;
    const problem = checkPassword(password, { email: info.email });
    const errors: Partial<Record<FieldName, string>> = {};
    if (problem === 'too_short') errors.password = t('password.errors.tooShort', { count: MIN_PASSWORD_LENGTH });
    else if (problem === 'too_common') errors.password = t('password.errors.tooCommon');
    else if (problem === 'contains_email') errors.password = t('password.errors.containsEmail');
    else if (problem === 'too_long') errors.password = t('password.errors.tooLong');
    if (!errors.password && repeat !== password) errors.repeat = t('password.errors.mismatch');
    if (Object.keys(errors).length > 0) return form.fail(errors);
    setBusy(true);
    try {
      const session = await setPasswordWithToken(token, password);
      accept(session);
      navigate(session.stage === 'full' ? homeFor(session.account.role) : '/login', { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 410) setInvalid(true);
      else {
        const { fieldErrors, formErrors } = errorsFromFailure(error, ['password'] as const, { network: t('common.networkError'), unknown: t('common.unknownError') });
        form.fail(fieldErrors, formErrors);
      }
    } finally {
      setBusy(false);
    }
  };

  if (invalid) {
    return (
      <div className="page-narrow stack">
        <Heading level={1} data-size="lg">
          {t('password.set.invalidTitle')}
        </Heading>
        <Alert data-color="warning">
          <Paragraph>{t('password.set.invalid')}</Paragraph>
        </Alert>
        <Paragraph>
          <AppLink href="/forgot-password">{t('password.set.askNew')}</AppLink>
        </Paragraph>
      </div>
    );
  }
  if (!info) return <Spinner aria-label={t('common.loading')} data-size="lg" />;

  return (
    <div className="page-narrow stack">
      <FormErrorSummary errors={form.summary(ids)} attempt={form.attempt} />
      <Heading level={1} data-size="lg">
        {info.purpose === 'invite' ? t('password.set.inviteTitle') : t('password.set.resetTitle')}
      </Heading>
      <Paragraph>{info.purpose === 'invite' ? t('password.set.inviteIntro', { name: info.displayName, email: info.email }) : t('password.set.resetIntro', { email: info.email })}</Paragraph>
      <form noValidate onSubmit={(event) => void submit(event)} className="stack form">
        {/* Lets a password manager store the new password with the right user name. */}
        <input type="email" name="username" autoComplete="username" value={info.email} readOnly hidden />
        <Textfield
          id={ids.password}
          label={t('password.set.password')}
          description={t('password.set.help', { count: MIN_PASSWORD_LENGTH })}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.errors.password}
        />
        <Textfield id={ids.repeat} label={t('password.set.repeat')} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} error={form.errors.repeat} />
        <div className="button-row">
          <Button type="submit" loading={busy} aria-disabled={busy || undefined}>
            {t('password.set.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
