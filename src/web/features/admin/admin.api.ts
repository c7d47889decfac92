// Platform administration: regions, municipalities, units, projects, instruments, waves, links (accounts: features/accounts).
import type { z } from 'zod';
import type {
  CompletionTimes,
  CreateLocalItemBody,
  LocalItem,
  UpdateLocalItemBody,
  CreateMunicipalityBody,
  CreateRegionBody,
  CreateSurveyLinkBody,
  CreateUnitBody,
  CreateWaveBody,
  InstrumentVersion,
  LinkingStats,
  Municipality,
  Project,
  Region,
  SurveyLink,
  Unit,
  UpdateUnitBody,
  Wave,
} from '../../../contracts/api.js';
import { api, seg } from '../../api.js';

export const fetchRegions = () => api.get<Region[]>('/regions');
export const createRegion = (body: z.infer<typeof CreateRegionBody>) => api.post<Region>('/regions', body);

export const fetchMunicipalities = () => api.get<Municipality[]>('/municipalities');
export const createMunicipality = (body: z.infer<typeof CreateMunicipalityBody>) => api.post<Municipality>('/municipalities', body);

export const fetchUnits = (municipalityId: string) => api.get<Unit[]>(`/municipalities/${seg(municipalityId)}/units`);
export const createUnit = (municipalityId: string, body: z.infer<typeof CreateUnitBody>) =>
  api.post<Unit>(`/municipalities/${seg(municipalityId)}/units`, body);
export const updateUnit = (unitId: string, body: z.infer<typeof UpdateUnitBody>) => api.patch<Unit>(`/units/${seg(unitId)}`, body);


export const fetchProjects = () => api.get<Project[]>('/projects');
export const fetchInstruments = () => api.get<InstrumentVersion[]>('/instruments');

export const fetchWaves = () => api.get<Wave[]>('/waves');
export const createWave = (body: z.input<typeof CreateWaveBody>) => api.post<Wave>('/waves', body);

export const fetchLinks = (waveId: string) => api.get<SurveyLink[]>(`/waves/${seg(waveId)}/links`);
export const createLink = (waveId: string, body: z.infer<typeof CreateSurveyLinkBody>) => api.post<SurveyLink>(`/waves/${seg(waveId)}/links`, body);
export const qrUrl = (linkId: string) => `/api/v1/links/${seg(linkId)}/qr.svg`;

/** Per municipality: how many of the wave's answers are linked to the earlier wave, and by which method. */
export const fetchLinking = (waveId: string) => api.get<LinkingStats>(`/waves/${seg(waveId)}/linking`);
/** Match the self-generated codes now; answers with the new figures. */
export const matchCodes = (waveId: string) => api.post<LinkingStats>(`/waves/${seg(waveId)}/linking/match`);

/** A municipality's own systems in a wave (local items); changes are refused once the wave has opened for it. */
export const fetchLocalItems = (waveId: string, municipalityId: string) =>
  api.get<LocalItem[]>(`/waves/${seg(waveId)}/local-items?municipalityId=${seg(municipalityId)}`);
export const createLocalItem = (waveId: string, body: z.infer<typeof CreateLocalItemBody>) => api.post<LocalItem>(`/waves/${seg(waveId)}/local-items`, body);
export const updateLocalItem = (waveId: string, id: string, body: z.infer<typeof UpdateLocalItemBody>) =>
  api.patch<LocalItem>(`/waves/${seg(waveId)}/local-items/${seg(id)}`, body);
export const deleteLocalItem = (waveId: string, id: string) => api.delete<undefined>(`/waves/${seg(waveId)}/local-items/${seg(id)}`);
/** Median measured completion time per form, over the whole wave. */
export const fetchCompletionTimes = (waveId: string) => api.get<CompletionTimes>(`/waves/${seg(waveId)}/completion-time`);
