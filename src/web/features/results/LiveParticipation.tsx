/**
 * Participation while a wave runs (leaders and admins): responses against staff per unit, refreshed every
 * 30 s while the page is visible, with the median completion time per form. These are live counts, not a
 * release: only the municipality's leaders see them.
 */
import { Button, Heading, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participation, Wave } from '../../../contracts/api.js';
import { useApi } from '../../components/useApi.js';
import { useFormat } from '../../i18n/index.js';
import { CompletionTimeSection } from './CompletionTime.js';
import { LoadFailed } from './LoadFailed.js';
import { fetchParticipation } from './results.api.js';

const REFRESH_MS = 30_000;

export function LiveParticipation({ wave, municipalityId, municipalityName }: { wave: Wave; municipalityId: string | null; municipalityName?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const participation = useApi<Participation>(`${wave.id}-${municipalityId ?? ''}`, () => fetchParticipation(wave.id, municipalityId));
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [announce, setAnnounce] = useState('');
  const { reload } = participation;

  useEffect(() => {
    if (participation.state === 'ready') setUpdatedAt(new Date());
  }, [participation.state, participation.data]);

  // Refresh while the page is open and visible.
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const refresh = async () => {
    await reload();
    setAnnounce(t('results.participation.refreshed', { time: format.time(new Date()) }));
  };

  const rate = (responses: number, staff: number) => (staff > 0 ? format.percent(responses / staff) : t('results.participation.noStaff'));
  const data = participation.data;
  return (
    <section aria-labelledby="participation-heading" className="stack">
      <div className="section-head">
        <Heading level={2} data-size="sm" id="participation-heading">
          {t('results.participation.heading')}
        </Heading>
        <Button variant="secondary" data-size="sm" onClick={() => void refresh()} loading={participation.state === 'loading' && !!data}>
          {t('results.participation.refresh')}
        </Button>
      </div>
      <Paragraph data-size="sm" role="status" className="muted">
        {announce}
      </Paragraph>
      {participation.state === 'failed' && <LoadFailed />}
      {!data && participation.state === 'loading' && <Spinner aria-label={t('common.loading')} />}
      {data && updatedAt && (
        <Paragraph data-size="sm" className="muted">
          {t('results.participation.updated', { time: format.time(updatedAt) })}
        </Paragraph>
      )}
      {data && (
        <div className="table-scroll" role="region" aria-labelledby="participation-caption" tabIndex={0}>
          <Table zebra border data-size="sm" className="results-table live-participation">
            <caption id="participation-caption">{t('results.participation.caption', { wave: wave.label, municipality: municipalityName ?? '' })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('results.groupings.unit')}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">
                  {t('results.participation.responses')}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">
                  {t('results.participation.staff')}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">
                  {t('results.participation.rate')}
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {data.units.map((unit) => (
                <Table.Row key={unit.unitId ?? 'none'}>
                  <Table.HeaderCell scope="row">{unit.name ?? t('results.groups.noUnit')}</Table.HeaderCell>
                  <Table.Cell className="num">{format.number(unit.responses)}</Table.Cell>
                  <Table.Cell className="num">{format.number(unit.staff)}</Table.Cell>
                  <Table.Cell className="num">{rate(unit.responses, unit.staff)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
            <Table.Foot>
              <Table.Row className="row--total">
                <Table.HeaderCell scope="row">{t('results.participation.total')}</Table.HeaderCell>
                <Table.Cell className="num">{format.number(data.responses)}</Table.Cell>
                <Table.Cell className="num">{format.number(data.staff)}</Table.Cell>
                <Table.Cell className="num">{rate(data.responses, data.staff)}</Table.Cell>
              </Table.Row>
            </Table.Foot>
          </Table>
        </div>
      )}
      {data && <CompletionTimeSection forms={data.completionTime.forms} k={data.completionTime.kMin} />}
    </section>
  );
}
