/**
 * Who may do what. Every route declares one permission in its config (`config: { permission }`), so a
 * test can enumerate the routes and check the whole access matrix; tenant data is read through a
 * Scope, so a leader never reaches another municipality's rows (they get 404, not 403).
 */
import type { Role } from '../../contracts/api.js';
import { NotFound, ValidationFailed } from '../errors.js';

export const permissions = [
  /** No account: respondents (the link token is the capability), logging in, invite and reset links. */
  'public',
  /** Any session, also one still waiting for its second factor: the session itself and the two-factor steps. */
  'session:partial',
  /** Any logged-in account (second factor done): its own session. */
  'session',
  /** Regions, municipalities, units, projects, instruments, waves and benchmark choices (within the scope). */
  'organisation:read',
  /** Survey links and their QR codes (within the scope). */
  'links:read',
  /** Linking statistics of a wave (platform). */
  'admin:read',
  /** Every administrative write of the platform. */
  'admin:write',
  /** Accounts: list, invite, disable (platform admin: any; municipality leader: unit leaders of their municipality). */
  'accounts:manage',
  /** A municipality's opt-in to region and national benchmarks (municipality leader: their own). */
  'benchmark:write',
  /** Results: participation and the frozen release (leaders: their own municipality; unit leaders: their unit; coordinators: their region). */
  'results:read',
  /** A project's export bundle: pseudonymised response-level data with codebook and syntax (docs/export.md). */
  'research:export',
  /** A project's research views: psychometrics, paired change, sample description, pseudonymised microdata (audited). */
  'research:read',
  /** A project's own read-only API tokens for research tools (list, create, revoke). */
  'research:tokens',
  /** Importing responses from a CSV file into a wave (dry run first). */
  'research:import',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * Region coordinators and unit leaders read results only through the frozen release (routes/release.routes.ts:
 * the region's members as protected aggregates; a unit and the municipality total); the live results routes
 * answer them 404 (municipalityFor()). Researchers get their projects' research views, exports and tokens.
 */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  platform_admin: ['session', 'organisation:read', 'links:read', 'admin:read', 'admin:write', 'accounts:manage', 'benchmark:write', 'results:read', 'research:export', 'research:read', 'research:tokens', 'research:import'],
  region_coordinator: ['session', 'organisation:read', 'results:read'],
  municipality_leader: ['session', 'organisation:read', 'links:read', 'accounts:manage', 'benchmark:write', 'results:read'],
  unit_leader: ['session', 'organisation:read', 'links:read', 'results:read'],
  researcher: ['session', 'research:read', 'research:export', 'research:tokens', 'research:import'],
};

/**
 * Roles that must log in with a second factor: those that can see more than protected aggregates
 * (the platform admin everything, a municipality leader its links and accounts, a researcher — with the
 * research issue — response-level data). A region coordinator and a unit leader see only their
 * organisation and protected aggregates, so for them it is not required (documented in ARCHITECTURE.md).
 */
export const TOTP_REQUIRED_ROLES: ReadonlySet<Role> = new Set<Role>(['platform_admin', 'municipality_leader', 'researcher']);

export function hasPermission(role: Role, permission: Permission): boolean {
  return permission === 'public' || permission === 'session:partial' || rolePermissions[role].includes(permission);
}

/** A logged-in person, as the services see them. */
export interface Viewer {
  accountId: string;
  email: string;
  displayName: string;
  role: Role;
  /** Municipality leader; unit leader (their unit's municipality). */
  municipalityId: string | null;
  /** Unit leader. */
  unitId?: string | null;
  /** Region coordinator. */
  regionId?: string | null;
  /** Region coordinator: the region's current member municipalities, read with the session. */
  regionMunicipalityIds?: readonly string[];
  /** Researcher. */
  projectIds?: readonly string[];
  /**
   * Set when the request came with a research API token (`Authorization: Bearer dkr_…`): the viewer is
   * the token's owner, limited to the token's project and to GET routes of research:read/research:export.
   */
  apiToken?: { id: string; projectId: string };
}

/**
 * The tenant rows a viewer may reach. Repositories filter by `municipalitiesOf(scope)` (never by
 * `kind === 'municipality'` alone, which would let a new kind through as if it were the platform).
 * - unit: the unit's whole municipality for organisation data; links only of the unit or the whole municipality.
 * - region: the region's member municipalities.
 * - none: no tenant rows at all (researchers, until the research issue).
 */
export type Scope =
  | { kind: 'platform' }
  | { kind: 'municipality'; municipalityId: string }
  | { kind: 'unit'; municipalityId: string; unitId: string }
  | { kind: 'region'; regionId: string; municipalityIds: readonly string[] }
  | { kind: 'none' };

export function scopeOf(viewer: Viewer): Scope {
  // An API token reaches its one project's research data, never tenant rows (not even a platform admin's).
  if (viewer.apiToken) return { kind: 'none' };
  const missing = (what: string) => new Error(`${viewer.role} ${viewer.accountId} has no ${what}`);
  switch (viewer.role) {
    case 'platform_admin':
      return { kind: 'platform' };
    case 'municipality_leader':
      if (!viewer.municipalityId) throw missing('municipality');
      return { kind: 'municipality', municipalityId: viewer.municipalityId };
    case 'unit_leader':
      if (!viewer.municipalityId || !viewer.unitId) throw missing('unit');
      return { kind: 'unit', municipalityId: viewer.municipalityId, unitId: viewer.unitId };
    case 'region_coordinator':
      if (!viewer.regionId) throw missing('region');
      return { kind: 'region', regionId: viewer.regionId, municipalityIds: viewer.regionMunicipalityIds ?? [] };
    case 'researcher':
      return { kind: 'none' };
  }
}

/** The municipalities whose rows a scope reaches; null: all (the platform). */
export function municipalitiesOf(scope: Scope): readonly string[] | null {
  switch (scope.kind) {
    case 'platform':
      return null;
    case 'municipality':
    case 'unit':
      return [scope.municipalityId];
    case 'region':
      return scope.municipalityIds;
    case 'none':
      return [];
  }
}

/** Whether a scope may see a municipality's rows. */
export function scopeIncludes(scope: Scope, municipalityId: string): boolean {
  const ids = municipalitiesOf(scope);
  return ids === null || ids.includes(municipalityId);
}

/**
 * The one municipality a results request is about: a leader's own (asking for another → 404), or the
 * one a platform admin names with ?municipalityId=. Other scopes have no municipality results (404).
 */
export function municipalityFor(viewer: Viewer, requested: string | undefined): string {
  const scope = scopeOf(viewer);
  if (scope.kind === 'platform') {
    if (requested === undefined) throw new ValidationFailed([{ path: 'municipalityId', code: 'municipality_required' }]);
    return requested;
  }
  if (scope.kind !== 'municipality') throw new NotFound();
  if (requested !== undefined && requested !== scope.municipalityId) throw new NotFound();
  return scope.municipalityId;
}

/** Never a real id: stands in for an empty `IN (…)` list, which SQL does not allow. */
const NO_MUNICIPALITY = '00000000-0000-0000-0000-000000000000';

/** municipalitiesOf() for a `where column in (…)` filter: null for all, otherwise a list that is never empty. */
export function municipalityFilter(scope: Scope): string[] | null {
  const ids = municipalitiesOf(scope);
  if (ids === null) return null;
  return ids.length > 0 ? [...ids] : [NO_MUNICIPALITY];
}

/**
 * Whether a viewer may reach a project's research data: the platform admin any project, a researcher the
 * projects they belong to; nobody else (the caller answers 404, so a project's existence is not revealed).
 */
export function canReachProject(viewer: Viewer, projectId: string): boolean {
  if (viewer.apiToken) return viewer.apiToken.projectId === projectId;
  if (viewer.role === 'platform_admin') return true;
  if (viewer.role === 'researcher') return viewer.projectIds?.includes(projectId) ?? false;
  return false;
}

/** canReachProject() or 404. */
export function assertProjectAccess(viewer: Viewer, projectId: string): void {
  if (!canReachProject(viewer, projectId)) throw new NotFound();
}
