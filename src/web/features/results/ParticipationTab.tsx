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
import type { Figure } from '../../components/charts/types.js';
import { REST, groupingsOf, toFigure, totalLine } from './release-model.js';
import { RestNote } from './ReleaseParts.js';
import { ScrollTable } from '../../components/ScrollTable.js';
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
        const rows: CountRow[] = grouping.groups.map((group) => ({ id: group.id, label: text.group(g, group.id), figure: toFigure(group.figure), base: total }));
        if (grouping.rest) rows.push({ id: REST, label: text.group(g, REST), figure: grouping.rest.n, base: total });
        return (
          <section key={g} className="stack">
            <CountTable
              caption={t('results.participation.byGrouping', { grouping: text.groupingInText(g), subject: view.subject.name })}
              label={text.grouping(g)}
              value={t('results.participation.respondents')}
              rows={rows}
              total={g !== 'unit' || !view.unitId ? { label: t('results.total', { subject: view.subject.name }), figure: total } : undefined}
              k={k}
            />
            <RestNote grouping={g} text={text} k={k} />
          </section>
        );
      })}
      {formInfo && formAnswer && (
        <CountTable
          caption={t('results.participation.byForm')}
          label={t('results.participation.form')}
          value={t('results.participation.respondents')}
          rows={totalLine(formAnswer, formInfo).parts.map((p) => ({ id: p.id, label: text.category(formInfo, p.id), figure: p.figure, base: total }))}
          k={k}
        />
      )}
      {view.benchmarks.length > 0 && (
        <CountTable
          caption={t('results.participation.benchmarks')}
          label={t('results.participation.population')}
          value={t('results.participation.responses')}
          rows={view.benchmarks.map((b) => ({ id: b.kind, label: text.benchmark(b.kind), figure: toFigure(b.respondents) }))}
          k={k}
        />
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

interface CountRow {
  id: string;
  label: string;
  figure: Figure;
  /** The count's base, for its share. */
  base?: Figure;
}

/** A two-column table of counts (group, respondents), with an optional total row. */
function CountTable({ caption, label, value, rows, total, k }: { caption: string; label: string; value: string; rows: CountRow[]; total?: { label: string; figure: Figure }; k: number }) {
  return (
    <ScrollTable caption={caption} className="results-table" size="sm">
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell scope="col">{label}</Table.HeaderCell>
          <Table.HeaderCell scope="col" className="num">
            {value}
          </Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((r) => (
          <Table.Row key={r.id}>
            <Table.HeaderCell scope="row">{r.label}</Table.HeaderCell>
            <Table.Cell className="num">
              <CountText figure={r.figure} base={r.base} k={k} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
      {total && (
        <Table.Foot>
          <Table.Row className="row--total">
            <Table.HeaderCell scope="row">{total.label}</Table.HeaderCell>
            <Table.Cell className="num">
              <CountText figure={total.figure} k={k} />
            </Table.Cell>
          </Table.Row>
        </Table.Foot>
      )}
    </ScrollTable>
  );
}
