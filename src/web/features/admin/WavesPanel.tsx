// Waves: which project, which instrument version, when the survey opens and closes, and how long answering took.
import { Button, Heading, Spinner, Table, Textfield } from '@digdir/designsystemet-react';
import { ListTable } from '../../components/ScrollTable.js';
import { SelectField } from '../../components/SelectField.js';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompletionTimes, InstrumentVersion, Project, Wave } from '../../../contracts/api.js';
import { FormErrorSummary } from '../../components/FormErrorSummary.js';
import { useApi } from '../../components/useApi.js';
import { useFormat, useLanguage } from '../../i18n/index.js';
import { waveStatusKeys } from '../../i18n/keys.js';
import { CompletionTimeList } from '../results/CompletionTime.js';
import { createWave, fetchCompletionTimes, fetchInstruments, fetchProjects } from './admin.api.js';
import { DoneMessage, localInputToIso, useAdminForm } from './shared.js';

export function WavesPanel({ waves, reload }: { waves: Wave[]; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const projects = useApi<Project[]>('projects', fetchProjects);
  const instruments = useApi<InstrumentVersion[]>('instruments', fetchInstruments);
  const [projectId, setProjectId] = useState('');
  const [label, setLabel] = useState('');
  const [instrument, setInstrument] = useState('');
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const fields = ['projectId', 'label', 'instrument', 'opensAt', 'closesAt'] as const;
  const { form, busy, done, submit, ids, summary } = useAdminForm('wave', fields);
  const projectName = (id: string) => projects.data?.find((p) => p.id === id)?.name ?? '';
  const instrumentKey = (i: { instrumentId: string; instrumentVersion: string }) => `${i.instrumentId}@${i.instrumentVersion}`;
  const chosenProject = projectId || projects.data?.[0]?.id || '';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const opens = localInputToIso(opensAt);
    const closes = localInputToIso(closesAt);
    const [instrumentId, instrumentVersion] = instrument.split('@');
    void submit(
      () => ({
        ...(chosenProject ? {} : { projectId: t('admin.errors.choose') }),
        ...(label.trim() ? {} : { label: t('admin.errors.required') }),
        ...(instrumentId && instrumentVersion ? {} : { instrument: t('admin.errors.choose') }),
        ...(opens ? {} : { opensAt: t('admin.errors.dateTime') }),
        ...(!closes ? { closesAt: t('admin.errors.dateTime') } : opens && closes <= opens ? { closesAt: t('admin.waves.closesAfterOpens') } : {}),
      }),
      async () => {
        await createWave({ projectId: chosenProject, label: label.trim(), instrumentId: instrumentId!, instrumentVersion: instrumentVersion!, opensAt: opens!, closesAt: closes! });
        setLabel('');
        await reload();
        return t('admin.waves.created');
      },
    );
  };

  // Server errors name instrumentId / instrumentVersion; both belong to our one select.
  const instrumentError = form.errors.instrument;

  return (
    <div className="stack">
      <ListTable
        captionId="waves-caption"
        caption={t('admin.waves.caption')}
        columns={[
          t('admin.waves.label'),
          t('admin.waves.project'),
          t('admin.waves.instrument'),
          t('admin.waves.opensAt'),
          t('admin.waves.closesAt'),
          t('admin.waves.status'),
          t('admin.waves.completion'),
        ]}
      >
        {waves.map((wave) => (
          <Table.Row key={wave.id}>
            <Table.HeaderCell scope="row">{wave.label}</Table.HeaderCell>
            <Table.Cell>{projectName(wave.projectId)}</Table.Cell>
            <Table.Cell>{`${wave.instrumentId} ${wave.instrumentVersion}`}</Table.Cell>
            <Table.Cell>{format.dateTime(wave.opensAt)}</Table.Cell>
            <Table.Cell>{format.dateTime(wave.closesAt)}</Table.Cell>
            <Table.Cell>{t(waveStatusKeys[wave.status])}</Table.Cell>
            <Table.Cell>
              <CompletionTimeCell waveId={wave.id} />
            </Table.Cell>
          </Table.Row>
        ))}
      </ListTable>
      <section aria-labelledby="wave-form-heading" className="admin-form stack">
        <Heading level={2} data-size="xs" id="wave-form-heading">
          {t('admin.waves.new')}
        </Heading>
        {(projects.state === 'loading' || instruments.state === 'loading') && <Spinner aria-label={t('common.loading')} />}
        <FormErrorSummary errors={summary} attempt={form.attempt} />
        <form noValidate onSubmit={onSubmit} className="stack form">
          <SelectField
            id={ids.projectId}
            label={t('admin.waves.project')}
            value={chosenProject}
            onChange={setProjectId}
            options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            error={form.errors.projectId}
          />
          <Textfield id={ids.label} label={t('admin.waves.label')} description={t('admin.waves.labelHelp')} maxLength={40} value={label} onChange={(e) => setLabel(e.target.value)} error={form.errors.label} />
          <SelectField
            id={ids.instrument}
            label={t('admin.waves.instrument')}
            value={instrument}
            onChange={setInstrument}
            emptyLabel={t('admin.waves.chooseInstrument')}
            options={(instruments.data ?? []).map((i) => ({
              value: instrumentKey({ instrumentId: i.id, instrumentVersion: i.version }),
              label: `${i.title[language]} ${i.version} (${i.form})`,
            }))}
            error={instrumentError}
          />
          <Textfield id={ids.opensAt} type="datetime-local" size={20} label={t('admin.waves.opensAt')} value={opensAt} onChange={(e) => setOpensAt(e.target.value)} error={form.errors.opensAt} />
          <Textfield id={ids.closesAt} type="datetime-local" size={20} label={t('admin.waves.closesAt')} value={closesAt} onChange={(e) => setClosesAt(e.target.value)} error={form.errors.closesAt} />
          <Button type="submit" loading={busy}>
            {t('admin.waves.submit')}
          </Button>
          <DoneMessage text={done} />
        </form>
      </section>
    </div>
  );
}

/** The median measured completion time per form over the whole wave (hidden below k responses). */
function CompletionTimeCell({ waveId }: { waveId: string }) {
  const { t } = useTranslation();
  const times = useApi<CompletionTimes>(`completion-${waveId}`, () => fetchCompletionTimes(waveId));
  if (times.state === 'failed') return <>{t('admin.waves.completionFailed')}</>;
  if (!times.data) return <Spinner aria-label={t('common.loading')} data-size="xs" />;
  return <CompletionTimeList forms={times.data.forms} k={times.data.kMin} />;
}
