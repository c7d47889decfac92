// Pieces every admin form uses: submit with validation and server field errors, a done message, copy.
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorsFromFailure, useFormErrors, type FieldErrors } from '../../components/forms.js';

export function useAdminForm<F extends string>(prefix: string, fields: readonly F[]) {
  const { t } = useTranslation();
  const form = useFormErrors<F>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const ids = Object.fromEntries(fields.map((f) => [f, `${prefix}-${f}`])) as Record<F, string>;

  /** Check in the browser first; then send, and put the server's field errors at the fields. */
  const submit = async (validate: () => FieldErrors<F>, run: () => Promise<string>) => {
    if (busy) return;
    setDone('');
    const errors = validate();
    if (Object.keys(errors).length > 0) {
      form.fail(errors);
      return;
    }
    setBusy(true);
    try {
      setDone(await run());
      form.clear();
    } catch (error) {
      const { fieldErrors, formErrors } = errorsFromFailure(error, fields, {
        network: t('common.networkError'),
        unknown: t('common.unknownError'),
      });
      form.fail(fieldErrors, formErrors);
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, done, submit, ids, summary: form.summary(ids) };
}

/** "Saved" after a form went through; read out by screen readers. */
export function DoneMessage({ text }: { text: string }) {
  return (
    <Paragraph role="status" data-size="sm" className="done-message">
      {text}
    </Paragraph>
  );
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    window.setTimeout(() => setState('idle'), 4000);
  };
  return (
    <span className="copy-button">
      <Button variant="secondary" data-size="sm" onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" className="copy-button__status">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}

/** <input type="datetime-local"> works in local time without a zone; the API wants ISO 8601 with one. */
export function localInputToIso(value: string): string | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
