/**
 * Platform administration in tabs: regions, municipalities, units, accounts, waves, local systems,
 * survey links, wave linking, benchmark opt-in, research export.
 * The chosen tab is kept in the address (?tab=…) so that reloading or going back keeps it; ?qr=…
 * shows the printable QR sheet of one link.
 */
import { Alert, Heading, Paragraph, Spinner, Tabs } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../components/useApi.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { navigate, useLocation } from '../../router.js';
import { ExportPanel } from '../research/ExportPanel.js';
import { AccountsPanel } from '../accounts/AccountsPanel.js';
import { AdminBenchmarksPanel } from './AdminBenchmarksPanel.js';
import { fetchMunicipalities, fetchRegions, fetchWaves } from './admin.api.js';
import { LinkingPanel } from './LinkingPanel.js';
import { LinksPanel, QrSheet } from './LinksPanel.js';
import { LocalItemsPanel } from './LocalItemsPanel.js';
import { MunicipalitiesPanel, RegionsPanel, UnitsPanel } from './OrganisationPanels.js';
import { WavesPanel } from './WavesPanel.js';
import './admin.css';

const TABS = ['municipalities', 'units', 'accounts', 'waves', 'local', 'links', 'linking', 'benchmarks', 'export', 'regions'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => TABS.includes(value as Tab);

export function AdminPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const regions = useApi('regions', fetchRegions);
  const municipalities = useApi('municipalities', fetchMunicipalities);
  const waves = useApi('waves', fetchWaves);
  const requested = search.get('tab');
  const tab: Tab = isTab(requested) ? requested : 'municipalities';
  const qr = search.get('qr');
  const qrWave = search.get('wave');
  useDocumentTitle(t('admin.title'));

  if (qr && qrWave) return <QrSheet linkId={qr} waveId={qrWave} municipalities={municipalities.data ?? []} />;

  const failed = [regions, municipalities, waves].some((r) => r.state === 'failed');
  const regionList = regions.data;
  const municipalityList = municipalities.data;
  const waveList = waves.data;
  const ready = regionList && municipalityList && waveList;
  const labels: Record<Tab, string> = {
    municipalities: t('admin.tabs.municipalities'),
    units: t('admin.tabs.units'),
    accounts: t('admin.tabs.accounts'),
    waves: t('admin.tabs.waves'),
    local: t('admin.tabs.local'),
    links: t('admin.tabs.links'),
    linking: t('admin.tabs.linking'),
    benchmarks: t('admin.tabs.benchmarks'),
    export: t('admin.tabs.export'),
    regions: t('admin.tabs.regions'),
  };

  // Keep the tab in the address (reload and links keep it) without a history entry, a jump or a focus move.
  const choose = (value: string) => {
    if (isTab(value)) navigate(`/admin?tab=${value}`, { replace: true, keepFocus: true });
  };

  return (
    <div className="stack admin">
      <Heading level={1} data-size="lg">
        {t('admin.title')}
      </Heading>
      <Paragraph>{t('admin.intro')}</Paragraph>
      {failed && (
        <Alert data-color="warning">
          <Paragraph>{t('admin.loadFailed')}</Paragraph>
        </Alert>
      )}
      {!ready && !failed && <Spinner aria-label={t('common.loading')} data-size="lg" />}
      {ready && (
        <Tabs value={tab} onChange={choose} data-size="sm">
          <Tabs.List>
            {TABS.map((value) => (
              <Tabs.Tab key={value} value={value}>
                {labels[value]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="municipalities">
            {tab === 'municipalities' && <MunicipalitiesPanel municipalities={municipalityList} regions={regionList} reload={municipalities.reload} />}
          </Tabs.Panel>
          <Tabs.Panel value="units">
            {tab === 'units' && <UnitsPanel municipalities={municipalityList} />}
          </Tabs.Panel>
          <Tabs.Panel value="accounts">
            {tab === 'accounts' && <AccountsPanel scope="platform" municipalities={municipalityList} regions={regionList} />}
          </Tabs.Panel>
          <Tabs.Panel value="waves">
            {tab === 'waves' && <WavesPanel waves={waveList} reload={waves.reload} />}
          </Tabs.Panel>
          <Tabs.Panel value="local">
            {tab === 'local' && <LocalItemsPanel waves={waveList} municipalities={municipalityList} />}
          </Tabs.Panel>
          <Tabs.Panel value="links">
            {tab === 'links' && <LinksPanel waves={waveList} municipalities={municipalityList} />}
          </Tabs.Panel>
          <Tabs.Panel value="linking">
            {tab === 'linking' && <LinkingPanel waves={waveList} />}
          </Tabs.Panel>
          <Tabs.Panel value="benchmarks">
            {tab === 'benchmarks' && <AdminBenchmarksPanel municipalities={municipalityList} />}
          </Tabs.Panel>
          <Tabs.Panel value="export">
            {tab === 'export' && <ExportPanel waves={waveList} />}
          </Tabs.Panel>
          <Tabs.Panel value="regions">
            {tab === 'regions' && <RegionsPanel regions={regionList} reload={regions.reload} />}
          </Tabs.Panel>
        </Tabs>
      )}
    </div>
  );
}
