/**
 * The median measured completion time per form of the questionnaire (full, short), or why it is hidden:
 * a form's figure is shown only once at least k responses on it have a measured time.
 */
import { Heading, List, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { CompletionTime } from '../../../contracts/api.js';
import { useFormat } from '../../i18n/index.js';
import { formKey, suppressedKeys } from '../../i18n/keys.js';

/** One line per form: "Full form: 12 minutes (median of 140 responses)", or the reason it is hidden. */
export function CompletionTimeList({ forms, k }: { forms: CompletionTime[]; k: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <List.Unordered data-size="sm" className="completion-times">
      {forms.map(({ form, median }) => (
        <List.Item key={form}>
          {t(formKey(form))}:{' '}
          {median.suppressed
            ? t(suppressedKeys[median.reason], { k })
            : t('results.completion.value', { minutes: format.number(median.minutes, Number.isInteger(median.minutes) ? 0 : 1), n: format.number(median.n) })}
        </List.Item>
      ))}
    </List.Unordered>
  );
}

/** The leader's block under participation: a heading, what the figure is, and the list. */
export function CompletionTimeSection({ forms, k }: { forms: CompletionTime[]; k: number }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="completion-heading" className="stack">
      <Heading level={3} data-size="xs" id="completion-heading">
        {t('results.completion.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('results.completion.intro', { k })}</Paragraph>
      <CompletionTimeList forms={forms} k={k} />
    </section>
  );
}
