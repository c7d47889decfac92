/**
 * The researcher's page (/research; platform admin and researcher): choose one of the projects one may
 * study, then a tab — psychometrics, change between waves, the sample description (printable, CSV) and
 * the export bundle. The project and tab are kept in the address (?project=…&tab=…).
 * A tab is one entry of TABS: an id, its label and a panel that takes the project's id.
 */
import { Alert, Heading, Paragraph, Spinner, Tabs } from '@digdir/designsystemet-react';
import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { navigate, useLocation } from '../../router.js';
import { ChangePanel } from './ChangePanel.js';
import { ExportPanel } from './ExportPanel.js';
import { ImportPanel } from './ImportPanel.js';
import { MicrodataPanel } from './MicrodataPanel.js';
import { PsychometricsPanel } from './PsychometricsPanel.js';
import { fetchResearchProjects } from './researchViews.api.js';
import { SamplePanel } from './SamplePanel.js';
import { TokensPanel } from './TokensPanel.js';
import { ResearchProjectsContext, useResearchProject } from './shared.js';
import './research.css';

/** The export bundle of the chosen project (the admin's Export tab shows the same panel with a project picker). */
function ExportTab({ projectId }: { projectId: string }) {
  const project = useResearchProject(projectId);
  return <ExportPanel projectId={projectId} waves={project?.waves ?? []} />;
}

interface ResearchTab {
  id: string;
  label: (t: TFunction) => string;
  Panel: ComponentType<{ projectId: string }>;
}

/** The tabs, in order. Add a tab with one entry here. */
const TABS: ResearchTab[] = [
  { id: 'psychometrics', label: (t) => t('research.tabs.psychometrics'), Panel: PsychometricsPanel },
  { id: 'change', label: (t) => t('research.tabs.change'), Panel: ChangePanel },
  { id: 'sample', label: (t) => t('research.tabs.sample'), Panel: SamplePanel },
  { id: 'export', label: (t) => t('research.tabs.export'), Panel: ExportTab },
  { id: 'import', label: (t) => t('researchImport.tab'), Panel: ImportPanel },
  { id: 'microdata', label: (t) => t('researchAccess.tabs.microdata'), Panel: MicrodataPanel },
  { id: 'tokens', label: (t) => t('researchAccess.tabs.tokens'), Panel: TokensPanel },
];

export function ResearchPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const projects = useApi('research-projects', fetchResearchProjects);
  useDocumentTitle(t('research.title'));

  const list = projects.data ?? [];
  const requestedProject = search.get('project');
  const project = list.find((p) => p.id === requestedProject) ?? list[0];
  const requestedTab = search.get('tab');
  const tab = TABS.find((x) => x.id === requestedTab) ?? TABS[0]!;

  // Keep the choice in the address (reload and links keep it) without a history entry or a focus move.
  const go = (next: { project?: string; tab?: string }) => {
    const query = new URLSearchParams({ project: next.project ?? project?.id ?? '', tab: next.tab ?? tab.id });
    navigate(`/research?${query}`, { replace: true, keepFocus: true });
  };

  return (
    <div className="stack research">
      <Heading level={1} data-size="lg">
        {t('research.title')}
      </Heading>
      <Paragraph className="no-print">{t('research.intro')}</Paragraph>
      {projects.state === 'failed' && (
        <Alert data-color="warning">
          <Paragraph>{t('research.loadFailed')}</Paragraph>
        </Alert>
      )}
      {projects.state === 'loading' && !projects.data && <Spinner aria-label={t('common.loading')} data-size="lg" />}
      {projects.data && !project && <Paragraph>{t('research.noProjects')}</Paragraph>}
      {project && (
        <ResearchProjectsContext.Provider value={list}>
          <div className="no-print">
            <SelectField
              id="research-project"
              width="auto"
              label={t('research.project')}
              value={project.id}
              onChange={(value) => go({ project: value })}
              options={list.map((p) => ({ value: p.id, label: p.name }))}
            />
          </div>
          <Tabs value={tab.id} onChange={(value) => go({ tab: value })} data-size="sm">
            <Tabs.List className="no-print">
              {TABS.map((x) => (
                <Tabs.Tab key={x.id} value={x.id}>
                  {x.label(t)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {TABS.map(({ id, Panel }) => (
              <Tabs.Panel key={id} value={id}>
                {tab.id === id && <Panel key={project.id} projectId={project.id} />}
              </Tabs.Panel>
            ))}
          </Tabs>
        </ResearchProjectsContext.Provider>
      )}
    </div>
  );
}
