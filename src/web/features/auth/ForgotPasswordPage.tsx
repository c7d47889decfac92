// "Forgot your password?": asks for a reset link by e-mail. The answer is the same whether or not the
// address has an account, so the page says what happens if it has.
import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { errorsFromFailure, useFormErrors } from '../../components/forms.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { AppLink } from '../../router.js';
import { requestPasswordReset } from './auth.api.js';

const ids = { email: 'forgot-email' } as const;

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState('');
  const form = useFormErrors<'email'>();
  useDocumentTitle(t('password.forgot.title'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return form.fail({ email: t('login.errors.emailInvalid') });
    setBusy(true);
    try {
      await requestPasswordReset(email.trim());
      form.clear();
      setSentTo(email.trim());
    } catch (error) {
      const { fieldErrors, formErrors } = errorsFromFailure(error, ['email'] as const, { network: t('common.networkError'), unknown: t('common.unknownError') });
      form.fail(fieldErrors, formErrors);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page-narrow stack">
      <FormErrorSummary errors={form.summary(ids)} attempt={form.attempt} />
      <Heading level={1} data-size="lg">
        {t('password.forgot.title')}
      </Heading>
      <Paragraph>{t('password.forgot.intro')}</Paragraph>
      <form noValidate onSubmit={(event) => void submit(event)} className="stack form">
        <Textfield id={ids.email} label={t('login.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={form.errors.email} />
        <div className="button-row">
          <Button type="submit" loading={busy} aria-disabled={busy || undefined}>
            {t('password.forgot.submit')}
          </Button>
        </div>
      </form>
      <Paragraph role="status">{sentTo ? t('password.forgot.sent', { email: sentTo }) : ''}</Paragraph>
      <Paragraph data-size="sm">
        <AppLink href="/login">{t('password.backToLogin')}</AppLink>
      </Paragraph>
    </div>
  );
}
