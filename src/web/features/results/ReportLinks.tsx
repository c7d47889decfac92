/**
 * Download links for the wave's results report: a PDF for printing and sharing and the same tables as an
 * XLSX workbook (GET /waves/:waveId/report.pdf|.xlsx), drawn from the same frozen release as this page. The
 * report is in the municipality's language; this page stays the accessible version of the figures.
 */
import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { seg } from '../../api.js';

/** @param municipalityId the municipality a platform admin looks at (others: their own, from the session). */
export function ReportLinks({ waveId, municipalityId }: { waveId: string; municipalityId: string | null }) {
  const { t } = useTranslation();
  const url = (format: 'pdf' | 'xlsx') => `/api/v1/waves/${seg(waveId)}/report.${format}${municipalityId ? `?municipalityId=${seg(municipalityId)}` : ''}`;
  return (
    <div className="report-links">
      {/* Side by side where they fit, one under the other on a phone. */}
      <Paragraph data-size="sm" style={{ display: 'flex', flexWrap: 'wrap', columnGap: '1.25rem' }}>
        <Link href={url('pdf')} download>
          {t('results.report.pdf')}
        </Link>
        <Link href={url('xlsx')} download>
          {t('results.report.xlsx')}
        </Link>
      </Paragraph>
      <Paragraph data-size="sm" className="muted">
        {t('results.report.note')}
      </Paragraph>
    </div>
  );
}
