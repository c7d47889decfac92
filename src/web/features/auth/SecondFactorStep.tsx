// The second step of logging in: the six-digit code from the authenticator app (or a recovery code).
import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { errorsFromFailure, useFormErrors } from '../../components/forms.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { sendSecondFactor } from './auth.api.js';
import { useSession } from './session.js';

const ids = { code: 'totp-code' } as const;

export function SecondFactorStep() {
  const { t } = useTranslation();
  const { accept, logout } = useSession();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors<'code'>();
  useDocumentTitle(t('login.totp.title'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (code.replace(/\s/g, '').length < 6) return form.fail({ code: t('login.totp.missing') });
    setBusy(true);
    try {
      accept(await sendSecondFactor(code.trim()));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && /second_factor_failed/.test(error.type)) form.fail({ code: t('login.totp.wrong') });
      else if (error instanceof ApiError && error.status === 401) await logout();
      else {
        const { fieldErrors, formErrors } = errorsFromFailure(error, ['code'] as const, { network: t('common.networkError'), unknown: t('common.unknownError') });
        form.fail(fieldErrors, formErrors);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page-narrow stack">
      <FormErrorSummary errors={form.summary(ids)} attempt={form.attempt} />
      <Heading level={1} data-size="lg">
        {t('login.totp.title')}
      </Heading>
      <Paragraph>{t('login.totp.intro')}</Paragraph>
      <form noValidate onSubmit={(event) => void submit(event)} className="stack form">
        <Textfield
          id={ids.code}
          label={t('login.totp.code')}
          description={t('login.totp.recoveryHint')}
          autoComplete="one-time-code"
          spellCheck={false}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={form.errors.code}
        />
        <div className="button-row">
          <Button type="submit" loading={busy} aria-disabled={busy || undefined}>
            {t('login.totp.submit')}
          </Button>
          <Button variant="tertiary" onClick={() => void logout()}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </div>
  );
}
