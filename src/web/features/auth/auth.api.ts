// Session calls: log in (cookie + CSRF token), who am I, log out.
import type { z } from 'zod';
import type { LoginBody, Role, SessionInfo } from '../../../contracts/api.js';
import { api } from '../../api.js';

export const fetchSession = () => api.get<SessionInfo>('/session');
export const createSession = (body: z.infer<typeof LoginBody>) => api.post<SessionInfo>('/session', body);
export const deleteSession = () => api.delete<undefined>('/session');

/** Where each role starts after logging in. */
export function homeFor(role: Role): string {
  return role === 'platform_admin' ? '/admin' : '/results';
}
