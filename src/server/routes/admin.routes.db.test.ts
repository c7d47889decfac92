// Platform administration: organisation, accounts, projects, waves, links and QR codes — with audit lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdmin, buildLeader, buildMunicipality, buildSurvey } from '../test/factories.js';
import { buildTestApp, login, TEST_PUBLIC_URL, type LoggedIn, type TestApp } from '../test/test-app.js';

let t: TestApp;
let admin: LoggedIn;
let adminId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const a = await buildAdmin(t.db);
  adminId = a.id;
  admin = await login(t.app, a.email, a.password);
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, payload: unknown, headers = admin.headers) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: payload as object, headers });
const get = (url: string, headers: Record<string, string> = { cookie: admin.cookie }) => t.app.inject({ url: `/api/v1${url}`, headers });

describe('setting up a municipality, a wave and its links', () => {
  it('works end to end and audits every write', async () => {
    const region = await post('/regions', { code: 'hallinghelse', name: 'Hallinghelse' });
    expect(region.statusCode).toBe(201);
    const municipality = await post('/municipalities', { ssbCode: '3324', name: 'Gol', defaultLanguage: 'nn', regionId: region.json().id });
    expect(municipality.statusCode).toBe(201);
    const m = municipality.json();
    expect(m).toMatchObject({ ssbCode: '3324', name: 'Gol', defaultLanguage: 'nn', regionId: region.json().id });
    expect((await get('/municipalities')).json().map((x: { id: string }) => x.id)).toContain(m.id);

    const unit = await post(`/municipalities/${m.id}/units`, { name: 'Heimetenesta', staffCount: 42 });
    expect(unit.statusCode).toBe(201);
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/units/${unit.json().id}`, payload: { staffCount: 44 }, headers: admin.headers });
    expect(patched.json()).toMatchObject({ name: 'Heimetenesta', staffCount: 44 });
    expect((await get(`/municipalities/${m.id}/units`)).json()).toEqual([{ id: unit.json().id, municipalityId: m.id, name: 'Heimetenesta', staffCount: 44 }]);

    const project = await post('/projects', { name: 'Testprosjekt', endDate: '2027-12-31' });
    expect(project.statusCode).toBe(201);
    expect(project.json().kMin).toBe(5);

    const instruments = (await get('/instruments')).json();
    expect(instruments.map((i: { id: string; version: string }) => `${i.id}@${i.version}`)).toContain('digikompass-demo@0.1.0');

    const wave = await post('/waves', {
      projectId: project.json().id,
      label: 'T0',
      instrumentId: 'digikompass-demo',
      instrumentVersion: '0.1.0',
      opensAt: '2026-03-01T07:00:00+01:00',
      closesAt: '2026-04-01T22:00:00+02:00',
    });
    expect(wave.statusCode).toBe(201);
    expect(wave.json()).toMatchObject({ label: 'T0', status: 'open', opensAt: '2026-03-01T06:00:00.000Z' });
    expect((await get(`/waves/${wave.json().id}`)).json().id).toBe(wave.json().id);

    const link = await post(`/waves/${wave.json().id}/links`, { municipalityId: m.id, unitId: null, sharedDevice: false });
    expect(link.statusCode).toBe(201);
    const l = link.json();
    expect(l.token.length).toBeGreaterThanOrEqual(22);
    expect(l.url).toBe(`${TEST_PUBLIC_URL}/s/${l.token}`);
    const tablet = await post(`/waves/${wave.json().id}/links`, { municipalityId: m.id, unitId: unit.json().id, sharedDevice: true });
    expect(tablet.json()).toMatchObject({ unitId: unit.json().id, sharedDevice: true });
    expect((await get(`/waves/${wave.json().id}/links`)).json()).toHaveLength(2);

    // A link may serve another form of the questionnaire (the short form); both parts of its id are needed.
    const shortLink = await post(`/waves/${wave.json().id}/links`, {
      municipalityId: m.id, unitId: unit.json().id, sharedDevice: false, instrumentId: 'digikompass-short', instrumentVersion: '1.0.0',
    });
    expect(shortLink.statusCode).toBe(201);
    expect(shortLink.json()).toMatchObject({ instrumentId: 'digikompass-short', instrumentVersion: '1.0.0' });
    const shortInfo = (await t.app.inject({ url: `/api/v1/survey/${shortLink.json().token}` })).json();
    expect(shortInfo.instrument).toMatchObject({ id: 'digikompass-short', form: 'short' });
    expect((await get('/instruments')).json().find((i: { id: string }) => i.id === 'digikompass-short').inUse).toBe(true);
    const half = await post(`/waves/${wave.json().id}/links`, { municipalityId: m.id, unitId: null, sharedDevice: false, instrumentId: 'digikompass-short' });
    expect(half.statusCode).toBe(400);
    expect(half.json().errors.map((e: { path: string }) => e.path)).toEqual(['instrumentVersion']);
    const unknown = await post(`/waves/${wave.json().id}/links`, { municipalityId: m.id, unitId: null, sharedDevice: false, instrumentId: 'digikompass-short', instrumentVersion: '9.9.9' });
    expect(unknown.statusCode).toBe(400);

    const qr = await get(`/links/${l.id}/qr.svg`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(qr.body).toMatch(/^<svg/);

    // The respondent side sees the new link, and the instrument is now in use.
    expect((await t.app.inject({ url: `/api/v1/survey/${l.token}` })).json().municipality.name).toBe('Gol');
    expect((await get('/instruments')).json().find((i: { id: string }) => i.id === 'digikompass-demo').inUse).toBe(true);

    const actions = (await t.db.selectFrom('audit_log').select('action').where('actor_account_id', '=', adminId).execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['region.create', 'municipality.create', 'unit.create', 'unit.update', 'project.create', 'wave.create', 'link.create']));
  });

  it('invites a leader by e-mail (no password is set by the admin), once per address', async () => {
    const m = await buildMunicipality(t.db);
    const res = await post('/accounts', { email: 'Ny.Leiar@Example.no', displayName: 'Ny leiar', role: 'municipality_leader', municipalityId: m.id, language: 'nn' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'ny.leiar@example.no', municipalityId: m.id, status: 'invited', language: 'nn', twoFactor: false });
    const row = await t.db.selectFrom('account').select('password_hash').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.password_hash).toBeNull();
    await t.services.jobs.runDue();
    expect(t.outbox.map((mail) => mail.to)).toContain('ny.leiar@example.no');
    const again = await post('/accounts', { email: 'ny.leiar@example.no', displayName: 'Ny leiar', role: 'municipality_leader', municipalityId: m.id, language: 'nn' });
    expect(again.statusCode).toBe(409);
  });

  it('answers 400 with translated field errors for bad input and unknown references', async () => {
    const bad = await post('/municipalities', { ssbCode: '12', name: '', defaultLanguage: 'nn', regionId: null }, { ...admin.headers, 'accept-language': 'nn' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'ssbCode', message: 'SSB-koden har fire siffer.' },
        { path: 'name', message: 'Skriv minst 1 teikn.' },
      ]),
    );
    const wave = await post('/waves', {
      projectId: crypto.randomUUID(),
      label: 'T9',
      instrumentId: 'digikompass-demo',
      instrumentVersion: '0.1.0',
      opensAt: '2026-04-01T00:00:00Z',
      closesAt: '2026-03-01T00:00:00Z',
    });
    expect(wave.statusCode).toBe(400);
    expect(wave.json().errors).toEqual([{ path: 'closesAt', message: 'Må være etter åpningstidspunktet.' }]);
    const binding = await post('/accounts', { email: 'x@example.no', displayName: 'X', role: 'municipality_leader', language: 'nb' });
    expect(binding.statusCode).toBe(400);
    expect(binding.json().errors).toEqual([{ path: 'municipalityId', message: 'Velg en kommune.' }]);
  });
});

describe('leaders', () => {
  it('read their own municipality but cannot write', async () => {
    const m = await buildMunicipality(t.db);
    const l = await buildLeader(t.db, { municipalityId: m.id });
    const leader = await login(t.app, l.email, l.password);
    expect((await get(`/municipalities/${m.id}/units`, { cookie: leader.cookie })).statusCode).toBe(200);
    expect((await post('/regions', { code: 'nope', name: 'Nope' }, leader.headers)).statusCode).toBe(403);
    // Accounts: only those of their own municipality, and they may invite unit leaders only.
    const accounts = await get('/accounts', { cookie: leader.cookie });
    expect(accounts.statusCode).toBe(200);
    expect(accounts.json().map((a: { id: string }) => a.id)).toEqual([l.id]);
    const admin = await post('/accounts', { email: 'x2@example.no', displayName: 'X', role: 'platform_admin', language: 'nb' }, leader.headers);
    expect(admin.statusCode).toBe(403);
  });
});

describe('information and consent texts', () => {
  it('are versioned: a new version must be accepted before submitting, and the response keeps the version', async () => {
    const s = await buildSurvey(t.db);
    const text = (word: string) => ({ nb: `Ny tekst om ${word}`, nn: `Ny tekst om ${word} på nynorsk`, en: `New text about ${word}` });
    const added = await post(`/projects/${s.project.id}/consent`, { information: text('innsyn'), consent: text('samtykke') });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ version: 2, information: text('innsyn') });
    expect((await get(`/projects/${s.project.id}/consent`)).json().map((v: { version: number }) => v.version)).toEqual([1, 2]);

    const info = await t.app.inject({ url: `/api/v1/survey/${s.link.token}` });
    expect(info.json().consent).toMatchObject({ version: 2, consent: text('samtykke') });
    const body = { idempotencyKey: `key-${crypto.randomUUID()}`, language: 'nb', unitId: null, answers: {} };
    const outdated = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/responses`, payload: { ...body, consentVersion: 1 } });
    expect(outdated.statusCode).toBe(409);
    expect(outdated.json().type).toBe('urn:digikompass:problem:consent_outdated');
    const accepted = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/responses`, payload: { ...body, consentVersion: 2 } });
    expect(accepted.statusCode).toBe(201);
    const stored = await t.db.selectFrom('response').select('consent_version').where('wave_id', '=', s.wave.id).execute();
    expect(stored).toEqual([{ consent_version: 2 }]);

    const bad = await post(`/projects/${s.project.id}/consent`, { information: { nb: 'x' }, consent: text('y') });
    expect(bad.statusCode).toBe(400);
    const audit = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'project.consent_version').where('object_id', '=', s.project.id).execute();
    expect(audit).toEqual([{ details: { version: 2 } }]);
  });
});
