/**
 * Whether a municipality's staff answers count in region and national benchmarks, per project: the
 * municipality is the data controller and decides. A switch per project; every change is audited.
 */
import { Heading, Paragraph, Spinner, Switch } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../components/useApi.js';
import { fetchBenchmarks, setBenchmark } from './accounts.api.js';

export function BenchmarkPanel({ municipalityId, municipalityName }: { municipalityId: string; municipalityName: string }) {
  const { t } = useTranslation();
  const choices = useApi(`benchmarks:${municipalityId}`, () => fetchBenchmarks(municipalityId));
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const toggle = async (projectId: string, projectName: string, optIn: boolean) => {
    setBusy(projectId);
    setStatus('');
    try {
      await setBenchmark(municipalityId, projectId, optIn);
      await choices.reload();
      setStatus(optIn ? t('benchmarks.savedIn', { project: projectName }) : t('benchmarks.savedOut', { project: projectName }));
    } catch {
      setStatus(t('common.unknownError'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="stack" aria-labelledby={`benchmarks-${municipalityId}`}>
      <Heading level={2} data-size="sm" id={`benchmarks-${municipalityId}`}>
        {t('benchmarks.title', { municipality: municipalityName })}
      </Heading>
      <Paragraph>{t('benchmarks.intro')}</Paragraph>
      {!choices.data && choices.state === 'loading' && <Spinner aria-label={t('common.loading')} />}
      {choices.data?.length === 0 && <Paragraph>{t('benchmarks.none')}</Paragraph>}
      {choices.data?.map((c) => (
        <Switch
          key={c.projectId}
          label={c.projectName}
          description={c.optIn ? t('benchmarks.in') : t('benchmarks.out')}
          checked={c.optIn}
          disabled={busy === c.projectId}
          onChange={(e) => void toggle(c.projectId, c.projectName, e.target.checked)}
        />
      ))}
      <Paragraph role="status" data-size="sm">
        {status}
      </Paragraph>
    </section>
  );
}
