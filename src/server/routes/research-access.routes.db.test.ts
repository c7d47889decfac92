// Researcher access: pseudonymised microdata (the export's rows, scrubbed, audited), two-step login for
// researchers, and read-only API tokens (create → use on microdata and export → revoke → 401).
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../contracts/instrument.js';
import type { Microdata, ResearchToken } from '../../contracts/research-access.js';
import { TOTP_REQUIRED_ROLES } from '../services/access.js';
import { buildAdmin, buildLeader, buildLink, buildMunicipality, buildProject, buildResearcher, buildUnit, buildWave, type TestAccount } from '../test/factories.js';
import { buildTestApp, login, type LoggedIn, type TestApp } from '../test/test-app.js';

let t: TestApp;
let projectA: { id: string };
let projectB: { id: string };
let waveA: { id: string };
let accounts: { admin: TestAccount; researcher: TestAccount; researcherB: TestAccount; leader: TestAccount };
let admin: LoggedIn;
let researcher: LoggedIn;
let researcherB: LoggedIn;
let leader: LoggedIn;
const RESPONSES_A = 5;

async function submit(token: string, answers: Answers, unitId: string | null = null): Promise<void> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/survey/${token}/responses`,
    payload: { idempotencyKey: randomUUID(), consentVersion: 1, language: 'nn', unitId, answers },
  });
  expect(res.statusCode, res.body).toBe(201);
}

const get = (url: string, headers: Record<string, string>) => t.app.inject({ url: `/api/v1${url}`, headers });
const asCookie = (who: LoggedIn) => ({ cookie: who.cookie });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function microdata(query: string, headers: Record<string, string>, projectId = projectA.id): Promise<Microdata> {
  const res = await get(`/projects/${projectId}/microdata?${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function createToken(who: LoggedIn, projectId: string, name = 'R på laptopen'): Promise<ResearchToken & { token: string }> {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/tokens`, headers: who.headers, payload: { name } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const auditLines = (action: string) => t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  const gol = await buildMunicipality(t.db, { name: 'Gol', ssbCode: '3324' });
  const unit = await buildUnit(t.db, { municipalityId: gol.id, name: 'Heimetenesta' });
  projectA = await buildProject(t.db, { name: 'Forsking A' });
  projectB = await buildProject(t.db, { name: 'Forsking B' });
  waveA = await buildWave(t.db, { projectId: projectA.id, label: 'T0' });
  const waveB = await buildWave(t.db, { projectId: projectB.id, label: 'B0' });
  const linkA = await buildLink(t.db, { waveId: waveA.id, municipalityId: gol.id });
  const linkB = await buildLink(t.db, { waveId: waveB.id, municipalityId: gol.id });
  await submit(linkA.token, { 'ts:role': 'nurse', 'ts:q1': 4, 'ts:comment': 'Ring Kari på 912 34 567' }, unit.id);
  await submit(linkA.token, { 'ts:role': 'other', 'ts:q1': 2, 'ts:comment': 'skriv til ola@example.no' });
  for (let i = 0; i < RESPONSES_A - 2; i++) await submit(linkA.token, { 'ts:role': 'other', 'ts:q1': 3 });
  await submit(linkB.token, { 'ts:role': 'nurse' });

  accounts = {
    admin: await buildAdmin(t.db),
    researcher: await buildResearcher(t.db, { projectIds: [projectA.id] }),
    researcherB: await buildResearcher(t.db, { projectIds: [projectB.id] }),
    leader: await buildLeader(t.db, { municipalityId: gol.id }),
  };
  admin = await login(t.app, accounts.admin.email, accounts.admin.password);
  researcher = await login(t.app, accounts.researcher.email, accounts.researcher.password);
  researcherB = await login(t.app, accounts.researcherB.email, accounts.researcherB.password);
  leader = await login(t.app, accounts.leader.email, accounts.leader.password);
});
afterAll(async () => {
  await t?.close();
});

describe('researchers and two-step login', () => {
  it('requires a second factor of researchers: the password alone reaches no microdata', async () => {
    expect(TOTP_REQUIRED_ROLES.has('researcher')).toBe(true);
    const other = await buildResearcher(t.db, { projectIds: [projectA.id] });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: other.email, password: other.password } });
    expect(res.json().stage).toBe('enrol');
    const cookie = `dk_session=${res.cookies.find((c) => c.name === 'dk_session')!.value}`;
    const blocked = await get(`/projects/${projectA.id}/microdata`, { cookie });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().type).toBe('urn:digikompass:problem:second_factor_required');
  });
});

describe('microdata', () => {
  it("gives a researcher their project's rows, coded and pseudonymised as in the export, free text scrubbed, never accounts", async () => {
    const page = await microdata('limit=100&language=nn', asCookie(researcher));
    expect(page.total).toBe(RESPONSES_A);
    expect(page.rows).toHaveLength(RESPONSES_A);
    const names = page.variables.map((v) => v.name);
    for (const name of ['person_id', 'wave', 'municipality', 'unit', 'link_method', 'source', 'submitted_on', 'form', 'role', 'q1', 'ts_comment']) expect(names).toContain(name);
    expect(page.variables.find((v) => v.name === 'municipality')!.label).toBe('Kommune');
    const rows = page.rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
    // Pseudonyms: keyed hashes, not the database's ids.
    const dbPersonIds = (await t.db.selectFrom('response').select('person_id').where('wave_id', '=', waveA.id).execute()).map((r) => r.person_id);
    for (const row of rows) {
      expect(row.person_id).toMatch(/^p[0-9a-f]{16}$/);
      expect(dbPersonIds).not.toContain(row.person_id);
    }
    const nurse = rows.find((r) => r.role === 1)!;
    expect(nurse).toMatchObject({ wave: 1, municipality: 'Gol', unit: 'Heimetenesta', link_method: 0, source: 1, form: 1, q1: 4, submitted_on: '2026-03-16' });
    expect(nurse.ts_comment).toBe('Ring ⟦removed⟧ på ⟦removed⟧');
    expect(rows.find((r) => r.q1 === 2)!.ts_comment).toBe('skriv til ⟦removed⟧');
    // Missing codes as in the codebook: no comment is an empty cell, a skipped question −9.
    expect(rows.filter((r) => r.ts_comment === null || r.ts_comment === '')).toHaveLength(RESPONSES_A - 2);
    const body = JSON.stringify(page);
    for (const a of Object.values(accounts)) expect(body).not.toContain(a.email);
    expect(body).not.toMatch(/912 34 567|ola@example\.no|Kari/);
  });

  it('shows the same rows as the export bundle (one encoder)', async () => {
    const page = await microdata('limit=100', asCookie(admin));
    const res = await get(`/projects/${projectA.id}/export`, asCookie(admin));
    expect(res.statusCode).toBe(200);
    const { unzipSync, strFromU8 } = await import('fflate');
    const csv = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['data.csv']!).trimEnd().split('\n');
    expect(csv[0]!.split(',')).toEqual(page.variables.map((v) => v.name));
    const personIdAt = page.variables.findIndex((v) => v.name === 'person_id');
    expect(csv.slice(1).map((line) => line.split(',')[personIdAt])).toEqual(page.rows.map((r) => r[personIdAt]));
  });

  it('pages with offset and limit, and filters by wave', async () => {
    const all = await microdata('limit=100', asCookie(researcher));
    const first = await microdata('offset=0&limit=2', asCookie(researcher));
    const second = await microdata('offset=2&limit=2', asCookie(researcher));
    const rest = await microdata('offset=4&limit=2', asCookie(researcher));
    expect([...first.rows, ...second.rows, ...rest.rows]).toEqual(all.rows);
    expect(rest.rows).toHaveLength(RESPONSES_A - 4);
    const beyond = await microdata('offset=50&limit=2', asCookie(researcher));
    expect(beyond).toMatchObject({ total: RESPONSES_A, rows: [] });
    expect((await microdata(`waveId=${waveA.id}`, asCookie(researcher))).total).toBe(RESPONSES_A);
    expect((await get(`/projects/${projectA.id}/microdata?limit=0`, asCookie(researcher))).statusCode).toBe(400);
    expect((await get(`/projects/${projectA.id}/microdata?limit=501`, asCookie(researcher))).statusCode).toBe(400);
  });

  it("answers 404 for another project's data, a wave of another project and an unknown project; 403 for a leader", async () => {
    expect((await get(`/projects/${projectA.id}/microdata`, asCookie(researcherB))).statusCode).toBe(404);
    const waveOfB = await t.db.selectFrom('wave').select('id').where('project_id', '=', projectB.id).executeTakeFirstOrThrow();
    expect((await get(`/projects/${projectA.id}/microdata?waveId=${waveOfB.id}`, asCookie(researcher))).statusCode).toBe(404);
    expect((await get(`/projects/${randomUUID()}/microdata`, asCookie(admin))).statusCode).toBe(404);
    expect((await get(`/projects/${projectA.id}/microdata`, asCookie(leader))).statusCode).toBe(403);
  });

  it('writes an audit line for every read: who, which project and wave, how many rows, when', async () => {
    const before = (await auditLines('microdata.read')).length;
    await microdata('offset=1&limit=3', asCookie(researcher));
    await microdata('offset=0&limit=1', asCookie(researcher));
    const lines = await auditLines('microdata.read');
    expect(lines).toHaveLength(before + 2);
    expect(lines.at(-2)).toMatchObject({ actor_account_id: accounts.researcher.id, actor_role: 'researcher', object_type: 'project', object_id: projectA.id });
    expect(lines.at(-2)!.details).toEqual({ waveId: null, offset: 1, limit: 3, rows: 3 });
    expect(lines.at(-1)!.details).toEqual({ waveId: null, offset: 0, limit: 1, rows: 1 });
    expect(lines.at(-1)!.at.getTime()).toBe(t.clock.now().getTime());
  });
});

describe('research API tokens', () => {
  it('are made, used on microdata and the export, listed with their last use, revoked, and then refused (401)', async () => {
    const created = await createToken(researcher, projectA.id);
    expect(created.token).toMatch(/^dkr_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ projectId: projectA.id, name: 'R på laptopen', lastUsedAt: null, revokedAt: null });
    // Only the hash is stored.
    const stored = await t.db.selectFrom('research_token').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(created.token);

    const page = await microdata('limit=3', bearer(created.token));
    expect(page.rows).toHaveLength(3);
    const read = (await auditLines('microdata.read')).at(-1)!;
    expect(read).toMatchObject({ actor_account_id: accounts.researcher.id, actor_role: 'researcher', object_id: projectA.id });
    expect(read.details).toMatchObject({ apiTokenId: created.id, rows: 3 });

    const exported = await get(`/projects/${projectA.id}/export?language=en`, bearer(created.token));
    expect(exported.statusCode, exported.body.slice(0, 200)).toBe(200);
    expect(exported.headers['content-type']).toBe('application/zip');
    const exportLine = (await auditLines('export.create')).at(-1)!;
    expect(exportLine).toMatchObject({ actor_account_id: accounts.researcher.id, object_id: projectA.id });
    expect(exportLine.details).toMatchObject({ apiTokenId: created.id, rows: RESPONSES_A });

    const listed = await get(`/projects/${projectA.id}/tokens`, asCookie(researcher));
    expect(listed.statusCode).toBe(200);
    const mine = (listed.json() as ResearchToken[]).find((x) => x.id === created.id)!;
    expect(mine.lastUsedAt).toBe(t.clock.now().toISOString());
    expect(listed.body).not.toContain(created.token);
    expect(mine).not.toHaveProperty('token');

    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/projects/${projectA.id}/tokens/${created.id}`, headers: researcher.headers });
    expect(revoked.statusCode).toBe(204);
    const refused = await get(`/projects/${projectA.id}/microdata`, bearer(created.token));
    expect(refused.statusCode).toBe(401);
    expect(refused.json().type).toBe('urn:digikompass:problem:api_token_invalid');
    expect((await get(`/projects/${projectA.id}/export`, bearer(created.token))).statusCode).toBe(401);
    const after = (await (await get(`/projects/${projectA.id}/tokens`, asCookie(researcher))).json()) as ResearchToken[];
    expect(after.find((x) => x.id === created.id)!.revokedAt).not.toBeNull();
    expect((await auditLines('research_token.revoke')).at(-1)).toMatchObject({ object_id: created.id, actor_account_id: accounts.researcher.id });
  });

  it('records the last use at most once a minute', async () => {
    const { id, token } = await createToken(researcher, projectA.id);
    const lastUsed = async () => (await t.db.selectFrom('research_token').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow()).last_used_at;
    await microdata('limit=1', bearer(token));
    const first = await lastUsed();
    expect(first?.getTime()).toBe(t.clock.now().getTime());
    t.clock.advance(30_000);
    await microdata('limit=1', bearer(token));
    expect((await lastUsed())?.getTime()).toBe(first!.getTime());
    t.clock.advance(40_000);
    await microdata('limit=1', bearer(token));
    expect((await lastUsed())?.getTime()).toBe(t.clock.now().getTime());
  });

  it("refuse unknown tokens (401), reach another project only as a 404, and no other route (403)", async () => {
    const { token } = await createToken(researcher, projectA.id);
    expect((await get(`/projects/${projectA.id}/microdata`, bearer('dkr_not-a-real-token'))).statusCode).toBe(401);
    expect((await get(`/projects/${projectA.id}/microdata`, bearer('something-else'))).statusCode).toBe(401);
    expect((await get(`/projects/${projectB.id}/microdata`, bearer(token))).statusCode).toBe(404);
    expect((await get(`/projects/${projectB.id}/export`, bearer(token))).statusCode).toBe(404);
    // Writes and other permissions, even of the same project, even GET: 403.
    const post = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${projectA.id}/tokens`, headers: bearer(token), payload: { name: 'via token' } });
    expect(post.statusCode).toBe(403);
    expect(post.json().type).toBe('urn:digikompass:problem:api_token_not_allowed');
    expect((await get(`/projects/${projectA.id}/tokens`, bearer(token))).statusCode).toBe(403);
    expect((await get('/session', bearer(token))).statusCode).toBe(403);
    expect((await get('/projects', bearer(token))).statusCode).toBe(403);
  });

  it("stop working when the owner's account is disabled or they leave the project", async () => {
    const owner = await buildResearcher(t.db, { projectIds: [projectA.id] });
    const session = await login(t.app, owner.email, owner.password);
    const first = await createToken(session, projectA.id);
    const second = await createToken(session, projectA.id);
    expect((await get(`/projects/${projectA.id}/microdata?limit=1`, bearer(first.token))).statusCode).toBe(200);
    await t.db.deleteFrom('account_project').where('account_id', '=', owner.id).execute();
    expect((await get(`/projects/${projectA.id}/microdata?limit=1`, bearer(first.token))).statusCode).toBe(401);
    await t.db.insertInto('account_project').values({ account_id: owner.id, project_id: projectA.id }).execute();
    const disabled = await t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${owner.id}`, headers: admin.headers, payload: { disabled: true } });
    expect(disabled.statusCode).toBe(200);
    expect((await get(`/projects/${projectA.id}/microdata?limit=1`, bearer(second.token))).statusCode).toBe(401);
  });

  it("of a platform admin work the same way, for their one project only", async () => {
    const { id, token } = await createToken(admin, projectB.id, 'admin B');
    expect((await microdata('limit=1', bearer(token), projectB.id)).total).toBe(1);
    expect((await auditLines('microdata.read')).at(-1)).toMatchObject({ actor_role: 'platform_admin', actor_account_id: accounts.admin.id, details: expect.objectContaining({ apiTokenId: id }) });
    expect((await get(`/projects/${projectA.id}/microdata`, bearer(token))).statusCode).toBe(404);
    expect((await get('/municipalities', bearer(token))).statusCode).toBe(403);
    expect((await get('/accounts', bearer(token))).statusCode).toBe(403);
  });

  it("are listed to a researcher only their own; the platform admin sees and revokes any, a researcher nobody else's", async () => {
    const adminToken = await createToken(admin, projectA.id, 'admin A');
    const own = await createToken(researcher, projectA.id, 'own');
    const researcherList = (await (await get(`/projects/${projectA.id}/tokens`, asCookie(researcher))).json()) as ResearchToken[];
    expect(researcherList.map((x) => x.id)).toContain(own.id);
    expect(researcherList.map((x) => x.id)).not.toContain(adminToken.id);
    const adminList = (await (await get(`/projects/${projectA.id}/tokens`, asCookie(admin))).json()) as ResearchToken[];
    expect(adminList.map((x) => x.id)).toEqual(expect.arrayContaining([own.id, adminToken.id]));
    const notTheirs = await t.app.inject({ method: 'DELETE', url: `/api/v1/projects/${projectA.id}/tokens/${adminToken.id}`, headers: researcher.headers });
    expect(notTheirs.statusCode).toBe(404);
    const wrongProject = await t.app.inject({ method: 'DELETE', url: `/api/v1/projects/${projectB.id}/tokens/${own.id}`, headers: admin.headers });
    expect(wrongProject.statusCode).toBe(404);
    const byAdmin = await t.app.inject({ method: 'DELETE', url: `/api/v1/projects/${projectA.id}/tokens/${own.id}`, headers: admin.headers });
    expect(byAdmin.statusCode).toBe(204);
    expect((await get(`/projects/${projectA.id}/microdata`, bearer(own.token))).statusCode).toBe(401);
  });

  it('cannot be made by a leader (403), for another project (404), or without a name (400)', async () => {
    const byLeader = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${projectA.id}/tokens`, headers: leader.headers, payload: { name: 'x' } });
    expect(byLeader.statusCode).toBe(403);
    const otherProject = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${projectB.id}/tokens`, headers: researcher.headers, payload: { name: 'x' } });
    expect(otherProject.statusCode).toBe(404);
    const noName = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${projectA.id}/tokens`, headers: researcher.headers, payload: { name: '  ' } });
    expect(noName.statusCode).toBe(400);
    const noCsrf = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${projectA.id}/tokens`, headers: { cookie: researcher.cookie }, payload: { name: 'x' } });
    expect(noCsrf.statusCode).toBe(403);
  });
});
