// Accounts (invite, resend, turn off/on) and a municipality's benchmark choices.
import type { z } from 'zod';
import type { Account, BenchmarkChoice, InviteAccountBody } from '../../../contracts/api.js';
import { api, seg } from '../../api.js';

export const fetchAccounts = () => api.get<Account[]>('/accounts');
export const inviteAccount = (body: z.input<typeof InviteAccountBody>) => api.post<Account>('/accounts', body);
export const resendInvite = (id: string) => api.post<Account>(`/accounts/${seg(id)}/invite`);
export const setAccountDisabled = (id: string, disabled: boolean) => api.patch<Account>(`/accounts/${seg(id)}`, { disabled });
export const resetTwoFactor = (id: string) => api.post<Account>(`/accounts/${seg(id)}/reset-two-factor`);

export const fetchBenchmarks = (municipalityId: string) => api.get<BenchmarkChoice[]>(`/municipalities/${seg(municipalityId)}/benchmarks`);
export const setBenchmark = (municipalityId: string, projectId: string, optIn: boolean) =>
  api.put<BenchmarkChoice>(`/municipalities/${seg(municipalityId)}/benchmarks/${seg(projectId)}`, { optIn });
