// Resetting a lost second factor (issue 6): who may reset whose, what is cleared (secret, recovery codes,
// sessions), the audit line, the mail over a real SMTP exchange, and the set-up again at the next login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../contracts/api.js';
import { buildAdmin, buildLeader, buildMunicipality, buildResearcher, buildProject, buildUnit, buildUnitLeader, type TestAccount } from '../test/factories.js';
import { startTestSmtp, type TestSmtp } from '../test/smtp.js';
import { buildTestApp, login, TEST_PUBLIC_URL, type LoggedIn, type TestApp } from '../test/test-app.js';

let t: TestApp;
let smtp: TestSmtp;
let adminAccount: TestAccount;
let admin: LoggedIn;
let gol: { id: string };
let golUnit: { id: string };
let holUnit: { id: string };

const reset = (accountId: string, who: LoggedIn, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/accounts/${accountId}/reset-two-factor`, headers: { ...who.headers, ...headers } });

async function deliveredTo(to: string) {
  await t.services.jobs.runDue();
  const mail = smtp.lastTo(to);
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}

async function twoFactorState(accountId: string) {
  const account = await t.db.selectFrom('account').select(['totp_secret', 'totp_enabled_at', 'totp_last_step']).where('id', '=', accountId).executeTakeFirstOrThrow();
  const codes = await t.db.selectFrom('recovery_code').select('code_hash').where('account_id', '=', accountId).execute();
  const sessions = await t.db.selectFrom('session').select('id_hash').where('account_id', '=', accountId).execute();
  return { ...account, recoveryCodes: codes.length, sessions: sessions.length };
}

/** A unit leader who has two-step login (made directly, as the seed does). */
async function unitLeaderWithTwoFactor(unitId: string, municipalityId: string, email: string): Promise<Account> {
  return t.services.accounts.createWithPassword({
    email,
    displayName: 'Eining Leiar',
    role: 'unit_leader',
    municipalityId,
    unitId,
    regionId: null,
    projectIds: [],
    language: 'nb',
    password: 'correct horse battery staple',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  });
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await buildTestApp({ smtpUrl: smtp.url, rateLimits: false });
  gol = await buildMunicipality(t.db, { name: 'Gol' });
  const hol = await buildMunicipality(t.db, { name: 'Hol' });
  golUnit = await buildUnit(t.db, { municipalityId: gol.id, name: 'Heimetenesta' });
  holUnit = await buildUnit(t.db, { municipalityId: hol.id, name: 'Heimetenesta' });
  adminAccount = await buildAdmin(t.db);
  admin = await login(t.app, adminAccount.email, adminAccount.password);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('resetting a lost second factor', () => {
  it('clears the authenticator and recovery codes, ends every session, audits, mails the person, who sets it up again at the next login', async () => {
    const leaderAccount = await buildLeader(t.db, { municipalityId: gol.id });
    await t.db.updateTable('account').set({ language: 'nn' }).where('id', '=', leaderAccount.id).execute();
    const leader = await login(t.app, leaderAccount.email, leaderAccount.password);
    const before = await twoFactorState(leaderAccount.id);
    expect(before.totp_enabled_at).not.toBeNull();
    expect(before.recoveryCodes).toBe(8);
    expect(before.sessions).toBeGreaterThan(0);

    const res = await reset(leaderAccount.id, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: leaderAccount.id, twoFactor: false, status: 'active' });
    expect(await twoFactorState(leaderAccount.id)).toEqual({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, recoveryCodes: 0, sessions: 0 });
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie: leader.cookie } })).statusCode).toBe(401);

    const line = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'account.totp_reset').where('object_id', '=', leaderAccount.id).executeTakeFirstOrThrow();
    expect(line).toMatchObject({ actor_account_id: adminAccount.id, actor_role: 'platform_admin', object_type: 'account', municipality_id: gol.id });

    const mail = await deliveredTo(leaderAccount.email);
    expect(mail.subject).toBe('Innlogginga i to steg er nullstilt');
    expect(mail.text).toContain('må du setje opp autentiseringsappen på nytt');
    expect(mail.text).toContain(`${TEST_PUBLIC_URL}/login`);
    expect(mail.html).toContain('lang="nn"');

    // The password alone now leads to a new set-up, not to the old code.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: leaderAccount.email, password: leaderAccount.password } });
    expect(again.json().stage).toBe('enrol');
    await login(t.app, leaderAccount.email, leaderAccount.password);
    expect((await twoFactorState(leaderAccount.id)).recoveryCodes).toBe(8);
  });

  it("lets a municipality leader reset their own municipality's unit leaders, and no one else (404)", async () => {
    const leaderAccount = await buildLeader(t.db, { municipalityId: gol.id });
    const leader = await login(t.app, leaderAccount.email, leaderAccount.password);
    const own = await unitLeaderWithTwoFactor(golUnit.id, gol.id, 'eining.gol@example.no');
    const res = await reset(own.id, leader);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().twoFactor).toBe(false);
    const mail = await deliveredTo('eining.gol@example.no');
    expect(mail.subject).toBe('Innloggingen i to trinn er nullstilt');
    // Unit leaders need no second factor: they log in with the password alone from now on.
    expect(mail.text).toContain('logger du inn med passordet ditt alene');
    const next = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'eining.gol@example.no', password: 'correct horse battery staple' } });
    expect(next.json().stage).toBe('full');

    const hols = await unitLeaderWithTwoFactor(holUnit.id, (await t.db.selectFrom('unit').select('municipality_id').where('id', '=', holUnit.id).executeTakeFirstOrThrow()).municipality_id, 'eining.hol@example.no');
    const otherLeader = await buildLeader(t.db, { municipalityId: gol.id });
    await login(t.app, otherLeader.email, otherLeader.password);
    const researcher = await buildResearcher(t.db, { projectIds: [(await buildProject(t.db)).id] });
    await login(t.app, researcher.email, researcher.password);
    for (const id of [hols.id, otherLeader.id, researcher.id, adminAccount.id]) {
      const denied = await reset(id, leader);
      expect(denied.statusCode, id).toBe(404);
    }
    expect((await twoFactorState(hols.id)).totp_enabled_at).not.toBeNull();
    expect((await twoFactorState(otherLeader.id)).totp_enabled_at).not.toBeNull();
  });

  it('refuses one’s own account and an account without two-step login (409), and a unit leader (403)', async () => {
    const self = await reset(adminAccount.id, admin, { 'accept-language': 'en' });
    expect(self.statusCode).toBe(409);
    expect(self.json().detail).toBe('You cannot reset your own two-step login. Ask another administrator.');
    const plain = await buildUnitLeader(t.db, { unitId: golUnit.id });
    const none = await reset(plain.id, admin);
    expect(none.statusCode).toBe(409);
    expect(none.json().type).toBe('urn:digikompass:problem:two_factor_not_enabled');
    const unitLeader = await login(t.app, plain.email, plain.password);
    expect((await reset(plain.id, unitLeader)).statusCode).toBe(403);
    expect((await reset(crypto.randomUUID(), admin)).statusCode).toBe(404);
  });
});
