// The front door: what Digikompass is, how respondents take part (by their link), where they see or
// withdraw their answers (the receipt page), and login for leaders.
import { Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { AppLink } from '../../router.js';
import { RECEIPT_PATH } from '../receipt/receiptCode.js';

export function StartPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('start.title'));
  return (
    <div className="page-narrow stack">
      <Heading level={1} data-size="xl">
        {t('start.title')}
      </Heading>
      <Paragraph data-size="lg">{t('start.lead')}</Paragraph>
      <Paragraph>{t('start.what')}</Paragraph>
      <Card variant="tinted">
        <Heading level={2} data-size="xs">
          {t('start.respondentsHeading')}
        </Heading>
        <Paragraph>{t('start.respondentsBody')}</Paragraph>
        <Paragraph>{t('start.privacy')}</Paragraph>
      </Card>
      <Card variant="tinted">
        <Heading level={2} data-size="xs">
          {t('start.receiptHeading')}
        </Heading>
        <Paragraph>{t('start.receiptBody')}</Paragraph>
        <Paragraph>
          <AppLink href={RECEIPT_PATH}>{t('start.receiptLink')}</AppLink>
        </Paragraph>
      </Card>
      <Card variant="tinted">
        <Heading level={2} data-size="xs">
          {t('start.leadersHeading')}
        </Heading>
        <Paragraph>{t('start.leadersBody')}</Paragraph>
        <Paragraph>
          <AppLink href="/login">{t('start.loginLink')}</AppLink>
        </Paragraph>
      </Card>
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="page-narrow stack">
      <Heading level={1} data-size="lg">
        {t('notFound.title')}
      </Heading>
      <Paragraph>{t('notFound.body')}</Paragraph>
      <Paragraph>
        <AppLink href="/">{t('notFound.home')}</AppLink>
      </Paragraph>
    </div>
  );
}
