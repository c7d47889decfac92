/**
 * Who may do what. Every route declares one permission in its config (`config: { permission }`), so a
 * test can enumerate the routes and check the whole access matrix; tenant data is read through a
 * Scope, so a leader never reaches another municipality's rows (they get 404, not 403).
 */
import type { Role } from '../../contracts/api.js';
import { NotFound, ValidationFailed } from '../errors.js';

export const permissions = [
  /** No account: respondents (the link token is the capability) and logging in. */
  'public',
  /** Any logged-in account: its own session. */
  'session',
  /** Regions, municipalities, units, projects, instruments and waves (leaders: their own municipality). */
  'organisation:read',
  /** Survey links and their QR codes (leaders: their own municipality). */
  'links:read',
  /** Accounts. */
  'admin:read',
  /** Every administrative write. */
  'admin:write',
  /** Participation and scale results (leaders: their own municipality). */
  'results:read',
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  platform_admin: ['session', 'organisation:read', 'links:read', 'admin:read', 'admin:write', 'results:read'],
  municipality_leader: ['session', 'organisation:read', 'links:read', 'results:read'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return permission === 'public' || rolePermissions[role].includes(permission);
}

/** A logged-in person, as the services see them. */
export interface Viewer {
  accountId: string;
  email: string;
  displayName: string;
  role: Role;
  municipalityId: string | null;
}

export type Scope = { kind: 'platform' } | { kind: 'municipality'; municipalityId: string };

export function scopeOf(viewer: Viewer): Scope {
  if (viewer.role === 'platform_admin') return { kind: 'platform' };
  if (!viewer.municipalityId) throw new Error(`leader ${viewer.accountId} has no municipality`);
  return { kind: 'municipality', municipalityId: viewer.municipalityId };
}

/** Whether a scope may see a municipality's rows. */
export function scopeIncludes(scope: Scope, municipalityId: string): boolean {
  return scope.kind === 'platform' || scope.municipalityId === municipalityId;
}

/**
 * The one municipality a results request is about: a leader's own (asking for another → 404), or the
 * one a platform admin names with ?municipalityId=.
 */
export function municipalityFor(viewer: Viewer, requested: string | undefined): string {
  const scope = scopeOf(viewer);
  if (scope.kind === 'municipality') {
    if (requested !== undefined && requested !== scope.municipalityId) throw new NotFound();
    return scope.municipalityId;
  }
  if (requested === undefined) throw new ValidationFailed([{ path: 'municipalityId', code: 'municipality_required' }]);
  return requested;
}
