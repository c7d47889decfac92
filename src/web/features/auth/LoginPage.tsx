// Login: e-mail and password, then — when due — the code from the authenticator app or its first-time set-up.
import { Button, Heading, Paragraph, Spinner, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { errorsFromFailure, useFormErrors } from '../../components/forms.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { AppLink, navigate, useLocation } from '../../router.js';
import { homeFor } from './auth.api.js';
import { EnrolStep } from './EnrolStep.js';
import { SecondFactorStep } from './SecondFactorStep.js';
import { useSession } from './session.js';

const ids = { email: 'login-email', password: 'login-password' } as const;
type FieldName = keyof typeof ids;

/** Only paths inside the app, so that a crafted link cannot send a user elsewhere after login. */
function safeNext(next: string | null): string | null {
  return next && /^\/(results|admin|account)(\?|$)/.test(next) ? next : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { session, loading, login } = useSession();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors<FieldName>();
  useDocumentTitle(t('login.title'));

  const next = safeNext(search.get('next'));
  useEffect(() => {
    if (session?.stage === 'full') navigate(next ?? homeFor(session.account.role), { replace: true });
  }, [session, next]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors: Partial<Record<FieldName, string>> = {};
    if (!email.trim()) errors.email = t('login.errors.emailMissing');
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errors.email = t('login.errors.emailInvalid');
    if (!password) errors.password = t('login.errors.passwordMissing');
    if (Object.keys(errors).length > 0) return form.fail(errors);
    setBusy(true);
    try {
      await login(email.trim(), password);
      form.clear();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        form.fail({ password: t('login.errors.wrong') });
      } else {
        const { fieldErrors, formErrors } = errorsFromFailure(error, ['email', 'password'] as const, {
          network: t('common.networkError'),
          unknown: t('common.unknownError'),
        });
        form.fail(fieldErrors, formErrors);
      }
    } finally {
      setBusy(false);
    }
  };

  if (loading) return <Spinner aria-label={t('common.loading')} />;
  if (session?.stage === 'totp') return <SecondFactorStep />;
  if (session?.stage === 'enrol') return <EnrolStep />;

  return (
    <div className="page-narrow stack">
      <FormErrorSummary errors={form.summary(ids)} attempt={form.attempt} />
      <Heading level={1} data-size="lg">
        {t('login.title')}
      </Heading>
      <Paragraph>{t('login.intro')}</Paragraph>
      <form noValidate onSubmit={(event) => void submit(event)} className="stack form">
        <Textfield
          id={ids.email}
          label={t('login.email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={form.errors.email}
        />
        <Textfield
          id={ids.password}
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={form.errors.password}
        />
        <div className="button-row">
          <Button type="submit" loading={busy} aria-disabled={busy || undefined}>
            {t('login.submit')}
          </Button>
        </div>
      </form>
      <Paragraph data-size="sm">
        <AppLink href="/forgot-password">{t('login.forgot')}</AppLink>
      </Paragraph>
      <Paragraph data-size="sm">{t('login.respondentHint')}</Paragraph>
    </div>
  );
}
