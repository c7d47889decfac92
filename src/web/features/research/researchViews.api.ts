// The researcher's statistics views: projects one may study, psychometrics, change, sample description (JSON and CSV).
import type { Change, ChangeGrouping, NumericSummary, Psychometrics, ResearchProject, SampleDescription } from '../../../contracts/research.js';
import { api, seg } from '../../api.js';

export const fetchResearchProjects = () => api.get<ResearchProject[]>('/research/projects');

export const fetchPsychometrics = (projectId: string, waveId: string) =>
  api.get<Psychometrics>(`/projects/${seg(projectId)}/psychometrics?${new URLSearchParams({ waveId })}`);

export const fetchChange = (projectId: string, q: { from: string; to: string; by: ChangeGrouping }) =>
  api.get<Change>(`/projects/${seg(projectId)}/change?${new URLSearchParams(q)}`);

export interface SampleQuery {
  waveId: string;
  by: string;
  numeric: NumericSummary;
}

export const fetchSampleDescription = (projectId: string, q: SampleQuery) =>
  api.get<SampleDescription>(`/projects/${seg(projectId)}/sample-description?${new URLSearchParams({ ...q })}`);

/** The same table as a CSV file (a plain link: the session cookie goes with it; the server logs the download). */
export const sampleCsvUrl = (projectId: string, q: SampleQuery, language: string) =>
  `/api/v1/projects/${seg(projectId)}/sample-description?${new URLSearchParams({ ...q, format: 'csv', language })}`;
