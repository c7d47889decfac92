// The access matrix, generated from the route catalogue: every /api/v1 route × every role × an object of
// the viewer's own tenant and of another tenant. The expectations below are written by hand, apart
// from the routes' declarations, so a route added without an entry here, or declared with another
// permission than the one expected, fails; so does a route that lets a role reach another tenant.
// allowed → not 401/403/404 · denied → 403 (role lacks the permission) or 404 (another tenant's object).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../contracts/api.js';
import { json } from '../db/schema.js';
import type { Permission } from '../services/access.js';
import {
  buildAccount,
  buildAdmin,
  buildLink,
  buildMunicipality,
  buildProject,
  buildRegion,
  buildUnit,
  buildWave,
  type TestAccount,
} from '../test/factories.js';
import { buildTestApp, login, type LoggedIn, type TestApp } from '../test/test-app.js';

const ROLES: Role[] = ['platform_admin', 'region_coordinator', 'municipality_leader', 'unit_leader', 'researcher'];

/** One municipality's objects. */
interface Tenant {
  municipalityId: string;
  unitId: string;
  otherUnitId: string;
  projectId: string;
  waveId: string;
  linkId: string;
  unitLinkId: string;
  linkToken: string;
  localItemId: string;
  invitedAccountId: string;
}

interface Request {
  url: string;
  payload?: object;
}

interface RouteSpec {
  permission: Permission;
  /** Who may: 'own' — the own tenant's object only; 'both' — another tenant's too. Missing roles are denied. */
  allowed: Partial<Record<Role, 'own' | 'both'>>;
  /** The request for the objects of one tenant. Without `tenant`, the route has no tenant object: one request serves both. */
  request: (x: Tenant) => Request;
  tenant?: true;
  /** Ends the session (log out): run with a fresh one. */
  freshSession?: true;
}

const ADMIN = { platform_admin: 'both' } as const;
const ORG_READ = { platform_admin: 'both', region_coordinator: 'own', municipality_leader: 'own', unit_leader: 'own' } as const;
const LINKS = { platform_admin: 'both', municipality_leader: 'own', unit_leader: 'own' } as const;
const RESULTS = { platform_admin: 'both', municipality_leader: 'own' } as const;
const RESEARCH = { platform_admin: 'both', researcher: 'own' } as const;
const ACCOUNTS = { platform_admin: 'both', municipality_leader: 'own' } as const;
const EVERYONE = { platform_admin: 'both', region_coordinator: 'both', municipality_leader: 'both', unit_leader: 'both', researcher: 'both' } as const;

let counter = 0;
const unique = () => `${Date.now().toString(36)}${counter++}`;
const text = (s: string) => ({ nb: s, nn: s, en: s });
const results = (path: string) => (x: Tenant) => ({ url: `/waves/${x.waveId}/${path}?municipalityId=${x.municipalityId}` });

const SPEC: Record<string, RouteSpec> = {
  // respondents: the link token is the capability
  'GET /api/v1/survey/:token': { permission: 'public', allowed: EVERYONE, request: (x) => ({ url: `/survey/${x.linkToken}` }) },
  'POST /api/v1/survey/:token/decline': { permission: 'public', allowed: EVERYONE, request: (x) => ({ url: `/survey/${x.linkToken}/decline`, payload: { language: 'nb' } }) },
  'POST /api/v1/survey/:token/drafts': { permission: 'public', allowed: EVERYONE, request: (x) => ({ url: `/survey/${x.linkToken}/drafts`, payload: { consentVersion: 1, language: 'nb' } }) },
  'PUT /api/v1/survey/:token/drafts/:draftId': {
    permission: 'public',
    allowed: EVERYONE,
    request: (x) => ({ url: `/survey/${x.linkToken}/drafts/${crypto.randomUUID()}`, payload: { draftToken: 'x'.repeat(20), answers: {}, language: 'nb', unitId: null, sectionIndex: 0 } }),
  },
  'POST /api/v1/survey/:token/drafts/:draftId/state': { permission: 'public', allowed: EVERYONE, request: (x) => ({ url: `/survey/${x.linkToken}/drafts/${crypto.randomUUID()}/state`, payload: { draftToken: 'x'.repeat(20) } }) },
  'POST /api/v1/survey/:token/resume': { permission: 'public', allowed: EVERYONE, request: (x) => ({ url: `/survey/${x.linkToken}/resume`, payload: { resumeCode: 'ABCD-EFGH' } }) },
  'POST /api/v1/survey/:token/responses': {
    permission: 'public',
    allowed: EVERYONE,
    request: (x) => ({ url: `/survey/${x.linkToken}/responses`, payload: { idempotencyKey: `key-${unique()}-padding`, consentVersion: 1, language: 'nb', unitId: null, answers: {} } }),
  },
  'POST /api/v1/survey/:token/earlier-receipt': { permission: 'public', allowed: EVERYONE, request: (x) => ({ url: `/survey/${x.linkToken}/earlier-receipt`, payload: { receiptCode: 'AAAA-BBBB-CCCC-DDDD-EEEE' } }) },
  'POST /api/v1/receipts/lookup': { permission: 'public', allowed: EVERYONE, request: () => ({ url: '/receipts/lookup', payload: { receiptCode: 'AAAA-BBBB-CCCC-DDDD-EEEE' } }) },
  'POST /api/v1/receipts/withdraw': { permission: 'public', allowed: EVERYONE, request: () => ({ url: '/receipts/withdraw', payload: { receiptCode: 'AAAA-BBBB-CCCC-DDDD-EEEE' } }) },
  // session and accounts' own steps
  'POST /api/v1/session': { permission: 'public', allowed: EVERYONE, request: () => ({ url: '/session', payload: { email: 'nobody@example.no', password: 'not the password' } }) },
  'GET /api/v1/session': { permission: 'session:partial', allowed: EVERYONE, request: () => ({ url: '/session' }) },
  'DELETE /api/v1/session': { permission: 'session:partial', allowed: EVERYONE, request: () => ({ url: '/session' }), freshSession: true },
  'POST /api/v1/session/totp': { permission: 'session:partial', allowed: EVERYONE, request: () => ({ url: '/session/totp', payload: { code: '123456' } }) },
  'POST /api/v1/session/totp/enrolment': { permission: 'session:partial', allowed: EVERYONE, request: () => ({ url: '/session/totp/enrolment' }) },
  'POST /api/v1/session/totp/enrolment/confirm': { permission: 'session:partial', allowed: EVERYONE, request: () => ({ url: '/session/totp/enrolment/confirm', payload: { code: '123456' } }) },
  'POST /api/v1/password-reset': { permission: 'public', allowed: EVERYONE, request: () => ({ url: '/password-reset', payload: { email: `nobody-${unique()}@example.no` } }) },
  'POST /api/v1/password-tokens/inspect': { permission: 'public', allowed: EVERYONE, request: () => ({ url: '/password-tokens/inspect', payload: { token: 'x'.repeat(43) } }) },
  'POST /api/v1/password-tokens/complete': { permission: 'public', allowed: EVERYONE, request: () => ({ url: '/password-tokens/complete', payload: { token: 'x'.repeat(43), password: 'a long enough passphrase' } }) },
  // organisation
  'GET /api/v1/regions': { permission: 'organisation:read', allowed: ORG_READ, request: () => ({ url: '/regions' }) },
  'POST /api/v1/regions': { permission: 'admin:write', allowed: ADMIN, request: () => ({ url: '/regions', payload: { code: `r-${unique()}`, name: 'Region' } }) },
  'GET /api/v1/municipalities': { permission: 'organisation:read', allowed: ORG_READ, request: () => ({ url: '/municipalities' }) },
  'POST /api/v1/municipalities': { permission: 'admin:write', allowed: ADMIN, request: () => ({ url: '/municipalities', payload: { ssbCode: '0000', name: 'Ny', defaultLanguage: 'nb', regionId: null } }) },
  'GET /api/v1/municipalities/:id/units': { permission: 'organisation:read', allowed: ORG_READ, tenant: true, request: (x) => ({ url: `/municipalities/${x.municipalityId}/units` }) },
  'POST /api/v1/municipalities/:id/units': { permission: 'admin:write', allowed: ADMIN, tenant: true, request: (x) => ({ url: `/municipalities/${x.municipalityId}/units`, payload: { name: `Eining ${unique()}`, staffCount: 5 } }) },
  'GET /api/v1/municipalities/:id/benchmarks': { permission: 'organisation:read', allowed: ORG_READ, tenant: true, request: (x) => ({ url: `/municipalities/${x.municipalityId}/benchmarks` }) },
  'PUT /api/v1/municipalities/:id/benchmarks/:projectId': {
    permission: 'benchmark:write',
    allowed: { platform_admin: 'both', municipality_leader: 'own' },
    tenant: true,
    request: (x) => ({ url: `/municipalities/${x.municipalityId}/benchmarks/${x.projectId}`, payload: { optIn: true } }),
  },
  'PATCH /api/v1/units/:id': { permission: 'admin:write', allowed: ADMIN, tenant: true, request: (x) => ({ url: `/units/${x.unitId}`, payload: { staffCount: 12 } }) },
  // municipality attributes (the import's real CSV bodies are tested in municipality-attributes.routes.db.test.ts)
  'GET /api/v1/municipalities/:id/attributes': { permission: 'organisation:read', allowed: ORG_READ, tenant: true, request: (x) => ({ url: `/municipalities/${x.municipalityId}/attributes` }) },
  'PUT /api/v1/municipalities/:id/attributes': {
    permission: 'admin:write',
    allowed: ADMIN,
    tenant: true,
    request: (x) => ({ url: `/municipalities/${x.municipalityId}/attributes`, payload: { population: 4986, populationYear: 2024, countyCode: '33', centrality: 5 } }),
  },
  'POST /api/v1/municipalities/attributes/import': { permission: 'admin:write', allowed: ADMIN, request: () => ({ url: '/municipalities/attributes/import?dryRun=true' }) },
  // accounts
  'GET /api/v1/accounts': { permission: 'accounts:manage', allowed: ACCOUNTS, request: () => ({ url: '/accounts' }) },
  'POST /api/v1/accounts': {
    permission: 'accounts:manage',
    allowed: ACCOUNTS,
    tenant: true,
    request: (x) => ({ url: '/accounts', payload: { email: `unit-${unique()}@example.no`, displayName: 'Einingsleiar', role: 'unit_leader', unitId: x.unitId, language: 'nn' } }),
  },
  'POST /api/v1/accounts/:id/invite': { permission: 'accounts:manage', allowed: ACCOUNTS, tenant: true, request: (x) => ({ url: `/accounts/${x.invitedAccountId}/invite` }) },
  'PATCH /api/v1/accounts/:id': { permission: 'accounts:manage', allowed: ACCOUNTS, tenant: true, request: (x) => ({ url: `/accounts/${x.invitedAccountId}`, payload: { disabled: false } }) },
  // (the invited unit leader has no second factor: allowed gets 409 here; research-access.routes.db.test.ts resets a real one)
  'POST /api/v1/accounts/:id/reset-two-factor': { permission: 'accounts:manage', allowed: ACCOUNTS, tenant: true, request: (x) => ({ url: `/accounts/${x.invitedAccountId}/reset-two-factor` }) },
  // projects, instruments, waves, links
  'GET /api/v1/projects': { permission: 'organisation:read', allowed: ORG_READ, request: () => ({ url: '/projects' }) },
  'POST /api/v1/projects': { permission: 'admin:write', allowed: ADMIN, request: () => ({ url: '/projects', payload: { name: `P ${unique()}`, endDate: '2027-12-31' } }) },
  'GET /api/v1/projects/:id/consent': { permission: 'organisation:read', allowed: ORG_READ, tenant: true, request: (x) => ({ url: `/projects/${x.projectId}/consent` }) },
  'POST /api/v1/projects/:id/consent': { permission: 'admin:write', allowed: ADMIN, tenant: true, request: (x) => ({ url: `/projects/${x.projectId}/consent`, payload: { information: text('Info'), consent: text('Samtykke') } }) },
  'GET /api/v1/projects/:id/export': { permission: 'research:export', allowed: RESEARCH, tenant: true, request: (x) => ({ url: `/projects/${x.projectId}/export` }) },
  // import (a JSON body is no CSV: 415 once the wave is reachable; another project's wave is a 404 first)
  'GET /api/v1/projects/:id/import/targets': { permission: 'research:import', allowed: RESEARCH, tenant: true, request: (x) => ({ url: `/projects/${x.projectId}/import/targets` }) },
  'GET /api/v1/waves/:waveId/import/template.csv': { permission: 'research:import', allowed: RESEARCH, tenant: true, request: (x) => ({ url: `/waves/${x.waveId}/import/template.csv` }) },
  'POST /api/v1/waves/:waveId/import': { permission: 'research:import', allowed: RESEARCH, tenant: true, request: (x) => ({ url: `/waves/${x.waveId}/import?dryRun=true` }) },
  'GET /api/v1/research/projects': { permission: 'research:read', allowed: RESEARCH, request: () => ({ url: '/research/projects' }) },
  'GET /api/v1/projects/:id/psychometrics': { permission: 'research:read', allowed: RESEARCH, tenant: true, request: (x) => ({ url: `/projects/${x.projectId}/psychometrics?waveId=${x.waveId}` }) },
  // The tenant's project has one wave: from = to answers 400 (allowed), after the project check (404 for another's).
  'GET /api/v1/projects/:id/change': { permission: 'research:read', allowed: RESEARCH, tenant: true, request: (x) => ({ url: `/projects/${x.projectId}/change?from=${x.waveId}&to=${x.waveId}` }) },
  'GET /api/v1/projects/:id/sample-description': { permission: 'research:read', allowed: RESEARCH, tenant: true, request: (x) => ({ url: `/projects/${x.projectId}/sample-description?waveId=${x.waveId}` }) },
  'GET /api/v1/projects/:id/microdata': { permission: 'research:read', allowed: RESEARCH, tenant: true, request: (x) => ({ url: `/projects/${x.projectId}/microdata?limit=5` }) },
  'GET /api/v1/projects/:id/tokens': { permission: 'research:tokens', allowed: RESEARCH, tenant: true, request: (x) => ({ url: `/projects/${x.projectId}/tokens` }) },
  'POST /api/v1/projects/:id/tokens': { permission: 'research:tokens', allowed: RESEARCH, tenant: true, request: (x) => ({ url: `/projects/${x.projectId}/tokens`, payload: { name: `R ${unique()}` } }) },
  'DELETE /api/v1/projects/:id/tokens/:tokenId': {
    permission: 'research:tokens',
    allowed: RESEARCH,
    tenant: true,
    request: (x) => ({ url: `/projects/${x.projectId}/tokens/${researchTokenIds.get(x.projectId) ?? crypto.randomUUID()}` }),
  },
  'GET /api/v1/instruments': { permission: 'organisation:read', allowed: ORG_READ, request: () => ({ url: '/instruments' }) },
  'GET /api/v1/waves': { permission: 'organisation:read', allowed: ORG_READ, request: () => ({ url: '/waves' }) },
  'POST /api/v1/waves': {
    permission: 'admin:write',
    allowed: ADMIN,
    tenant: true,
    request: (x) => ({
      url: '/waves',
      payload: { projectId: x.projectId, label: `W${counter++}`, instrumentId: 'test-survey', instrumentVersion: '1.0.0', opensAt: '2026-05-01T00:00:00Z', closesAt: '2026-06-01T00:00:00Z' },
    }),
  },
  'GET /api/v1/waves/:id': { permission: 'organisation:read', allowed: ORG_READ, tenant: true, request: (x) => ({ url: `/waves/${x.waveId}` }) },
  'GET /api/v1/waves/:id/links': { permission: 'links:read', allowed: LINKS, tenant: true, request: (x) => ({ url: `/waves/${x.waveId}/links` }) },
  'POST /api/v1/waves/:id/links': { permission: 'admin:write', allowed: ADMIN, tenant: true, request: (x) => ({ url: `/waves/${x.waveId}/links`, payload: { municipalityId: x.municipalityId, unitId: null, sharedDevice: false } }) },
  'GET /api/v1/links/:id/qr.svg': { permission: 'links:read', allowed: LINKS, tenant: true, request: (x) => ({ url: `/links/${x.unitLinkId}/qr.svg` }) },
  'GET /api/v1/waves/:id/local-items': { permission: 'organisation:read', allowed: ORG_READ, tenant: true, request: (x) => ({ url: `/waves/${x.waveId}/local-items` }) },
  'POST /api/v1/waves/:id/local-items': {
    permission: 'admin:write',
    allowed: ADMIN,
    tenant: true,
    request: (x) => ({ url: `/waves/${x.waveId}/local-items`, payload: { municipalityId: x.municipalityId, key: `sys_${counter++}`, name: text('System') } }),
  },
  'PATCH /api/v1/waves/:id/local-items/:itemId': { permission: 'admin:write', allowed: ADMIN, tenant: true, request: (x) => ({ url: `/waves/${x.waveId}/local-items/${x.localItemId}`, payload: { name: text('Nytt namn') } }) },
  'DELETE /api/v1/waves/:id/local-items/:itemId': { permission: 'admin:write', allowed: ADMIN, tenant: true, request: (x) => ({ url: `/waves/${x.waveId}/local-items/${x.localItemId}` }) },
  'GET /api/v1/waves/:id/linking': { permission: 'admin:read', allowed: ADMIN, tenant: true, request: (x) => ({ url: `/waves/${x.waveId}/linking` }) },
  'POST /api/v1/waves/:id/linking/match': { permission: 'admin:write', allowed: ADMIN, tenant: true, request: (x) => ({ url: `/waves/${x.waveId}/linking/match` }) },
  // results: the live routes are for leaders and admins (unit leaders and coordinators get 404 there)
  'GET /api/v1/waves/:waveId/participation': { permission: 'results:read', allowed: RESULTS, tenant: true, request: results('participation') },
  'GET /api/v1/waves/:waveId/completion-time': { permission: 'results:read', allowed: RESULTS, tenant: true, request: results('completion-time') },
  // the frozen release: also unit leaders (their unit) and region coordinators (their region, named by a member)
  'GET /api/v1/waves/:waveId/release': {
    permission: 'results:read',
    allowed: { platform_admin: 'both', region_coordinator: 'own', municipality_leader: 'own', unit_leader: 'own' },
    tenant: true,
    request: results('release'),
  },
  'POST /api/v1/waves/:waveId/release': { permission: 'admin:write', allowed: ADMIN, tenant: true, request: (x) => ({ url: `/waves/${x.waveId}/release`, payload: { municipalityId: x.municipalityId } }) },
  // reports of the frozen release: the same viewers as the release (409 until released counts as allowed)
  'GET /api/v1/waves/:waveId/report.pdf': {
    permission: 'results:read',
    allowed: { platform_admin: 'both', region_coordinator: 'own', municipality_leader: 'own', unit_leader: 'own' },
    tenant: true,
    request: results('report.pdf'),
  },
  'GET /api/v1/waves/:waveId/report.xlsx': {
    permission: 'results:read',
    allowed: { platform_admin: 'both', region_coordinator: 'own', municipality_leader: 'own', unit_leader: 'own' },
    tenant: true,
    request: results('report.xlsx'),
  },
};

let t: TestApp;
/** A research API token per tenant project, to revoke: Gol's owned by Gol's researcher, Hol's by the platform admin. */
const researchTokenIds = new Map<string, string>();
const tenants: Record<'gol' | 'hol' | 'vinje', Tenant> = {} as never;
const accounts = {} as Record<Role, TestAccount>;
const sessions = {} as Record<Role, LoggedIn>;
/** The own and the other tenant of each role: the other municipality is outside the role's reach. */
const reach: Record<Role, { own: Tenant; other: Tenant }> = {} as never;

async function buildTenant(name: string, regionId: string): Promise<Tenant> {
  const m = await buildMunicipality(t.db, { name, regionId });
  const unit = await buildUnit(t.db, { municipalityId: m.id, name: 'Heimetenesta' });
  const otherUnit = await buildUnit(t.db, { municipalityId: m.id, name: 'Sjukeheimen' });
  const project = await buildProject(t.db, { name: `Prosjekt ${name}` });
  const wave = await buildWave(t.db, { projectId: project.id, status: 'closed' });
  const link = await buildLink(t.db, { waveId: wave.id, municipalityId: m.id });
  const unitLink = await buildLink(t.db, { waveId: wave.id, municipalityId: m.id, unitId: unit.id });
  const item = await t.db
    .insertInto('local_item')
    .values({ wave_id: wave.id, municipality_id: m.id, key: 'journal', name: json(text('Journal')) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const invited = await t.db
    .insertInto('account')
    .values({ email: `invited-${unique()}@example.no`, display_name: 'Invitert', role: 'unit_leader', municipality_id: m.id, unit_id: unit.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    municipalityId: m.id,
    unitId: unit.id,
    otherUnitId: otherUnit.id,
    projectId: project.id,
    waveId: wave.id,
    linkId: link.id,
    unitLinkId: unitLink.id,
    linkToken: link.token,
    localItemId: item.id,
    invitedAccountId: invited.id,
  };
}

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  const hallingdal = await buildRegion(t.db, { name: 'Hallinghelse' });
  const telemark = await buildRegion(t.db, { name: 'Vest-Telemark' });
  tenants.gol = await buildTenant('Gol', hallingdal.id);
  tenants.hol = await buildTenant('Hol', hallingdal.id);
  tenants.vinje = await buildTenant('Vinje', telemark.id);
  accounts.platform_admin = await buildAdmin(t.db);
  accounts.region_coordinator = await buildAccount(t.db, { role: 'region_coordinator', regionId: hallingdal.id });
  accounts.municipality_leader = await buildAccount(t.db, { role: 'municipality_leader', municipalityId: tenants.gol.municipalityId });
  accounts.unit_leader = await buildAccount(t.db, { role: 'unit_leader', unitId: tenants.gol.unitId });
  accounts.researcher = await buildAccount(t.db, { role: 'researcher', projectIds: [tenants.gol.projectId] });
  for (const [tenant, owner] of [[tenants.gol, accounts.researcher], [tenants.hol, accounts.platform_admin]] as const) {
    const token = await t.db
      .insertInto('research_token')
      .values({ project_id: tenant.projectId, account_id: owner.id, name: 'R', token_hash: `hash-${unique()}`, created_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    researchTokenIds.set(tenant.projectId, token.id);
  }
  for (const role of ROLES) {
    sessions[role] = await login(t.app, accounts[role].email, accounts[role].password);
    // Hol is in the coordinator's region, so their "other" is Vinje.
    reach[role] = { own: tenants.gol, other: role === 'region_coordinator' ? tenants.vinje : tenants.hol };
  }
});
afterAll(async () => {
  await t?.close();
});

/** A public route may answer 401 for its own reason (wrong password), never because a session is missing. */
function publicOk(res: { statusCode: number; body: string }): boolean {
  if (res.statusCode === 403) return false;
  if (res.statusCode !== 401) return true;
  return !/problem:(unauthorized|session_expired|second_factor_required)"/.test(res.body);
}

const methodOf = (key: string) => key.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function call(key: string, session: LoggedIn | null, req: Request) {
  const method = methodOf(key);
  const headers = session ? (method === 'GET' ? { cookie: session.cookie } : session.headers) : {};
  return t.app.inject({ method, url: `/api/v1${req.url}`, headers, ...(req.payload ? { payload: req.payload } : method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
}

describe('the route catalogue', () => {
  it('has an entry in this matrix for every route, with the permission the route declares', () => {
    const catalogue = t.app.routeCatalog.map((r) => `${r.method} ${r.url}`);
    expect(catalogue.filter((key) => !(key in SPEC)), 'routes without an entry in the access matrix').toEqual([]);
    expect(Object.keys(SPEC).filter((key) => !catalogue.includes(key)), 'entries for routes that no longer exist').toEqual([]);
    const wrong = t.app.routeCatalog.filter((r) => SPEC[`${r.method} ${r.url}`]?.permission !== r.permission).map((r) => `${r.method} ${r.url}: ${r.permission}`);
    expect(wrong, 'routes declaring another permission than expected').toEqual([]);
  });
});

describe('every route × every role × own and other tenant', () => {
  it.each(ROLES)('%s', async (role) => {
    const failures: string[] = [];
    for (const [key, spec] of Object.entries(SPEC)) {
      for (const side of ['own', 'other'] as const) {
        if (!spec.tenant && side === 'other') continue;
        const tenant = reach[role][side];
        const grant = spec.allowed[role];
        const allowed = grant === 'both' || (grant === 'own' && (side === 'own' || !spec.tenant));
        const session = spec.freshSession ? await login(t.app, accounts[role].email, accounts[role].password) : sessions[role];
        const res = await call(key, session, spec.request(tenant));
        const ok = spec.permission === 'public' ? publicOk(res) : allowed ? ![401, 403, 404].includes(res.statusCode) : [403, 404].includes(res.statusCode);
        if (!ok || res.statusCode >= 500) failures.push(`${key} (${side}): ${allowed ? 'allowed' : 'denied'}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('without a session: 401 on every route that is not public', async () => {
    const failures: string[] = [];
    for (const [key, spec] of Object.entries(SPEC)) {
      const res = await call(key, null, spec.request(tenants.gol));
      const ok = spec.permission === 'public' ? publicOk(res) : res.statusCode === 401;
      if (!ok) failures.push(`${key}: got ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('with only the password of a two-factor account: 401 everywhere but the session and the two-factor steps', async () => {
    const a = await buildAdmin(t.db);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: a.email, password: a.password } });
    expect(res.json().stage).toBe('enrol');
    const cookie = `dk_session=${res.cookies.find((c) => c.name === 'dk_session')!.value}`;
    const partial: LoggedIn = { cookie, csrfToken: res.json().csrfToken, headers: { cookie, 'x-csrf-token': res.json().csrfToken } };
    const failures: string[] = [];
    for (const [key, spec] of Object.entries(SPEC)) {
      if (spec.permission === 'public' || spec.freshSession) continue;
      const r = await call(key, partial, spec.request(tenants.gol));
      const blocked = r.statusCode === 401 && (r.json() as { type: string }).type === 'urn:digikompass:problem:second_factor_required';
      if (blocked !== (spec.permission !== 'session:partial')) failures.push(`${key}: got ${r.statusCode} ${r.body.slice(0, 100)}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('with a research API token (Authorization: Bearer dkr_…) instead of a session', () => {
  it("reaches only GET routes of research:read and research:export, only for the token's project", async () => {
    const created = await call('POST /api/v1/projects/:id/tokens', sessions.researcher, { url: `/projects/${tenants.gol.projectId}/tokens`, payload: { name: 'matrix' } });
    expect(created.statusCode, created.body).toBe(201);
    const authorization = `Bearer ${(created.json() as { token: string }).token}`;
    const failures: string[] = [];
    for (const [key, spec] of Object.entries(SPEC)) {
      for (const side of ['own', 'other'] as const) {
        if (!spec.tenant && side === 'other') continue;
        const req = spec.request(side === 'own' ? tenants.gol : tenants.hol);
        const method = methodOf(key);
        const res = await t.app.inject({ method, url: `/api/v1${req.url}`, headers: { authorization }, ...(req.payload ? { payload: req.payload } : method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
        const readable = method === 'GET' && (spec.permission === 'research:read' || spec.permission === 'research:export');
        const expected = spec.permission === 'public' ? 'public' : !readable ? 403 : side === 'own' ? 'allowed' : 404;
        const ok = expected === 'public' ? publicOk(res) : expected === 'allowed' ? ![401, 403, 404].includes(res.statusCode) : res.statusCode === expected;
        if (!ok || res.statusCode >= 500) failures.push(`${key} (${side}): expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('tenancy, by example', () => {
  it("gives Gol's leader a 404 for Hol's units, wave and links, and Gol's unit leader a 404 for another unit's link", async () => {
    const leader = sessions.municipality_leader;
    for (const url of [`/municipalities/${tenants.hol.municipalityId}/units`, `/waves/${tenants.hol.waveId}`, `/links/${tenants.hol.linkId}/qr.svg`]) {
      expect((await call(`GET ${url}`, leader, { url })).statusCode, url).toBe(404);
    }
    const unitLeader = sessions.unit_leader;
    const otherUnitLink = await buildLink(t.db, { waveId: tenants.gol.waveId, municipalityId: tenants.gol.municipalityId, unitId: tenants.gol.otherUnitId });
    expect((await call('GET', unitLeader, { url: `/links/${otherUnitLink.id}/qr.svg` })).statusCode).toBe(404);
    expect((await call('GET', unitLeader, { url: `/links/${tenants.gol.linkId}/qr.svg` })).statusCode).toBe(200);
    const links = (await call('GET', unitLeader, { url: `/waves/${tenants.gol.waveId}/links` })).json() as { unitId: string | null }[];
    expect(new Set(links.map((l) => l.unitId))).toEqual(new Set([null, tenants.gol.unitId]));
  });

  it('shows a region coordinator the member municipalities only, and a researcher no tenant rows', async () => {
    const listed = (await call('GET', sessions.region_coordinator, { url: '/municipalities' })).json() as { id: string }[];
    expect(listed.map((m) => m.id).sort()).toEqual([tenants.gol.municipalityId, tenants.hol.municipalityId].sort());
    const unitLeader = (await call('GET', sessions.unit_leader, { url: '/municipalities' })).json() as { id: string }[];
    expect(unitLeader.map((m) => m.id)).toEqual([tenants.gol.municipalityId]);
    expect((await call('GET', sessions.researcher, { url: '/municipalities' })).statusCode).toBe(403);
  });
});
