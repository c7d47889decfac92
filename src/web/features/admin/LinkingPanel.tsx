/**
 * Wave linking for the platform admin: per municipality, how many of a wave's answers are linked to
 * the same person's answer in the earlier wave, by which method (receipt code, remembered browser,
 * code questions), how many are not, and how many share a code with another answer (flagged for the
 * researcher, never linked or deleted). The code questions are matched on request.
 */
import { Alert, Button, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkingStats, Wave } from '../../../contracts/api.js';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { NetworkError } from '../../api.js';
import { useFormat } from '../../i18n/index.js';
import { fetchLinking, matchCodes } from './admin.api.js';
import { DoneMessage } from './shared.js';

type Row = LinkingStats['municipalities'][number];
const COUNTS = ['receipt', 'device', 'code', 'unlinked', 'duplicates'] as const;
const countOf = (row: Row, key: (typeof COUNTS)[number]) =>
  key === 'unlinked' || key === 'duplicates' ? row[key] : row.linked[key];

export function LinkingPanel({ waves }: { waves: Wave[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  // The wave being answered now is the one whose links are of interest; otherwise the latest.
  const [waveId, setWaveId] = useState(waves.find((w) => w.status === 'open')?.id ?? waves.at(-1)?.id ?? '');
  const loaded = useApi<LinkingStats>(waveId || null, () => fetchLinking(waveId));
  const [matched, setMatched] = useState<LinkingStats | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    setMatched(null);
    setDone('');
    setError('');
  }, [waveId]);
  const stats = matched ?? loaded.data;

  const match = async () => {
    if (busy) return;
    setBusy(true);
    setDone('');
    setError('');
    try {
      setMatched(await matchCodes(waveId));
      setDone(t('admin.linking.matched'));
    } catch (caught) {
      setError(caught instanceof NetworkError ? t('common.networkError') : caught instanceof Error && caught.message ? caught.message : t('common.unknownError'));
    } finally {
      setBusy(false);
    }
  };

  const labels: Record<(typeof COUNTS)[number], string> = {
    receipt: t('admin.linking.receipt'),
    device: t('admin.linking.device'),
    code: t('admin.linking.code'),
    unlinked: t('admin.linking.unlinked'),
    duplicates: t('admin.linking.duplicates'),
  };
  /** "12 (34 %)": the count and its share of the municipality's answers. */
  const cell = (count: number, responses: number) => (responses > 0 ? `${format.number(count)} (${format.percent(count / responses)})` : format.number(count));
  const rows = stats?.municipalities ?? [];
  const total: Row = {
    municipalityId: 'total',
    name: t('admin.linking.total'),
    responses: rows.reduce((s, r) => s + r.responses, 0),
    linked: {
      receipt: rows.reduce((s, r) => s + r.linked.receipt, 0),
      device: rows.reduce((s, r) => s + r.linked.device, 0),
      code: rows.reduce((s, r) => s + r.linked.code, 0),
    },
    unlinked: rows.reduce((s, r) => s + r.unlinked, 0),
    duplicates: rows.reduce((s, r) => s + r.duplicates, 0),
  };
  const figures = (row: Row) => (
    <>
      <Table.Cell className="num">{format.number(row.responses)}</Table.Cell>
      {COUNTS.map((key) => (
        <Table.Cell key={key} className="num">
          {cell(countOf(row, key), row.responses)}
        </Table.Cell>
      ))}
    </>
  );

  return (
    <div className="stack">
      <SelectField id="linking-wave" width="auto" label={t('admin.linking.wave')} value={waveId} onChange={setWaveId} options={waves.map((w) => ({ value: w.id, label: w.label }))} />
      <Paragraph>{t('admin.linking.intro')}</Paragraph>
      {loaded.state === 'loading' && !stats && <Spinner aria-label={t('common.loading')} />}
      {loaded.state === 'failed' && !stats && (
        <Alert data-color="warning">
          <Paragraph>{t('admin.loadFailed')}</Paragraph>
        </Alert>
      )}
      {stats && !stats.earlierWave && <Paragraph>{t('admin.linking.noEarlierWave')}</Paragraph>}
      {stats && stats.earlierWave && (
        <>
          <div className="table-scroll" role="region" aria-labelledby="linking-caption" tabIndex={0}>
            <Table zebra border className="admin-table linking-table">
              <caption id="linking-caption">{t('admin.linking.caption', { earlier: stats.earlierWave.label })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('admin.linking.municipality')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="num">
                    {t('admin.linking.responses')}
                  </Table.HeaderCell>
                  {COUNTS.map((key) => (
                    <Table.HeaderCell key={key} scope="col" className="num">
                      {labels[key]}
                    </Table.HeaderCell>
                  ))}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {rows.map((row) => (
                  <Table.Row key={row.municipalityId}>
                    <Table.HeaderCell scope="row">{row.name}</Table.HeaderCell>
                    {figures(row)}
                  </Table.Row>
                ))}
              </Table.Body>
              {rows.length > 1 && (
                <Table.Foot>
                  <Table.Row>
                    <Table.HeaderCell scope="row">{total.name}</Table.HeaderCell>
                    {figures(total)}
                  </Table.Row>
                </Table.Foot>
              )}
            </Table>
          </div>
          <Paragraph data-size="sm" className="muted">
            {t('admin.linking.duplicatesHelp')}
          </Paragraph>
          <div className="stack">
            <Paragraph>{t('admin.linking.matchHelp')}</Paragraph>
            <Button onClick={() => void match()} loading={busy} aria-disabled={busy || undefined}>
              {t('admin.linking.match')}
            </Button>
            {error && (
              <Alert data-color="danger">
                <Paragraph>{error}</Paragraph>
              </Alert>
            )}
            <DoneMessage text={done} />
          </div>
        </>
      )}
    </div>
  );
}
