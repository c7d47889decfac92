// Platform administration: regions, municipalities, units, accounts, projects, instruments, waves, links.
import type { z } from 'zod';
import type {
  Account,
  CreateAccountBody,
  CreateMunicipalityBody,
  CreateRegionBody,
  CreateSurveyLinkBody,
  CreateUnitBody,
  CreateWaveBody,
  InstrumentVersion,
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

export const fetchAccounts = () => api.get<Account[]>('/accounts');
export const createAccount = (body: z.infer<typeof CreateAccountBody>) => api.post<Account>('/accounts', body);

export const fetchProjects = () => api.get<Project[]>('/projects');
export const fetchInstruments = () => api.get<InstrumentVersion[]>('/instruments');

export const fetchWaves = () => api.get<Wave[]>('/waves');
export const createWave = (body: z.input<typeof CreateWaveBody>) => api.post<Wave>('/waves', body);

export const fetchLinks = (waveId: string) => api.get<SurveyLink[]>(`/waves/${seg(waveId)}/links`);
export const createLink = (waveId: string, body: z.infer<typeof CreateSurveyLinkBody>) => api.post<SurveyLink>(`/waves/${seg(waveId)}/links`, body);
export const qrUrl = (linkId: string) => `/api/v1/links/${seg(linkId)}/qr.svg`;
