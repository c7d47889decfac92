/**
 * The error summary every form shows above its fields when a submit fails: Designsystemet's
 * ErrorSummary (it takes focus when it appears), each message a link that moves focus to the field.
 * Pass a new `attempt` on every failed try so that focus moves to the summary again.
 */
import { ErrorSummary } from '@digdir/designsystemet-react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryError {
  /** id of the control that should get focus; none for errors that belong to the whole form. */
  target?: string;
  message: string;
}

export function focusControl(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  // A radio group's first input may sit below its legend: show the question, not only the control.
  const holder = element.closest('fieldset') ?? element;
  holder.scrollIntoView({ block: 'start' });
  element.focus({ preventScroll: true });
}

export function FormErrorSummary({ errors, attempt }: { errors: SummaryError[]; attempt: number }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  const go = (target: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusControl(target);
  };
  return (
    <ErrorSummary key={attempt} className="form-error-summary">
      <ErrorSummary.Heading>{t('form.errorSummaryHeading')}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {errors.map((error, index) => (
          <ErrorSummary.Item key={`${error.target ?? 'form'}-${index}`}>
            {error.target ? (
              <ErrorSummary.Link href={`#${error.target}`} onClick={go(error.target)}>
                {error.message}
              </ErrorSummary.Link>
            ) : (
              error.message
            )}
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
