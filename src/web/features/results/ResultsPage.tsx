/**
 * Results from the wave's frozen release (GET /waves/:id/release, docs/disclosure.md) for a municipality's
 * leader (their municipality), a unit leader (their unit and the municipality total), a region coordinator
 * (the region, a row per member municipality) and a platform admin (the municipality they pick). While a
 * wave runs, leaders and admins follow live participation; the results come once the wave has closed and
 * its release is built. The release is shown in tabs: participation, scores, questions, technologies,
 * training and change. Every withheld figure carries a mark that says why, explained in a legend.
 */
import { Heading, Paragraph, Spinner, Tabs } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, Wave } from '../../../contracts/api.js';
import type { ReleaseView } from '../../../contracts/release.js';
import { ApiError } from '../../api.js';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useFormat } from '../../i18n/index.js';
import { waveStatusKeys } from '../../i18n/keys.js';
import { navigate, useLocation } from '../../router.js';
import { useSession } from '../auth/session.js';
import { ChangeTab } from './ChangeTab.js';
import { ItemsTab } from './ItemsTab.js';
import { LiveParticipation } from './LiveParticipation.js';
import { LoadFailed } from './LoadFailed.js';
import { ParticipationTab } from './ParticipationTab.js';
import { ReportLinks } from './ReportLinks.js';
import { groupingsOf } from './release-model.js';
import { fetchMunicipalities, fetchRelease, fetchWaves } from './results.api.js';
import { ScoresTab } from './ScoresTab.js';
import { TechnologiesTab } from './TechnologiesTab.js';
import { TrainingTab } from './TrainingTab.js';
import { WithheldLegend } from './Withheld.js';
import './results.css';

const TABS = ['participation', 'scores', 'items', 'technologies', 'training', 'change'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => TABS.includes(value as Tab);

/** Roles that follow live participation (the municipality's own counts while the wave runs). */
const LIVE_ROLES: readonly Role[] = ['platform_admin', 'municipality_leader'];

/**
 * The wave to start with: for those who follow participation the open one, for the others (who see only
 * released results) the latest that has closed; else the latest.
 */
function defaultWave(waves: Wave[], live: boolean): Wave | undefined {
  const latest = [...waves].sort((a, b) => b.opensAt.localeCompare(a.opensAt));
  return (live ? latest.find((w) => w.status === 'open') : latest.find((w) => w.status === 'closed')) ?? latest[0];
}

export function ResultsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const role = session?.account.role;
  const isAdmin = role === 'platform_admin';
  const live = role !== undefined && LIVE_ROLES.includes(role);
  useDocumentTitle(t('results.title'));

  const waves = useApi('waves', fetchWaves);
  const municipalities = useApi(isAdmin ? 'municipalities' : null, fetchMunicipalities);
  // The wave and (admin) municipality are kept in the address, so that a reload or a shared link keeps them.
  const { search } = useLocation();
  const choose = (key: 'wave' | 'municipality', value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    navigate(`/results?${next.toString()}`, { replace: true, keepFocus: true });
  };
  const waveId = search.get('wave') ?? (waves.state === 'ready' ? (defaultWave(waves.data, live)?.id ?? '') : '');
  const municipalityId = search.get('municipality') ?? (isAdmin && municipalities.state === 'ready' ? (municipalities.data[0]?.id ?? '') : '');
  const setWaveId = (id: string) => choose('wave', id);
  const setMunicipalityId = (id: string) => choose('municipality', id);

  const wave = waves.data?.find((w) => w.id === waveId);
  const scope = isAdmin ? municipalityId || null : null;
  const municipalityName = municipalities.data?.find((m) => m.id === municipalityId)?.name;
  const ready = wave && (!isAdmin || scope);

  return (
    <div className="stack results">
      <Heading level={1} data-size="lg">
        {t('results.title')}
      </Heading>
      {waves.state === 'failed' && <LoadFailed />}
      {waves.state === 'ready' && waves.data.length === 0 && <Paragraph>{t('results.noWaves')}</Paragraph>}
      <div className="filters">
        {isAdmin && municipalities.data && (
          <SelectField
            id="results-municipality"
            width="auto"
            label={t('results.municipality')}
            value={municipalityId}
            onChange={setMunicipalityId}
            options={municipalities.data.map((m) => ({ value: m.id, label: m.name }))}
          />
        )}
        {waves.data && waves.data.length > 0 && (
          <SelectField
            id="results-wave"
            width="auto"
            label={t('results.wave')}
            value={waveId}
            onChange={setWaveId}
            options={waves.data.map((w) => ({ value: w.id, label: `${w.label} (${t(waveStatusKeys[w.status])})` }))}
          />
        )}
      </div>
      {wave && <Paragraph data-size="sm">{t('results.wavePeriod', { opens: format.date(wave.opensAt), closes: format.date(wave.closesAt) })}</Paragraph>}
      {ready && <WaveResults key={`${wave.id}-${scope ?? ''}`} wave={wave} municipalityId={scope} municipalityName={municipalityName} live={live} />}
    </div>
  );
}

function WaveResults({ wave, municipalityId, municipalityName, live }: { wave: Wave; municipalityId: string | null; municipalityName?: string; live: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const release = useApi<ReleaseView>(`release-${wave.id}-${municipalityId ?? ''}`, () => fetchRelease(wave.id, municipalityId));
  const view = release.data;
  const released = view?.status === 'released' && view.own;
  return (
    <>
      {live && wave.status !== 'closed' && !released && <LiveParticipation wave={wave} municipalityId={municipalityId} municipalityName={municipalityName} />}
      {release.state === 'failed' && !(release.error instanceof ApiError && release.error.status === 404) && <LoadFailed />}
      {release.state === 'failed' && release.error instanceof ApiError && release.error.status === 404 && <Paragraph>{t('results.notParticipating')}</Paragraph>}
      {!view && release.state === 'loading' && <Spinner aria-label={t('common.loading')} />}
      {view && !released && (
        <section aria-labelledby="not-released-heading" className="stack">
          <Heading level={2} data-size="sm" id="not-released-heading">
            {t('results.notReleased.heading')}
          </Heading>
          <Paragraph>
            {wave.status === 'closed'
              ? t('results.notReleased.closed', { k: view.k })
              : t('results.notReleased.open', { date: format.date(wave.closesAt), k: view.k })}
          </Paragraph>
          {wave.status === 'closed' && (
            <Paragraph data-size="sm">{t('results.notReleased.reload')}</Paragraph>
          )}
        </section>
      )}
      {view && released && <ReleasedResults view={view} municipalityId={municipalityId} live={live} />}
    </>
  );
}

function ReleasedResults({ view, municipalityId, live }: { view: ReleaseView; municipalityId: string | null; live: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { search } = useLocation();
  const body = view.own!;
  const groupings = groupingsOf(body);
  const [grouping, setGrouping] = useState(groupings.includes('unit') ? 'unit' : groupings.includes('municipality') ? 'municipality' : (groupings[0] ?? 'unit'));
  const requested = search.get('tab');
  const tab: Tab = isTab(requested) ? requested : 'participation';
  const unitName = view.unitId ? body.groupings.unit?.groups.find((g) => g.id === view.unitId)?.name : null;
  const labels: Record<Tab, string> = {
    participation: t('results.tabs.participation'),
    scores: t('results.tabs.scores'),
    items: t('results.tabs.items'),
    technologies: t('results.tabs.technologies'),
    training: t('results.tabs.training'),
    change: t('results.tabs.change'),
  };
  // Keep the tab in the address (reload and links keep it) without a history entry, a jump or a focus move.
  const choose = (value: string) => {
    if (!isTab(value)) return;
    const next = new URLSearchParams(search);
    next.set('tab', value);
    navigate(`/results?${next.toString()}`, { replace: true, keepFocus: true });
  };
  const props = { view, body, grouping, setGrouping };

  return (
    <section className="stack" aria-labelledby="release-heading">
      <div className="release-head">
        <Heading level={2} data-size="md" id="release-heading">
          {view.subject.kind === 'region'
            ? t('results.subject.region', { name: view.subject.name, wave: view.waveLabel })
            : t('results.subject.municipality', { name: view.subject.name, wave: view.waveLabel })}
        </Heading>
        {unitName && <Paragraph>{t('results.subject.unit', { unit: unitName, municipality: view.subject.name })}</Paragraph>}
        {view.subject.kind === 'region' && <Paragraph>{t('results.subject.regionIntro')}</Paragraph>}
        <Paragraph data-size="sm" className="muted">
          {view.releasedAt && t('results.released', { date: format.date(view.releasedAt), k: view.k })}
          {view.early && ` ${t('results.releasedEarly')}`}
        </Paragraph>
        <ReportLinks waveId={view.waveId} municipalityId={municipalityId} />
      </div>
      <WithheldLegend k={view.k} />
      <Tabs value={tab} onChange={choose} data-size="sm" className="results-tabs">
        <Tabs.List>
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {labels[value]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="participation">
          {tab === 'participation' && <ParticipationTab view={view} body={body} completionFor={live ? municipalityId : false} />}
        </Tabs.Panel>
        <Tabs.Panel value="scores">{tab === 'scores' && <ScoresTab {...props} />}</Tabs.Panel>
        <Tabs.Panel value="items">{tab === 'items' && <ItemsTab {...props} />}</Tabs.Panel>
        <Tabs.Panel value="technologies">{tab === 'technologies' && <TechnologiesTab {...props} />}</Tabs.Panel>
        <Tabs.Panel value="training">{tab === 'training' && <TrainingTab {...props} />}</Tabs.Panel>
        <Tabs.Panel value="change">{tab === 'change' && <ChangeTab {...props} />}</Tabs.Panel>
      </Tabs>
    </section>
  );
}
