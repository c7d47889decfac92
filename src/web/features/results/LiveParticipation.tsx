/**
 * Participation while a wave runs (leaders and admins): responses against staff per unit, refreshed every
 * 30 s while the page is visible, the response rate day by day (the municipality or one unit) and the
 * median completion time per form. These are live counts, not a release: only the municipality's leaders
 * see them, and only by unit — the unit comes from the survey link, whereas a breakdown by profession (an
 * answer) waits for the frozen release, since counts that grow day by day could be subtracted
 * (docs/disclosure.md, "When, and only once").
 */
import { Button, Heading, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participation, Wave } from '../../../contracts/api.js';
import { LineChart } from '../../components/charts/index.js';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { useFormat } from '../../i18n/index.js';
import { CompletionTimeSection } from './CompletionTime.js';
import { LoadFailed } from './LoadFailed.js';
import { participationLine } from './participation-timeline.js';
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
            <caption id="participation-caption">
              {municipalityName ? t('results.participation.caption', { wave: wave.label, municipality: municipalityName }) : t('results.participation.captionOwn', { wave: wave.label })}
            </caption>
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
      {data && <ParticipationByDay data={data} wave={wave} />}
      {data && <CompletionTimeSection forms={data.completionTime.forms} k={data.completionTime.kMin} />}
    </section>
  );
}

/** The response rate day by day since the wave opened, for the whole municipality or a unit the leader picks. */
function ParticipationByDay({ data, wave }: { data: Participation; wave: Wave }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [unitId, setUnitId] = useState('');
  // A unit without a staff count has no rate; responses without a unit count only in the whole municipality.
  const units = data.units.filter((u): u is typeof u & { unitId: string } => u.unitId !== null && u.staff > 0);
  const unit = units.find((u) => u.unitId === unitId);
  const subject = unit ? { name: unit.name ?? '', staff: unit.staff, responses: unit.responses } : { name: t('results.participation.total'), staff: data.staff, responses: data.responses };
  const points = participationLine(data, subject.staff, unit ? unit.unitId : null);
  return (
    <section aria-labelledby="participation-days-heading" className="stack">
      <Heading level={3} data-size="xs" id="participation-days-heading">
        {t('results.participation.byDay.heading')}
      </Heading>
      {data.staff <= 0 ? (
        <Paragraph data-size="sm">{t('results.participation.byDay.noStaff')}</Paragraph>
      ) : points.length === 0 ? (
        <Paragraph data-size="sm">{t('results.participation.byDay.notOpen')}</Paragraph>
      ) : (
        <>
          {units.length > 1 && (
            <SelectField
              id="participation-days-unit"
              width="auto"
              label={t('results.participation.byDay.show')}
              value={unit ? unit.unitId : ''}
              onChange={setUnitId}
              emptyLabel={t('results.participation.total')}
              options={units.map((u) => ({ value: u.unitId, label: u.name ?? '' }))}
            />
          )}
          <LineChart
            caption={t('results.participation.byDay.caption', { wave: wave.label, subject: subject.name })}
            base={subject.responses}
            k={data.completionTime.kMin}
            valueLabel={t('results.participation.rate')}
            points={points}
            note={t('results.participation.byDay.note', { staff: format.number(subject.staff) })}
          />
        </>
      )}
    </section>
  );
}
