/**
 * The research export for the platform admin: choose a project, one wave or all, and the language of
 * the codebook and syntax; the ZIP is downloaded with the megabytes received so far shown (the server
 * streams it, so no total size is known). Cancelling stops the server's work too.
 */
import { Alert, Button, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project, Wave } from '../../../contracts/api.js';
import { languages, type Language } from '../../../contracts/instrument.js';
import { ApiError, NetworkError } from '../../api.js';
import { SelectField } from '../../components/SelectField.js';
import { useApi } from '../../components/useApi.js';
import { useFormat, useLanguage } from '../../i18n/index.js';
import { languageNameKeys } from '../../i18n/keys.js';
import { fetchProjects } from '../admin/admin.api.js';
import { downloadExport, saveFile, type ExportProgress } from './research.api.js';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ExportProgress }
  | { kind: 'done'; filename: string; progress: ExportProgress }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** Progress text is refreshed at most this often (ms), so that it stays readable. */
const REFRESH_MS = 250;

/**
 * `projectId`: the project is already chosen (the research page) — no project picker, and `waves` are
 * that project's. Without it (the admin's Export tab) the panel lists every project.
 */
export function ExportPanel({ waves, projectId: fixedProject }: { waves: Wave[]; projectId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const projects = useApi<Project[]>(fixedProject ? null : 'projects', fetchProjects);
  const [projectId, setProjectId] = useState('');
  const [waveId, setWaveId] = useState('');
  const pageLanguage = useLanguage();
  const [language, setLanguage] = useState<Language>(pageLanguage);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const projectList = projects.data ?? [];
  const chosenProject = fixedProject ?? (projectId || projectList[0]?.id || '');
  const projectWaves = waves.filter((w) => w.projectId === chosenProject);

  // Leaving the page stops a running export (and the server's reading with it).
  useEffect(() => () => abort.current?.abort(), []);

  const size = (bytes: number) => `${format.number(bytes / 1024 / 1024, 1)} MB`;

  const start = async () => {
    if (state.kind === 'running' || !chosenProject) return;
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'running', progress: { bytes: 0, rows: 0 } });
    let shown = 0;
    try {
      const file = await downloadExport(
        { projectId: chosenProject, waveId, language },
        (progress) => {
          const now = Date.now();
          if (now - shown < REFRESH_MS) return;
          shown = now;
          setState({ kind: 'running', progress });
        },
        controller.signal,
      );
      saveFile(file.blob, file.filename);
      setState({ kind: 'done', filename: file.filename, progress: file });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') setState({ kind: 'cancelled' });
      else if (error instanceof ApiError) setState({ kind: 'failed', message: error.detail || t('common.unknownError') });
      else if (error instanceof NetworkError) setState({ kind: 'failed', message: t('researchExport.failed') });
      else setState({ kind: 'failed', message: t('common.unknownError') });
    } finally {
      abort.current = null;
    }
  };

  if (!fixedProject && projects.state === 'failed') {
    return (
      <Alert data-color="warning">
        <Paragraph>{t('admin.loadFailed')}</Paragraph>
      </Alert>
    );
  }
  if (!fixedProject && !projects.data) return <Spinner aria-label={t('common.loading')} />;
  if (!fixedProject && projectList.length === 0) return <Paragraph>{t('researchExport.noProjects')}</Paragraph>;

  const running = state.kind === 'running';
  return (
    <div className="stack">
      <Paragraph>{t('researchExport.intro')}</Paragraph>
      {!fixedProject && (
        <SelectField
          id="export-project"
          width="auto"
          label={t('researchExport.project')}
          value={chosenProject}
          onChange={(value) => {
            setProjectId(value);
            setWaveId('');
          }}
          options={projectList.map((p) => ({ value: p.id, label: p.name }))}
        />
      )}
      <SelectField
        id="export-wave"
        width="auto"
        label={t('researchExport.wave')}
        value={waveId}
        onChange={setWaveId}
        emptyLabel={t('researchExport.allWaves')}
        options={projectWaves.map((w) => ({ value: w.id, label: w.label }))}
      />
      <SelectField
        id="export-language"
        width="auto"
        label={t('researchExport.language')}
        value={language}
        onChange={(value) => setLanguage(value as Language)}
        options={languages.map((l) => ({ value: l, label: t(languageNameKeys[l]) }))}
      />
      <div className="button-row">
        <Button onClick={() => void start()} loading={running} aria-disabled={running || undefined}>
          {t('researchExport.start')}
        </Button>
        {running && (
          <Button variant="secondary" onClick={() => abort.current?.abort()}>
            {t('researchExport.cancel')}
          </Button>
        )}
      </div>
      {/* The running count is shown, not read out at every change; the live region says when it starts and ends. */}
      {state.kind === 'running' && (
        <Paragraph>{t('researchExport.progress', { size: size(state.progress.bytes), rows: format.number(state.progress.rows) })}</Paragraph>
      )}
      <div role="status">
        {state.kind === 'running' && <Paragraph className="ds-sr-only">{t('researchExport.started')}</Paragraph>}
        {state.kind === 'done' && (
          <Paragraph>{t('researchExport.done', { file: state.filename, size: size(state.progress.bytes), rows: format.number(state.progress.rows) })}</Paragraph>
        )}
        {state.kind === 'cancelled' && <Paragraph>{t('researchExport.cancelled')}</Paragraph>}
      </div>
      {state.kind === 'failed' && (
        <Alert data-color="danger">
          <Paragraph>{state.message}</Paragraph>
        </Alert>
      )}
    </div>
  );
}
