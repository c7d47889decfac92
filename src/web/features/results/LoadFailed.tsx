import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** The figures could not be fetched. */
export function LoadFailed() {
  const { t } = useTranslation();
  return (
    <Alert data-color="warning">
      <Paragraph>{t('results.loadFailed')}</Paragraph>
    </Alert>
  );
}
