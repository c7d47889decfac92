// Session calls: log in (cookie + CSRF token), the second factor and its enrolment, who am I, log out;
// and setting one's own password with an invite or reset link.
import type { z } from 'zod';
import type { LoginBody, PasswordTokenInfo, Role, SessionInfo, TotpEnrolled, TotpEnrolment } from '../../../contracts/api.js';
import { api } from '../../api.js';

export const fetchSession = () => api.get<SessionInfo>('/session');
export const createSession = (body: z.infer<typeof LoginBody>) => api.post<SessionInfo>('/session', body);
export const deleteSession = () => api.delete<undefined>('/session');

/** A code from the authenticator app, or a recovery code. */
export const sendSecondFactor = (code: string) => api.post<SessionInfo>('/session/totp', { code });
export const startEnrolment = () => api.post<TotpEnrolment>('/session/totp/enrolment');
export const confirmEnrolment = (code: string) => api.post<TotpEnrolled>('/session/totp/enrolment/confirm', { code });

export const requestPasswordReset = (email: string) => api.post<null>('/password-reset', { email });
export const inspectPasswordToken = (token: string) => api.post<PasswordTokenInfo>('/password-tokens/inspect', { token });
export const setPasswordWithToken = (token: string, password: string) => api.post<SessionInfo>('/password-tokens/complete', { token, password });

/** Where each role starts after logging in. */
export function homeFor(role: Role): string {
  if (role === 'platform_admin') return '/admin';
  if (role === 'municipality_leader' || role === 'unit_leader' || role === 'region_coordinator') return '/results';
  return '/account';
}

export const ALL_ROLES: readonly Role[] = ['platform_admin', 'region_coordinator', 'municipality_leader', 'unit_leader', 'researcher'];

/** Roles with results views: the municipality's leaders, a unit leader (their unit), a region coordinator (the region). */
export const RESULTS_ROLES: readonly Role[] = ['platform_admin', 'municipality_leader', 'unit_leader', 'region_coordinator'];

/** Roles with the research page (statistics views, export): never leaders. */
export const RESEARCH_ROLES: readonly Role[] = ['platform_admin', 'researcher'];
