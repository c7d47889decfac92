// Leader and admin reads: waves, participation while a wave runs, scale and item results once it has closed.
import type { ItemResults, Municipality, Participation, ScaleResults, Wave } from '../../../contracts/api.js';
import { api, seg } from '../../api.js';

const scope = (municipalityId: string | null) => (municipalityId ? `?municipalityId=${seg(municipalityId)}` : '');

export const fetchWaves = () => api.get<Wave[]>('/waves');
export const fetchMunicipalities = () => api.get<Municipality[]>('/municipalities');
export const fetchParticipation = (waveId: string, municipalityId: string | null) =>
  api.get<Participation>(`/waves/${seg(waveId)}/participation${scope(municipalityId)}`);
export const fetchResults = (waveId: string, municipalityId: string | null) =>
  api.get<ScaleResults>(`/waves/${seg(waveId)}/results${scope(municipalityId)}`);
export const fetchItemResults = (waveId: string, municipalityId: string | null) =>
  api.get<ItemResults>(`/waves/${seg(waveId)}/items${scope(municipalityId)}`);
