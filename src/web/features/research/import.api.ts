/** Importing responses from CSV (docs/export.md, "Import"): the targets, the template link, a check and the import. */
import type { ImportResult, ImportTargets } from '../../../contracts/import.js';
import { api, seg } from '../../api.js';

export interface ImportChoice {
  waveId: string;
  /** SSB code for the whole file; empty: the file's municipality_code column. */
  municipalityCode: string;
  /** Unit name for the whole file; empty: the file's unit column. */
  unit: string;
}

export const fetchImportTargets = (projectId: string) => api.get<ImportTargets>(`/projects/${seg(projectId)}/import/targets`);

export const importTemplateUrl = (waveId: string) => `/api/v1/waves/${seg(waveId)}/import/template.csv`;

function importPath(choice: ImportChoice, dryRun: boolean): string {
  const query = new URLSearchParams({ dryRun: String(dryRun) });
  if (choice.municipalityCode) query.set('municipalityCode', choice.municipalityCode);
  if (choice.unit) query.set('unit', choice.unit);
  return `/waves/${seg(choice.waveId)}/import?${query}`;
}

/** The file's bytes as they are (the server reads UTF-8 and says when it is not). */
export const checkImport = (choice: ImportChoice, file: Blob) => api.upload<ImportResult>(importPath(choice, true), file, 'text/csv');
export const runImport = (choice: ImportChoice, file: Blob) => api.upload<ImportResult>(importPath(choice, false), file, 'text/csv');
