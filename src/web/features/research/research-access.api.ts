// Researcher access: pseudonymised microdata pages and the project's read-only API tokens.
import type { Language } from '../../../contracts/instrument.js';
import type { CreatedResearchToken, Microdata, ResearchToken } from '../../../contracts/research-access.js';
import { api, seg } from '../../api.js';

export const fetchMicrodata = (projectId: string, o: { offset: number; limit: number; language: Language }) =>
  api.get<Microdata>(`/projects/${seg(projectId)}/microdata?${new URLSearchParams({ offset: String(o.offset), limit: String(o.limit), language: o.language })}`);

export const fetchTokens = (projectId: string) => api.get<ResearchToken[]>(`/projects/${seg(projectId)}/tokens`);
export const createToken = (projectId: string, name: string) => api.post<CreatedResearchToken>(`/projects/${seg(projectId)}/tokens`, { name });
export const revokeToken = (projectId: string, tokenId: string) => api.delete<undefined>(`/projects/${seg(projectId)}/tokens/${seg(tokenId)}`);
