/**
 * A paged preview of a project's pseudonymised microdata: the first columns of the export's rows (codes
 * and missing codes as in the codebook, free text scrubbed). Every page read is written to the audit
 * log, and the panel says so before anything is shown.
 */
import { Alert, Button, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MicrodataCell } from '../../../contracts/research-access.js';
import { useApi } from '../../components/useApi.js';
import { useFormat, useLanguage } from '../../i18n/index.js';
import { fetchMicrodata } from './research-access.api.js';
import './research-access.css';

/** Rows per page and columns in the preview (the export has them all). */
export const MICRODATA_PAGE = 20;
export const MICRODATA_COLUMNS = 10;

export function MicrodataPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const [offset, setOffset] = useState(0);
  const page = useApi(`microdata:${projectId}:${offset}:${language}`, () => fetchMicrodata(projectId, { offset, limit: MICRODATA_PAGE, language }));
  const numbers = new Intl.NumberFormat(format.locale, { maximumFractionDigits: 4, useGrouping: false });
  const cell = (value: MicrodataCell) => (value === null ? '' : typeof value === 'number' ? numbers.format(value) : value);

  const data = page.data;
  const columns = data ? data.variables.slice(0, MICRODATA_COLUMNS) : [];
  const first = data && data.rows.length > 0 ? offset + 1 : 0;
  const last = data ? offset + data.rows.length : 0;

  return (
    <div className="stack">
      <Alert data-color="info">
        <Paragraph>{t('researchAccess.microdata.logged')}</Paragraph>
      </Alert>
      <Paragraph>{t('researchAccess.microdata.intro')}</Paragraph>
      {page.state === 'failed' && (
        <Alert data-color="warning">
          <Paragraph>{t('admin.loadFailed')}</Paragraph>
        </Alert>
      )}
      {page.state === 'loading' && !data && <Spinner aria-label={t('common.loading')} />}
      {data && data.total === 0 && <Paragraph>{t('researchAccess.microdata.none')}</Paragraph>}
      {data && data.total > 0 && (
        <>
          <Paragraph data-size="sm">
            {t('researchAccess.microdata.columns', { shown: format.number(columns.length), total: format.number(data.variables.length) })}
          </Paragraph>
          <div className="table-scroll" role="region" aria-labelledby="microdata-caption" tabIndex={0}>
            <Table zebra border data-size="sm" className="microdata-table">
              <caption id="microdata-caption">
                {t('researchAccess.microdata.caption', { first: format.number(first), last: format.number(last), total: format.number(data.total) })}
              </caption>
              <Table.Head>
                <Table.Row>
                  {columns.map((v) => (
                    <Table.HeaderCell key={v.name} scope="col">
                      <span className="microdata-name">{v.name}</span>
                      <span className="microdata-label">{v.label}</span>
                    </Table.HeaderCell>
                  ))}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {data.rows.map((row, r) => (
                  <Table.Row key={`${offset + r}`}>
                    {columns.map((v, c) => (
                      <Table.Cell key={v.name} className={v.type === 'numeric' ? 'num' : undefined}>
                        {cell(row[c] ?? null)}
                      </Table.Cell>
                    ))}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          <nav className="button-row" aria-label={t('researchAccess.microdata.pages')}>
            <Button variant="secondary" data-size="sm" disabled={offset === 0 || page.state === 'loading'} onClick={() => setOffset(Math.max(0, offset - MICRODATA_PAGE))}>
              {t('researchAccess.microdata.previous')}
            </Button>
            <Button variant="secondary" data-size="sm" disabled={last >= data.total || page.state === 'loading'} onClick={() => setOffset(offset + MICRODATA_PAGE)}>
              {t('researchAccess.microdata.next')}
            </Button>
          </nav>
        </>
      )}
    </div>
  );
}
