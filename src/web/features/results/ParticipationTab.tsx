/**
 * Who answered, from the release: respondents by unit (or municipality), profession, age band and
 * education, by form, and in the comparison populations; then (leaders, admins) the median completion
 * time. Every figure is the release's, withheld ones with their mark.
 */
import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { CompletionTimes } from '../../../contracts/api.js';
import type { ReleaseBody, ReleaseView } from '../../../contracts/release.js';
import { useApi } from '../../components/useApi.js';
import { CompletionTimeSection } from './CompletionTime.js';
import { REST, groupingsOf, toFigure, totalLine } from './release-model.js';
import { RestNote, ScrollTable } from './ReleaseParts.js';
import { fetchCompletionTimes } from './results.api.js';
import { useReleaseText } from './useReleaseText.js';
import { CountText } from './Withheld.js';

export function ParticipationTab({ view, body, completionFor }: { view: ReleaseView; body: ReleaseBody; completionFor: string | null | false }) {
  const { t } = useTranslation();
  const text = useReleaseText(body);
  const k = view.k;
  const total = toFigure(body.respondents);
  const formInfo = body.info.find((i) => i.kind === 'form');
  const formAnswer = formInfo ? body.answers[formInfo.id] : undefined;
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('results.participation.headingReleased')}
      </Heading>
      <Paragraph>
        {t('results.participation.releasedIntro', { subject: view.subject.name })} <CountText figure={total} k={k} />
      </Paragraph>
      {groupingsOf(body).map((g) => {
        const grouping = body.groupings[g]!;
        return (
          <section key={g} className="stack">
            <ScrollTable caption={t('results.participation.byGrouping', { grouping: text.groupingInText(g), subject: view.subject.name })}>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{text.grouping(g)}</Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="num">
                    {t('results.participation.respondents')}
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {grouping.groups.map((group) => (
                  <Table.Row key={group.id}>
                    <Table.HeaderCell scope="row">{text.group(g, group.id)}</Table.HeaderCell>
                    <Table.Cell className="num">
                      <CountText figure={toFigure(group.figure)} base={total} k={k} />
                    </Table.Cell>
                  </Table.Row>
                ))}
                {grouping.rest && (
                  <Table.Row>
                    <Table.HeaderCell scope="row">{text.group(g, REST)}</Table.HeaderCell>
                    <Table.Cell className="num">
                      <CountText figure={grouping.rest.n} base={total} k={k} />
                    </Table.Cell>
                  </Table.Row>
                )}
              </Table.Body>
              {g !== 'unit' || !view.unitId ? (
                <Table.Foot>
                  <Table.Row className="row--total">
                    <Table.HeaderCell scope="row">{t('results.total', { subject: view.subject.name })}</Table.HeaderCell>
                    <Table.Cell className="num">
                      <CountText figure={total} k={k} />
                    </Table.Cell>
                  </Table.Row>
                </Table.Foot>
              ) : null}
            </ScrollTable>
            <RestNote grouping={g} text={text} k={k} />
          </section>
        );
      })}
      {formInfo && formAnswer && (
        <ScrollTable caption={t('results.participation.byForm')}>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t('results.participation.form')}</Table.HeaderCell>
              <Table.HeaderCell scope="col" className="num">
                {t('results.participation.respondents')}
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {totalLine(formAnswer, formInfo).parts.map((p) => (
              <Table.Row key={p.id}>
                <Table.HeaderCell scope="row">{text.category(formInfo, p.id)}</Table.HeaderCell>
                <Table.Cell className="num">
                  <CountText figure={p.figure} base={total} k={k} />
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </ScrollTable>
      )}
      {view.benchmarks.length > 0 && (
        <ScrollTable caption={t('results.participation.benchmarks')}>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t('results.participation.population')}</Table.HeaderCell>
              <Table.HeaderCell scope="col" className="num">
                {t('results.participation.responses')}
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {view.benchmarks.map((b) => (
              <Table.Row key={b.kind}>
                <Table.HeaderCell scope="row">{text.benchmark(b.kind)}</Table.HeaderCell>
                <Table.Cell className="num">
                  <CountText figure={toFigure(b.respondents)} k={k} />
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </ScrollTable>
      )}
      {completionFor !== false && <CompletionTimesPart waveId={view.waveId} municipalityId={completionFor} />}
    </div>
  );
}

function CompletionTimesPart({ waveId, municipalityId }: { waveId: string; municipalityId: string | null }) {
  const times = useApi<CompletionTimes>(`completion-${waveId}-${municipalityId ?? ''}`, () => fetchCompletionTimes(waveId, municipalityId));
  if (!times.data) return null;
  return <CompletionTimeSection forms={times.data.forms} k={times.data.kMin} />;
}
