// Accounts in Chromium, with mail over a real SMTP exchange: the admin invites a leader (nynorsk), the
// leader opens the link from the mail on a phone, sets a password, sets up two-step login with the key
// shown on the page, keeps the recovery codes, logs out and in again with a code, and opts the
// municipality into benchmarks. axe on every page; screenshots at 360 px in nb and nn.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp, totpStep } from '../src/server/adapters/totp.js';
import { osloDate } from '../src/server/adapters/clock.js';
import { startServer, type RunningServer } from '../src/server/server.js';
import { linkToken, startTestSmtp, type TestSmtp } from '../src/server/test/smtp.js';
import { PHONE, expectAccessible, expectNoHorizontalScroll, launchBrowser, logInWithForm, newContext, screenshot } from './browser.js';

const ADMIN = { email: 'admin@kommune.test', password: 'admin passphrase for the test' };
const ADMIN_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const LEADER = { email: 'leiar.gol@kommune.test', password: 'fjellbekk tyttebær kompass' };

let browser: Browser;
let smtp: TestSmtp;
let server: RunningServer;
let base: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', seed: 'none', log: false, smtpUrl: smtp.url });
  base = server.url;
  const { services } = server;
  const today = osloDate(new Date());
  const gol = await services.repos.organisation.createMunicipality({ ssbCode: '3324', name: 'Gol', defaultLanguage: 'nn', regionId: null }, today);
  await services.repos.organisation.createUnit(gol.id, { name: 'Heimetenesta', staffCount: 40 });
  const project = await services.projects.create(null, { name: 'Digital kompetanse 2026', kMin: 5, endDate: '2027-12-31' });
  await services.repos.organisation.addProjectMember(project.id, gol.id);
  // Made directly (the seed helper): the first admin of an installation cannot be invited by anyone.
  await services.accounts.createWithPassword({
    email: ADMIN.email,
    displayName: 'Admin',
    role: 'platform_admin',
    municipalityId: null,
    unitId: null,
    regionId: null,
    projectIds: [],
    language: 'nb',
    password: ADMIN.password,
    totpSecret: ADMIN_SECRET,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

async function waitForMail(to: string) {
  await expect.poll(() => smtp.lastTo(to), { timeout: 20_000 }).toBeDefined();
  return smtp.lastTo(to)!;
}

async function look(page: Page, name: string, what: string) {
  await expectAccessible(page, what);
  await expectNoHorizontalScroll(page);
  await screenshot(page, name);
}

describe('an invited leader', () => {
  it('gets the mail, sets a password, enrols two-step login and logs in with a code', async () => {
    // The admin invites, on a phone, in bokmål.
    const adminContext = await newContext(browser, PHONE, 'nb-NO');
    const admin = await adminContext.newPage();
    await logInWithForm(admin, base, ADMIN.email, ADMIN.password, ADMIN_SECRET);
    await admin.goto(`${base}/admin?tab=accounts`);
    await admin.getByRole('heading', { name: 'Inviter en bruker' }).waitFor();
    await admin.getByLabel('E-post', { exact: true }).fill(LEADER.email);
    await admin.getByLabel('Navn', { exact: true }).fill('Leiar i Gol');
    await admin.getByRole('radio', { name: 'Leder i kommunen' }).check();
    await admin.getByLabel('Kommune', { exact: true }).selectOption({ label: 'Gol' });
    await admin.getByRole('group', { name: 'Språk i e-posten' }).getByRole('radio', { name: 'Nynorsk' }).check();
    await look(admin, 'accounts-invite-form-nb', 'admin invite form');
    await admin.getByRole('button', { name: 'Send invitasjon' }).click();
    await admin.getByText(`Invitasjonen er sendt til ${LEADER.email}.`).waitFor();
    await admin.getByRole('cell', { name: LEADER.email }).waitFor();
    expect(await admin.getByRole('row').filter({ hasText: LEADER.email }).getByText('Invitert').count()).toBe(1);
    await look(admin, 'accounts-list-nb', 'admin accounts list');

    // The mail, in nynorsk, with the link.
    const mail = await waitForMail(LEADER.email);
    expect(mail.subject).toBe('Du er invitert til Digikompass');
    const link = `${base}/set-password#${linkToken(mail)}`;
    expect(mail.text).toContain(link);

    // The invitee's phone (its browser set to bokmål): the page follows the language chosen for them.
    const context = await newContext(browser, PHONE, 'nb-NO');
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Velkomen til Digikompass', level: 1 }).waitFor();
    await look(page, 'set-password-nn', 'set password (nn)');
    await page.getByLabel('Nytt passord').fill('passord12345');
    await page.getByLabel('Gjenta passordet').fill('passord12345');
    await page.getByRole('button', { name: 'Lagre passordet' }).click();
    await page.getByText('Dette passordet er for lett å gjette').first().waitFor();
    await page.getByLabel('Nytt passord').fill(LEADER.password);
    await page.getByLabel('Gjenta passordet').fill(LEADER.password);
    await page.getByRole('button', { name: 'Lagre passordet' }).click();

    // Two-step login: the key as text, a code from it, then the recovery codes.
    await page.getByRole('heading', { name: 'Set opp innlogging i to steg', level: 1 }).waitFor();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getByRole('img', { name: 'QR-kode for å leggje til Digikompass i autentiseringsappen' }).count()).toBe(1);
    await look(page, 'enrol-nn', 'enrolment (nn)');
    const enrolStep = totpStep(new Date());
    await page.getByLabel('Kode', { exact: true }).fill(totp(base32Decode(secret), enrolStep));
    await page.getByRole('button', { name: 'Stadfest' }).click();
    await page.getByRole('heading', { name: 'Reservekodane dine', level: 1 }).waitFor();
    expect(await page.locator('.recovery-codes li').count()).toBe(8);
    await look(page, 'recovery-codes-nn', 'recovery codes (nn)');
    await page.getByRole('button', { name: 'Eg har teke vare på kodane' }).click();
    await page.waitForURL(`${base}/results`);

    // Log out, and in again: password, then a code of a later step (the enrolment's code was used once): the
    // next step's, which the server takes a step early (clock drift), so the test need not wait for it.
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.waitForURL(`${base}/login`);
    await page.getByLabel('E-post', { exact: true }).fill(LEADER.email);
    await page.getByLabel('Passord', { exact: true }).fill(LEADER.password);
    await page.getByRole('button', { name: 'Logg inn' }).last().click();
    await page.getByRole('heading', { name: 'Innlogging i to steg', level: 1 }).waitFor();
    await look(page, 'login-code-nn', 'login code step (nn)');
    await page.getByLabel('Kode', { exact: true }).fill(totp(base32Decode(secret), enrolStep + 1));
    await page.getByRole('button', { name: 'Logg inn' }).last().click();
    await page.waitForURL(`${base}/results`);

    // My account: the municipality's unit leaders and its benchmark choice.
    await page.getByRole('link', { name: 'Min konto' }).click();
    await page.getByRole('heading', { name: 'Min konto', level: 1 }).waitFor();
    const benchmark = page.getByRole('switch', { name: /Digital kompetanse 2026/ });
    expect(await benchmark.isChecked()).toBe(false);
    // The switch follows the saved choice (it changes once the server has answered): click, then wait for the status.
    await benchmark.click();
    await page.getByText('Lagra: svara tel med i samanlikninga for Digital kompetanse 2026.').waitFor();
    expect(await benchmark.isChecked()).toBe(true);
    await look(page, 'account-leader-nn', 'my account (nn)');
    await context.close();

    // The admin sees the leader active, with two-step login.
    await admin.reload();
    await admin.getByRole('cell', { name: LEADER.email }).waitFor();
    expect(await admin.getByRole('row').filter({ hasText: LEADER.email }).getByText('Aktiv').count()).toBe(1);
    await adminContext.close();
    const audit = await server.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['account.invite', 'account.invite_accepted', 'account.totp_enabled', 'benchmark.opt_in']));
  });

  it('asks for a new password by e-mail from the login page (nb)', async () => {
    const context = await newContext(browser, PHONE, 'nb-NO');
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: 'Glemt passordet?' }).click();
    await page.getByRole('heading', { name: 'Glemt passordet?', level: 1 }).waitFor();
    await page.getByLabel('E-post', { exact: true }).fill(LEADER.email);
    await page.getByRole('button', { name: 'Send lenke' }).click();
    await page.getByText(`Hvis det finnes en konto for ${LEADER.email}`).waitFor();
    await look(page, 'forgot-password-nb', 'forgot password (nb)');
    const mail = await waitForMail(LEADER.email);
    expect(mail.subject).toBe('Nytt passord til Digikompass');
    await page.goto(`${base}/set-password#${linkToken(mail)}`);
    await page.getByRole('heading', { name: 'Vel nytt passord', level: 1 }).waitFor();
    await context.close();
  });

  it('in bokmål: a researcher sets a password and two-step login, and logs in with a code', async () => {
    const { services } = server;
    const adminAccount = (await services.repos.accounts.findByEmail(ADMIN.email))!;
    const project = (await services.repos.projects.list())[0]!;
    await services.accounts.invite(await services.auth.viewerFor(adminAccount), {
      email: 'forskar@kommune.test', displayName: 'Forsker', role: 'researcher', municipalityId: null, unitId: null, regionId: null, projectIds: [project.id], language: 'nb',
    });
    const mail = await waitForMail('forskar@kommune.test');
    expect(mail.subject).toBe('Du er invitert til Digikompass');
    const context = await newContext(browser, PHONE, 'nn-NO');
    const page = await context.newPage();
    await page.goto(`${base}/set-password#${linkToken(mail)}`);
    await page.getByRole('heading', { name: 'Velkommen til Digikompass', level: 1 }).waitFor();
    await look(page, 'set-password-nb', 'set password (nb)');
    await page.getByLabel('Nytt passord').fill('forskning på digital kompetanse');
    await page.getByLabel('Gjenta passordet').fill('forskning på digital kompetanse');
    await page.getByRole('button', { name: 'Lagre passordet' }).click();
    await page.getByRole('heading', { name: 'Sett opp innlogging i to trinn', level: 1 }).waitFor();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await look(page, 'enrol-nb', 'enrolment (nb)');
    await page.getByLabel('Kode', { exact: true }).fill('000000');
    await page.getByRole('button', { name: 'Bekreft' }).click();
    await page.getByText('Koden er feil eller allerede brukt').first().waitFor();
    const enrolStep = totpStep(new Date());
    await page.getByLabel('Kode', { exact: true }).fill(totp(base32Decode(secret), enrolStep));
    await page.getByRole('button', { name: 'Bekreft' }).click();
    await page.getByRole('heading', { name: 'Reservekodene dine', level: 1 }).waitFor();
    await look(page, 'recovery-codes-nb', 'recovery codes (nb)');
    await page.getByRole('button', { name: 'Jeg har tatt vare på kodene' }).click();
    await page.waitForURL(`${base}/account`);
    await page.getByRole('heading', { name: 'Min konto', level: 1 }).waitFor();
    await look(page, 'account-researcher-nb', 'my account (nb)');
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.waitForURL(`${base}/login`);
    // A code of a later step, as for the leader above.
    await page.getByLabel('E-post', { exact: true }).fill('forskar@kommune.test');
    await page.getByLabel('Passord', { exact: true }).fill('forskning på digital kompetanse');
    await page.getByRole('button', { name: 'Logg inn' }).last().click();
    await page.getByRole('heading', { name: 'Innlogging i to trinn', level: 1 }).waitFor();
    await look(page, 'login-code-nb', 'login code step (nb)');
    await page.getByLabel('Kode', { exact: true }).fill(totp(base32Decode(secret), enrolStep + 1));
    await page.getByRole('button', { name: 'Logg inn' }).last().click();
    await page.waitForURL(`${base}/account`);
    await context.close();
  });
});
