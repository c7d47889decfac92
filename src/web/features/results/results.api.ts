// Results reads: waves, live participation while a wave runs (leaders, admins), the median completion time,
// and the wave's frozen release (every results role; an admin names the municipality).
import type { CompletionTimes, Municipality, Participation, Wave } from '../../../contracts/api.js';
import type { ReleaseView } from '../../../contracts/release.js';
import { api, seg } from '../../api.js';

const scope = (municipalityId: string | null) => (municipalityId ? `?municipalityId=${seg(municipalityId)}` : '');

export const fetchWaves = () => api.get<Wave[]>('/waves');
export const fetchMunicipalities = () => api.get<Municipality[]>('/municipalities');
export const fetchParticipation = (waveId: string, municipalityId: string | null) =>
  api.get<Participation>(`/waves/${seg(waveId)}/participation${scope(municipalityId)}`);
export const fetchCompletionTimes = (waveId: string, municipalityId: string | null) =>
  api.get<CompletionTimes>(`/waves/${seg(waveId)}/completion-time${scope(municipalityId)}`);
export const fetchRelease = (waveId: string, municipalityId: string | null) =>
  api.get<ReleaseView>(`/waves/${seg(waveId)}/release${scope(municipalityId)}`);
