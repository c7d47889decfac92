// Accounts end to end over a real SMTP exchange: invite → mail → set password → (enrol TOTP) → logged in;
// password reset; two-factor login with replay protection and recovery codes; who may invite whom;
// retried mail; the benchmark opt-in.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../adapters/secrets.js';
import { base32Decode, totp, totpStep } from '../adapters/totp.js';
import { buildAdmin, buildLeader, buildMunicipality, buildProject, buildRegion, buildUnit, buildUnitLeader } from '../test/factories.js';
import { linkToken, startTestSmtp, type TestSmtp } from '../test/smtp.js';
import { buildTestApp, login, TEST_PUBLIC_URL, type LoggedIn, type TestApp } from '../test/test-app.js';

let t: TestApp;
let smtp: TestSmtp;
let admin: LoggedIn;
let gol: { id: string };
let hol: { id: string };
let golUnit: { id: string };
let holUnit: { id: string };

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await buildTestApp({ smtpUrl: smtp.url });
  const region = await buildRegion(t.db);
  gol = await buildMunicipality(t.db, { name: 'Gol', regionId: region.id });
  hol = await buildMunicipality(t.db, { name: 'Hol', regionId: region.id });
  golUnit = await buildUnit(t.db, { municipalityId: gol.id, name: 'Heimetenesta' });
  holUnit = await buildUnit(t.db, { municipalityId: hol.id, name: 'Heimetenesta' });
  const a = await buildAdmin(t.db);
  admin = await login(t.app, a.email, a.password);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, session: LoggedIn | null, payload?: object, lang = 'nb') =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(session ? (method === 'GET' ? { cookie: session.cookie } : session.headers) : {}), 'accept-language': lang },
    ...(payload ? { payload } : {}),
  });

/** Sends what is queued, over SMTP, and gives back the last mail to `to`. */
async function deliveredTo(to: string) {
  await t.services.jobs.runDue();
  const mail = smtp.lastTo(to);
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}

function sessionFrom(res: { cookies: { name: string; value: string }[]; json(): { csrfToken?: string; session?: { csrfToken: string } } }): LoggedIn {
  const cookie = res.cookies.find((c) => c.name === 'dk_session')!;
  const body = res.json();
  const csrfToken = body.session?.csrfToken ?? body.csrfToken!;
  return { cookie: `dk_session=${cookie.value}`, csrfToken, headers: { cookie: `dk_session=${cookie.value}`, 'x-csrf-token': csrfToken } };
}

describe('an invitation', () => {
  it('reaches the invitee by SMTP in the chosen language; the link sets their own password once and logs them in', async () => {
    const invited = await api('POST', '/accounts', admin, { email: 'Eining.Gol@Example.no', displayName: 'Kari Eining', role: 'unit_leader', unitId: golUnit.id, language: 'nn' });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ email: 'eining.gol@example.no', role: 'unit_leader', municipalityId: gol.id, unitId: golUnit.id, status: 'invited' });

    // Queued in the jobs table, sealed: nothing in the database gives the link.
    const job = await t.db.selectFrom('job').select('payload').where('kind', '=', 'send_mail').where('done_at', 'is', null).executeTakeFirstOrThrow();
    const mail = await deliveredTo('eining.gol@example.no');
    const token = linkToken(mail);
    expect(JSON.stringify(job.payload)).not.toContain(token);
    expect(JSON.stringify(job.payload)).not.toContain('eining.gol');
    const stored = await t.db.selectFrom('account_token').select(['token_hash', 'purpose']).where('account_id', '=', invited.json().id).execute();
    expect(stored).toEqual([{ token_hash: sha256Hex(token), purpose: 'invite' }]);

    expect(mail.subject).toBe('Du er invitert til Digikompass');
    expect(mail.headers.get('content-language')).toBe('nn');
    expect(mail.text).toContain('Hei Kari Eining,');
    expect(mail.text).toContain(`${TEST_PUBLIC_URL}/set-password#${token}`);
    expect(mail.text).toContain('einingsleiar');
    expect(mail.html).toContain(`href="${TEST_PUBLIC_URL}/set-password#${token}"`);

    expect((await api('POST', '/password-tokens/inspect', null, { token })).json()).toEqual({ purpose: 'invite', email: 'eining.gol@example.no', displayName: 'Kari Eining', language: 'nn' });
    const common = await api('POST', '/password-tokens/complete', null, { token, password: 'Passord2024!!' }, 'nn');
    expect(common.statusCode).toBe(400);
    expect(common.json().errors[0]).toMatchObject({ path: 'password', message: expect.stringContaining('for lett å gjette') });
    expect((await api('POST', '/password-tokens/complete', null, { token, password: 'short' })).statusCode).toBe(400);

    const done = await api('POST', '/password-tokens/complete', null, { token, password: 'fjellbekk tyttebær kompass' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ stage: 'full', account: { role: 'unit_leader', unitId: golUnit.id } });
    const session = sessionFrom(done);
    expect((await api('GET', `/municipalities/${gol.id}/units`, session)).statusCode).toBe(200);

    const again = await api('POST', '/password-tokens/complete', null, { token, password: 'another long passphrase' }, 'en');
    expect(again.statusCode).toBe(410);
    expect(again.json().detail).toBe('This link has already been used or has expired. Ask for a new one.');
    const list = (await api('GET', '/accounts', admin)).json() as { email: string; status: string }[];
    expect(list.find((a) => a.email === 'eining.gol@example.no')?.status).toBe('active');
    const audit = await t.db.selectFrom('audit_log').select('action').where('object_id', '=', invited.json().id).execute();
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['account.invite', 'account.invite_accepted']));
  });

  it('for a role that needs two-factor login, lets in only after TOTP enrolment; codes work once, recovery codes too', async () => {
    const invited = await api('POST', '/accounts', admin, { email: 'leiar.hol@example.no', displayName: 'Leiar i Hol', role: 'municipality_leader', municipalityId: hol.id, language: 'nb' });
    const token = linkToken(await deliveredTo('leiar.hol@example.no'));
    const done = await api('POST', '/password-tokens/complete', null, { token, password: 'lang og trygg setning her' });
    expect(done.json().stage).toBe('enrol');
    const partial = sessionFrom(done);
    // Nothing but the session and the two-factor steps until then.
    const blocked = await api('GET', '/municipalities', partial, undefined, 'en');
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().type).toBe('urn:digikompass:problem:second_factor_required');

    const start = await api('POST', '/session/totp/enrolment', partial);
    expect(start.statusCode).toBe(200);
    const { secret, uri, qrSvg } = start.json() as { secret: string; uri: string; qrSvg: string };
    expect(uri).toMatch(/^otpauth:\/\/totp\/Digikompass%3Aleiar\.hol%40example\.no\?secret=[A-Z2-7]+&issuer=Digikompass&algorithm=SHA1&digits=6&period=30$/);
    expect(qrSvg).toMatch(/^<svg/);
    const key = base32Decode(secret);
    const row = await t.db.selectFrom('account').select(['totp_secret', 'totp_enabled_at']).where('id', '=', invited.json().id).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).toBeNull();
    expect(row.totp_secret).not.toContain(secret.replace(/\s/g, '').slice(0, 8));

    const wrong = await api('POST', '/session/totp/enrolment/confirm', partial, { code: totp(key, totpStep(t.clock.now()) + 5) });
    expect(wrong.statusCode).toBe(401);
    const confirmed = await api('POST', '/session/totp/enrolment/confirm', partial, { code: totp(key, t.clock.now()) });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes, session: info } = confirmed.json() as { recoveryCodes: string[]; session: { stage: string } };
    expect(info.stage).toBe('full');
    expect(recoveryCodes).toHaveLength(8);
    const hashes = await t.db.selectFrom('recovery_code').select('code_hash').where('account_id', '=', invited.json().id).execute();
    expect(hashes).toHaveLength(8);
    expect(hashes.map((h) => h.code_hash)).not.toContain(recoveryCodes[0]);
    // The partial session is gone; the new one works.
    expect((await api('GET', '/session', partial)).statusCode).toBe(401);
    expect((await api('GET', '/municipalities', sessionFrom(confirmed))).json()).toHaveLength(1);

    // Next login: the code of the step just used is refused (replay), the next step's is taken.
    const password = 'lang og trygg setning her';
    const loginAgain = async () => sessionFrom(await api('POST', '/session', null, { email: 'leiar.hol@example.no', password }));
    const second = await loginAgain();
    const replay = await api('POST', '/session/totp', second, { code: totp(key, t.clock.now()) });
    expect(replay.statusCode).toBe(401);
    const next = await api('POST', '/session/totp', second, { code: totp(key, totpStep(t.clock.now()) + 1) });
    expect(next.statusCode).toBe(200);
    expect(next.json().stage).toBe('full');

    // A recovery code works once, typed in upper case with spaces.
    const third = await loginAgain();
    const spoken = recoveryCodes[0]!.toUpperCase().replace('-', ' ');
    expect((await api('POST', '/session/totp', third, { code: spoken })).statusCode).toBe(200);
    const fourth = await loginAgain();
    expect((await api('POST', '/session/totp', fourth, { code: recoveryCodes[0]! })).statusCode).toBe(401);
    const actions = await t.db.selectFrom('audit_log').select('action').where('actor_account_id', '=', invited.json().id).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['account.totp_enabled', 'session.second_factor', 'session.recovery_code_used', 'session.second_factor_failed']));
  });

  it('is resent with a new link that voids the old one, and expires after 7 days', async () => {
    const invited = await api('POST', '/accounts', admin, { email: 'koordinator@example.no', displayName: 'Koordinator', role: 'region_coordinator', regionId: (await buildRegion(t.db)).id, language: 'en' });
    const first = linkToken(await deliveredTo('koordinator@example.no'));
    expect((await api('POST', `/accounts/${invited.json().id}/invite`, admin)).statusCode).toBe(200);
    const second = linkToken(await deliveredTo('koordinator@example.no'));
    expect(second).not.toBe(first);
    expect((await api('POST', '/password-tokens/inspect', null, { token: first })).statusCode).toBe(410);
    expect((await api('POST', '/password-tokens/inspect', null, { token: second })).statusCode).toBe(200);
    const mail = smtp.lastTo('koordinator@example.no')!;
    expect(mail.subject).toBe('You are invited to Digikompass');
    expect(mail.text).toContain('The link works once and for 7 days.');
    t.clock.advance(7 * 24 * 60 * 60 * 1000 + 1000);
    try {
      expect((await api('POST', '/password-tokens/inspect', null, { token: second })).statusCode).toBe(410);
    } finally {
      t.clock.set('2026-03-16T10:00:00.000Z');
    }
  });

  it('checks the binding its role needs, and who may invite whom', async () => {
    const bad = await api('POST', '/accounts', admin, { email: 'x@example.no', displayName: 'X', role: 'unit_leader', language: 'nn' }, 'nn');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'unitId', message: 'Vel ei eining.' }]);
    const researcher = await api('POST', '/accounts', admin, { email: 'r@example.no', displayName: 'R', role: 'researcher', projectIds: [], language: 'en' }, 'en');
    expect(researcher.json().errors).toEqual([{ path: 'projectIds', message: 'Choose at least one project.' }]);
    const project = await buildProject(t.db);
    const ok = await api('POST', '/accounts', admin, { email: 'r@example.no', displayName: 'R', role: 'researcher', projectIds: [project.id], language: 'en', municipalityId: gol.id });
    // Bindings the role does not have are cleared, never stored.
    expect(ok.json()).toMatchObject({ role: 'researcher', projectIds: [project.id], municipalityId: null });
    const taken = await api('POST', '/accounts', admin, { email: 'R@example.no', displayName: 'R', role: 'researcher', projectIds: [project.id], language: 'en' }, 'en');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors).toEqual([{ path: 'email', message: 'An account with this e-mail address already exists.' }]);

    // The database refuses a binding that does not fit the role, whatever the code does.
    await expect(
      sql`insert into account (email, display_name, role, municipality_id) values ('bad@example.no', 'Bad', 'unit_leader', ${gol.id})`.execute(t.db),
    ).rejects.toThrow(/account_binding_check/);
    await expect(
      sql`insert into account (email, display_name, role, municipality_id, unit_id) values ('bad@example.no', 'Bad', 'unit_leader', ${gol.id}, ${holUnit.id})`.execute(t.db),
    ).rejects.toThrow(/account_unit_in_municipality/);

    // A municipality leader invites unit leaders of their own municipality, nothing else.
    const l = await buildLeader(t.db, { municipalityId: gol.id });
    const leader = await login(t.app, l.email, l.password);
    const own = await api('POST', '/accounts', leader, { email: 'eining2.gol@example.no', displayName: 'Eining 2', role: 'unit_leader', unitId: golUnit.id, language: 'nn' });
    expect(own.statusCode).toBe(201);
    const other = await api('POST', '/accounts', leader, { email: 'eining.hol@example.no', displayName: 'Eining Hol', role: 'unit_leader', unitId: holUnit.id, language: 'nn' });
    expect(other.statusCode).toBe(404);
    expect((await api('POST', '/accounts', leader, { email: 'l2@example.no', displayName: 'L2', role: 'municipality_leader', municipalityId: gol.id, language: 'nn' })).statusCode).toBe(403);

    // …and can turn their unit leaders off and on, but not accounts of another municipality.
    const holLeader = await buildUnitLeader(t.db, { unitId: holUnit.id });
    expect((await api('PATCH', `/accounts/${holLeader.id}`, leader, { disabled: true })).statusCode).toBe(404);
    const golUnitLeader = await buildUnitLeader(t.db, { unitId: golUnit.id });
    const unitSession = await login(t.app, golUnitLeader.email, golUnitLeader.password);
    const off = await api('PATCH', `/accounts/${golUnitLeader.id}`, leader, { disabled: true });
    expect(off.json().status).toBe('disabled');
    expect((await api('GET', '/session', unitSession)).statusCode).toBe(401);
    expect((await api('POST', '/session', null, { email: golUnitLeader.email, password: golUnitLeader.password })).statusCode).toBe(401);
    expect((await api('PATCH', `/accounts/${golUnitLeader.id}`, leader, { disabled: false })).json().status).toBe('active');
    expect((await api('PATCH', `/accounts/${l.id}`, admin, { disabled: true })).statusCode).toBe(200);
  });
});

describe('password reset', () => {
  it('mails a one-hour link to a known address only, answering the same for any address', async () => {
    const l = await buildLeader(t.db, { municipalityId: gol.id, email: 'glemsk@example.no', password: 'the old long password' });
    await t.db.updateTable('account').set({ language: 'en' }).where('id', '=', l.id).execute();
    await t.services.jobs.runDue();
    const before = smtp.mails.length;
    const unknown = await api('POST', '/password-reset', null, { email: 'nobody@example.no' });
    expect(unknown.statusCode).toBe(202);
    await t.services.jobs.runDue();
    expect(smtp.mails.length).toBe(before);

    const known = await api('POST', '/password-reset', null, { email: 'Glemsk@Example.no' });
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const mail = await deliveredTo('glemsk@example.no');
    expect(mail.subject).toBe('A new password for Digikompass');
    expect(mail.text).toContain('The link works once and for 60 minutes.');
    const token = linkToken(mail);
    expect((await api('POST', '/password-tokens/inspect', null, { token })).json().purpose).toBe('reset');

    // An hour later the link no longer works.
    t.clock.advance(61 * 60 * 1000);
    expect((await api('POST', '/password-tokens/complete', null, { token, password: 'a brand new passphrase' })).statusCode).toBe(410);

    await api('POST', '/password-reset', null, { email: 'glemsk@example.no' });
    const fresh = linkToken(await deliveredTo('glemsk@example.no'));
    const done = await api('POST', '/password-tokens/complete', null, { token: fresh, password: 'a brand new passphrase' });
    expect(done.statusCode).toBe(200);
    expect(done.json().stage).toBe('enrol');
    expect((await api('POST', '/session', null, { email: 'glemsk@example.no', password: 'the old long password' })).statusCode).toBe(401);
    expect((await api('POST', '/session', null, { email: 'glemsk@example.no', password: 'a brand new passphrase' })).statusCode).toBe(200);
  });

  it('is rate-limited per address asked for', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api('POST', '/password-reset', null, { email: 'limit@example.no' })).statusCode);
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect((await api('POST', '/password-reset', null, { email: 'other@example.no' })).statusCode).toBe(202);
  });
});

describe('outgoing mail', () => {
  it('is retried from the jobs table when the SMTP server refuses it', async () => {
    smtp.rejectNext();
    await api('POST', '/accounts', admin, { email: 'retry@example.no', displayName: 'Retry', role: 'platform_admin', language: 'nb' });
    await t.services.jobs.runDue();
    expect(smtp.lastTo('retry@example.no')).toBeUndefined();
    const failed = await t.db.selectFrom('job').select(['attempts', 'last_error', 'done_at']).where('kind', '=', 'send_mail').where('done_at', 'is', null).executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ attempts: 1, done_at: null });
    expect(failed.last_error).toMatch(/451|busy/i);
    t.clock.advance(60_000);
    const mail = await deliveredTo('retry@example.no');
    expect(mail.subject).toBe('Du er invitert til Digikompass');
  });
});

describe('benchmark opt-in', () => {
  it('is set by the municipality for itself (or by a platform admin), read within scope, and audited', async () => {
    const project = await buildProject(t.db, { name: 'Benchmarkprosjekt' });
    await t.db.insertInto('project_municipality').values([{ project_id: project.id, municipality_id: gol.id }, { project_id: project.id, municipality_id: hol.id }]).execute();
    const l = await buildLeader(t.db, { municipalityId: gol.id });
    const leader = await login(t.app, l.email, l.password);
    const choices = await api('GET', `/municipalities/${gol.id}/benchmarks`, leader);
    expect(choices.json()).toContainEqual({ projectId: project.id, projectName: 'Benchmarkprosjekt', optIn: false });
    const on = await api('PUT', `/municipalities/${gol.id}/benchmarks/${project.id}`, leader, { optIn: true });
    expect(on.json()).toEqual({ projectId: project.id, projectName: 'Benchmarkprosjekt', optIn: true });
    expect((await api('PUT', `/municipalities/${hol.id}/benchmarks/${project.id}`, leader, { optIn: true })).statusCode).toBe(404);
    expect((await api('GET', `/municipalities/${hol.id}/benchmarks`, leader)).statusCode).toBe(404);
    expect((await api('PUT', `/municipalities/${gol.id}/benchmarks/${(await buildProject(t.db)).id}`, leader, { optIn: true })).statusCode).toBe(404);
    const u = await buildUnitLeader(t.db, { unitId: golUnit.id });
    const unitLeader = await login(t.app, u.email, u.password);
    expect((await api('GET', `/municipalities/${gol.id}/benchmarks`, unitLeader)).statusCode).toBe(200);
    expect((await api('PUT', `/municipalities/${gol.id}/benchmarks/${project.id}`, unitLeader, { optIn: false })).statusCode).toBe(403);
    expect((await api('PUT', `/municipalities/${hol.id}/benchmarks/${project.id}`, admin, { optIn: true })).json().optIn).toBe(true);
    const stored = await t.db.selectFrom('project_municipality').select(['municipality_id', 'benchmark_opt_in']).where('project_id', '=', project.id).orderBy('municipality_id').execute();
    expect(stored.every((r) => r.benchmark_opt_in)).toBe(true);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_account_id', 'municipality_id']).where('object_id', '=', project.id).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'benchmark.opt_in', actor_account_id: l.id, municipality_id: gol.id }]));
  });
});
